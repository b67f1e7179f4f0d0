package dev.larder.spring.web;

import dev.larder.servlet.CacheFilter;
import dev.larder.servlet.PageCache;

/**
 * larder-servlet's {@link CacheFilter} (Django's {@code CacheMiddleware}) as Spring registers
 * it: the per-site page cache, and the cache behind each {@link CachePage} configuration.
 *
 * <p>Order it before every filter that adds {@code Vary} or {@code Set-Cookie}: Spring Session,
 * Spring Security, {@link SessionVaryFilter}. Those run inside it, so the response it decides
 * about carries their headers.
 */
public class PageCachingFilter extends CacheFilter {

    public PageCachingFilter(PageCache pages) {
        super(pages);
    }
}
