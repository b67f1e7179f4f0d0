package dev.larder.spring.boot;

import dev.larder.servlet.PageCache;

/**
 * Changes the builder of each page cache Larder's Spring MVC support makes (the per-site one and
 * one per distinct {@code @CachePage}) after {@code larder.page-cache.*} is applied: for
 * settings that are code, such as Django's USE_I18N language function or a clock.
 *
 * <pre>{@code
 * @Bean
 * PageCacheCustomizer byLanguage() {
 *     return builder -> builder.language(request -> request.getLocale().toLanguageTag());
 * }
 * }</pre>
 */
@FunctionalInterface
public interface PageCacheCustomizer {
    void customize(PageCache.Builder builder);
}
