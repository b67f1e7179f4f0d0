package dev.larder.spring.boot;

import dev.larder.Cache;
import dev.larder.CacheConfigException;
import dev.larder.CacheRegistry;
import dev.larder.servlet.PageCache;
import dev.larder.spring.web.ConvertedBodyFilter;
import dev.larder.spring.web.ExcludedPaths;
import dev.larder.spring.web.LarderHandlerFilter;
import dev.larder.spring.web.PageCacheFactory;
import dev.larder.spring.web.PageCachingFilter;
import dev.larder.spring.web.SessionVaryFilter;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.handler.HandlerMappingIntrospector;

/**
 * Larder's page cache and handler annotations for Spring MVC: the per-site page cache when
 * {@code larder.page-cache.enabled=true} (the {@link PageCache} bean {@code larderPageCache},
 * behind the filter {@code larderPageCacheFilter}), and, unless
 * {@code larder.page-cache.annotations=false}, the filters that honour {@code @CachePage},
 * {@code @CacheControl}, {@code @NeverCache}, {@code @VaryOnHeaders}, {@code @VaryOnCookie} and
 * {@code @Condition}. The per-site cache leaves {@code larder.page-cache.exclude-paths} alone;
 * unset, that is Actuator's base path when management shares the application's port, so a
 * health check is never answered from a stored page.
 *
 * <p>Filter order, outermost first, and why:
 * <ol>
 *   <li>{@link #PAGE_CACHE_ORDER} ({@code Integer.MIN_VALUE + 40}): the per-site cache, then the
 *       {@code @CachePage} caches ({@link #CACHE_PAGE_ORDER}). Inside Boot's character-encoding
 *       and observation filters (so hits are measured and encoded like other responses), outside
 *       Spring Session ({@code MIN_VALUE + 50}), Spring Security ({@code -100}) and every other
 *       filter that adds {@code Vary} or {@code Set-Cookie}: a page cache decides about the
 *       response they finished (a page that sets a cookie or says {@code private} is never
 *       stored), which Django's middleware order gets wrong for {@code cache_page} (ticket
 *       #15855).
 *   <li>{@link #SESSION_VARY_ORDER} ({@code MIN_VALUE + 60}): {@link SessionVaryFilter}, inside
 *       Spring Session, so it sees the application's {@code getSession} calls, and outside
 *       Spring Security, whose session use it must also see.
 *   <li>{@link #HEADERS_ORDER} ({@code -90}): the header annotations and {@code @Condition},
 *       inside Spring Security: ETag functions run only for requests it allowed, and Security's
 *       default {@code Cache-Control} steps aside for the one the handler declared.
 * </ol>
 */
@AutoConfiguration(after = LarderAutoConfiguration.class,
        afterName = "org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ DispatcherServlet.class, PageCache.class })
@EnableConfigurationProperties(LarderPageCacheProperties.class)
public class LarderWebMvcAutoConfiguration {
    /** The per-site page cache filter's order. */
    public static final int PAGE_CACHE_ORDER = Integer.MIN_VALUE + 40;
    /** The {@code @CachePage} filter's order: just inside the per-site cache. */
    public static final int CACHE_PAGE_ORDER = PAGE_CACHE_ORDER + 1;
    /** {@link ConvertedBodyFilter}'s order: inside both page caches, which it keeps from taking Spring's flush for streaming. */
    public static final int CONVERTED_BODY_ORDER = CACHE_PAGE_ORDER + 1;
    /** {@link SessionVaryFilter}'s order: after Spring Session's {@code SessionRepositoryFilter} (MIN_VALUE + 50). */
    public static final int SESSION_VARY_ORDER = Integer.MIN_VALUE + 60;
    /** The header annotations' order: after Spring Security's filter chain (-100). */
    public static final int HEADERS_ORDER = -90;

    @Bean
    @ConditionalOnBooleanProperty("larder.page-cache.enabled")
    public PageCache larderPageCache(CacheRegistry registry, LarderPageCacheProperties properties,
            ObjectProvider<PageCacheCustomizer> customizers) {
        PageCache.Builder builder = PageCacheBuilders.site(registry, properties);
        customizers.orderedStream().forEach(c -> c.customize(builder));
        return builder.build();
    }

    @Bean
    @ConditionalOnBooleanProperty("larder.page-cache.enabled")
    public FilterRegistrationBean<PageCachingFilter> larderPageCacheFilter(PageCache larderPageCache,
            LarderPageCacheProperties properties, Environment environment) {
        List<String> excluded = properties.getExcludePaths() != null ? properties.getExcludePaths()
                : ActuatorPaths.onMainPort(environment);
        FilterRegistrationBean<PageCachingFilter> registration = new FilterRegistrationBean<>(
                new PageCachingFilter(larderPageCache, ExcludedPaths.of(excluded)));
        registration.setUrlPatterns(properties.getUrlPatterns());
        registration.setOrder(PAGE_CACHE_ORDER);
        return registration;
    }

    @Bean
    @Conditional(PageCachingInUse.class)
    public FilterRegistrationBean<SessionVaryFilter> larderSessionVaryFilter() {
        FilterRegistrationBean<SessionVaryFilter> registration = new FilterRegistrationBean<>(new SessionVaryFilter());
        registration.setOrder(SESSION_VARY_ORDER);
        return registration;
    }

    @Bean
    @ConditionalOnBooleanProperty(name = "larder.page-cache.annotations", matchIfMissing = true)
    public FilterRegistrationBean<LarderHandlerFilter> larderCachePageFilter(
            ObjectProvider<HandlerMappingIntrospector> introspector, CacheRegistry registry,
            LarderPageCacheProperties properties, ObjectProvider<PageCacheCustomizer> customizers) {
        PageCacheFactory pages = new PageCacheFactory() {
            @Override
            public PageCache pageCache(String alias, Duration pageTimeout, String keyPrefix) {
                return pageCache(alias, pageTimeout, keyPrefix, null, null);
            }

            @Override
            public PageCache pageCache(String alias, Duration pageTimeout, String keyPrefix,
                    Duration staleWhileRevalidate, Duration staleIfError) {
                PageCache.Builder builder = PageCacheBuilders.view(registry, properties, alias, pageTimeout, keyPrefix);
                if (staleWhileRevalidate != null) {
                    builder.staleWhileRevalidate(staleWhileRevalidate);
                }
                if (staleIfError != null) {
                    builder.staleIfError(staleIfError);
                }
                customizers.orderedStream().forEach(c -> c.customize(builder));
                return builder.build();
            }
        };
        FilterRegistrationBean<LarderHandlerFilter> registration = new FilterRegistrationBean<>(
                LarderHandlerFilter.pageCaching(introspector::getIfAvailable, pages));
        registration.setOrder(CACHE_PAGE_ORDER);
        return registration;
    }

    @Bean
    @Conditional(PageCachingInUse.class)
    public FilterRegistrationBean<ConvertedBodyFilter> larderConvertedBodyFilter(
            ObjectProvider<HandlerMappingIntrospector> introspector, LarderPageCacheProperties properties,
            @Qualifier("larderCachePageFilter") ObjectProvider<FilterRegistrationBean<LarderHandlerFilter>> cachePage) {
        boolean site = properties.isEnabled();
        FilterRegistrationBean<LarderHandlerFilter> views = cachePage.getIfAvailable();
        FilterRegistrationBean<ConvertedBodyFilter> registration = new FilterRegistrationBean<>(new ConvertedBodyFilter(
                introspector::getIfAvailable, () -> site || (views != null && views.getFilter().active())));
        registration.setOrder(CONVERTED_BODY_ORDER);
        return registration;
    }

    @Bean
    @ConditionalOnBooleanProperty(name = "larder.page-cache.annotations", matchIfMissing = true)
    public FilterRegistrationBean<LarderHandlerFilter> larderHandlerHeadersFilter(
            ObjectProvider<HandlerMappingIntrospector> introspector, ConfigurableListableBeanFactory beans,
            ObjectProvider<Clock> clock) {
        // The application's Clock bean when it has one, so a test's fixed clock sets @NeverCache's Expires too.
        FilterRegistrationBean<LarderHandlerFilter> registration = new FilterRegistrationBean<>(
                LarderHandlerFilter.headers(introspector::getIfAvailable, beans, clock.getIfUnique(Clock::systemUTC)));
        registration.setOrder(HEADERS_ORDER);
        return registration;
    }

    /** Fails start-up on an annotation with bad settings, rather than every request after it. */
    @Bean
    @ConditionalOnBooleanProperty(name = "larder.page-cache.annotations", matchIfMissing = true)
    public SmartInitializingSingleton larderHandlerAnnotationsCheck(
            @Qualifier("larderCachePageFilter") FilterRegistrationBean<LarderHandlerFilter> pages,
            @Qualifier("larderHandlerHeadersFilter") FilterRegistrationBean<LarderHandlerFilter> headers) {
        return () -> {
            pages.getFilter().prepare();
            headers.getFilter().prepare();
        };
    }

    /** The site cache or the annotations are on: either needs the session and converted-body filters. */
    static final class PageCachingInUse extends AnyNestedCondition {
        PageCachingInUse() {
            super(ConfigurationPhase.REGISTER_BEAN);
        }

        @ConditionalOnBooleanProperty("larder.page-cache.enabled")
        static final class SiteCache {
        }

        @ConditionalOnBooleanProperty(name = "larder.page-cache.annotations", matchIfMissing = true)
        static final class HandlerAnnotations {
        }
    }

    /** Builders from {@code larder.page-cache.*}. */
    static final class PageCacheBuilders {
        private PageCacheBuilders() {
        }

        static PageCache.Builder site(CacheRegistry registry, LarderPageCacheProperties p) {
            Cache cache = ConfiguredAlias.require(registry, "larder.page-cache.alias", p.getAlias());
            PageCache.Builder b = shared(cache, p).keyPrefix(p.getKeyPrefix());
            return p.getPageTimeout() == null ? b : b.pageTimeout(p.getPageTimeout());
        }

        static PageCache.Builder view(CacheRegistry registry, LarderPageCacheProperties p, String alias,
                Duration pageTimeout, String keyPrefix) {
            return shared(registry.cache(alias), p).pageTimeout(pageTimeout).keyPrefix(keyPrefix);
        }

        private static PageCache.Builder shared(Cache cache, LarderPageCacheProperties p) {
            String status = p.getStatusHeader();
            return PageCache.builder(cache)
                    .timeout(p.getTimeout())
                    .statusHeader(status == null || status.isBlank() ? null : status.trim())
                    .serverTiming(p.isServerTiming())
                    .stampedeWait(p.getStampedeWait())
                    .maxPageBytes((int) Math.min(Integer.MAX_VALUE, p.getMaxPageSize().toBytes()))
                    .staleWhileRevalidate(window("stale-while-revalidate", p.getStaleWhileRevalidate()))
                    .staleIfError(window("stale-if-error", p.getStaleIfError()));
        }

        /** A stale window from {@code larder.page-cache.<name>}; a negative one names the property. */
        private static Duration window(String name, Duration value) {
            if (value == null || value.isNegative()) {
                throw new CacheConfigException("larder.page-cache." + name + "=" + value + ": must be zero or more");
            }
            return value;
        }
    }
}
