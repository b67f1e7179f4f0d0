package dev.larder.spring.web;

import dev.larder.servlet.PageCache;
import jakarta.servlet.Filter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.springframework.web.method.HandlerMethod;

/**
 * The page cache for a handler's {@link CachePage}: one {@link PageCachingFilter} per distinct
 * (cache, timeout, key prefix, stale windows), shared by the handlers that ask for the same.
 */
final class PageFilters implements Function<HandlerMethod, List<Filter>> {
    private final PageCacheFactory factory;
    private final Map<Settings, PageCachingFilter> filters = new ConcurrentHashMap<>();

    PageFilters(PageCacheFactory factory) {
        this.factory = factory;
    }

    /** A stale window that is {@code null} is the factory's default. */
    private record Settings(String alias, Duration timeout, String keyPrefix, Duration staleWhileRevalidate,
            Duration staleIfError) {
        String name() {
            return NamedPageCache.view(timeout, staleWhileRevalidate, staleIfError, keyPrefix);
        }
    }

    @Override
    public List<Filter> apply(HandlerMethod handler) {
        CachePage page = Annotations.find(handler, CachePage.class);
        if (page == null) {
            return List.of();
        }
        if (page.timeout().isEmpty()) {
            throw new IllegalStateException("@CachePage on " + handler + " needs a timeout, e.g. @CachePage(\"15m\")");
        }
        Settings s = new Settings(page.cache(), Annotations.duration(page.timeout(), "@CachePage timeout", handler),
                page.keyPrefix(), window(page.staleWhileRevalidate(), "staleWhileRevalidate", handler),
                window(page.staleIfError(), "staleIfError", handler));
        return List.of(filters.computeIfAbsent(s, k -> new PageCachingFilter(pageCache(k, handler))));
    }

    private PageCache pageCache(Settings s, HandlerMethod handler) {
        try {
            return factory.pageCache(s.alias(), s.timeout(), s.keyPrefix(), s.staleWhileRevalidate(), s.staleIfError());
        } catch (RuntimeException e) {
            throw new IllegalStateException("@CachePage on " + handler + ": cache '" + s.alias() + "': " + e.getMessage(), e);
        }
    }

    /** An attribute's window, {@code null} when empty (the configured default); "0" is zero. */
    private static Duration window(String text, String attribute, HandlerMethod handler) {
        if (text.isEmpty()) {
            return null;
        }
        return text.strip().equals("0") ? Duration.ZERO : Annotations.duration(text, "@CachePage " + attribute, handler);
    }

    /** The page caches made so far, one per distinct configuration, with their names. */
    List<NamedPageCache> pageCaches() {
        return filters.entrySet().stream()
                .map(e -> new NamedPageCache(e.getKey().name(), e.getValue().pageCache())).toList();
    }
}
