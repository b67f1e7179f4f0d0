package dev.larder.spring.web;

import dev.larder.servlet.CacheFilter;
import dev.larder.servlet.PageCache;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;

/**
 * larder-servlet's {@link CacheFilter} (Django's {@code CacheMiddleware}) as Spring registers
 * it: the per-site page cache, and the cache behind each {@link CachePage} configuration.
 * Requests under an {@linkplain ExcludedPaths excluded path} (by default for the site cache,
 * Actuator's, so a health check is never answered from a stored page) pass by it entirely: not
 * looked up, not stored, not counted, no status header.
 *
 * <p>Order it before every filter that adds {@code Vary} or {@code Set-Cookie}: Spring Session,
 * Spring Security, {@link SessionVaryFilter}. Those run inside it, so the response it decides
 * about carries their headers.
 *
 * <pre>{@code
 * new PageCachingFilter(pages, ExcludedPaths.of(List.of("/actuator")));
 * }</pre>
 */
public class PageCachingFilter implements Filter {
    private final CacheFilter cache;
    private final ExcludedPaths excluded;

    public PageCachingFilter(PageCache pages) {
        this(pages, ExcludedPaths.NONE);
    }

    public PageCachingFilter(PageCache pages, ExcludedPaths excluded) {
        this.cache = new CacheFilter(pages);
        this.excluded = excluded;
    }

    /** The page cache this filter reads and writes. */
    public PageCache pageCache() {
        return cache.pageCache();
    }

    /** The paths it leaves alone. */
    public ExcludedPaths excludedPaths() {
        return excluded;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse resp, FilterChain chain)
            throws IOException, ServletException {
        if (req instanceof HttpServletRequest request && excluded.matches(request)) {
            chain.doFilter(req, resp);
        } else {
            cache.doFilter(req, resp, chain);
        }
    }
}
