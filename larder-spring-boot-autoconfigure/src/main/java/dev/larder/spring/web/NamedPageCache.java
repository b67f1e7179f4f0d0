package dev.larder.spring.web;

import dev.larder.servlet.PageCache;
import java.time.Duration;

/**
 * A page cache with the name its meters ({@code page-cache} tag) and the {@code larder}
 * endpoint show it by, beside the alias of the Larder cache it stores in: {@value #SITE} for
 * the per-site cache, {@code view:<timeout>} or {@code view:<timeout>:<keyPrefix>} for a
 * {@link CachePage} configuration ({@code view:900s}, {@code view:120s:items}; with stale
 * windows, {@code view:60s,swr=30s,sie=3600s}), so two page caches on one alias are told apart.
 *
 * <pre>{@code
 * new NamedPageCache(NamedPageCache.view(Duration.ofMinutes(15), "v2"), pages);   // "view:900s:v2"
 * }</pre>
 *
 * @param name      the page cache's name, unique within its alias
 * @param pageCache the page cache
 */
public record NamedPageCache(String name, PageCache pageCache) {
    /** The per-site cache's name. */
    public static final String SITE = "site";

    /** The name of the {@link CachePage} cache with this timeout and key prefix. */
    public static String view(Duration timeout, String keyPrefix) {
        return view(timeout, null, null, keyPrefix);
    }

    /**
     * The name of the {@link CachePage} cache with these settings; a stale window that is
     * {@code null} (the configured default) is left out of the name.
     */
    public static String view(Duration timeout, Duration staleWhileRevalidate, Duration staleIfError,
            String keyPrefix) {
        String name = "view:" + timeout.toSeconds() + "s"
                + (staleWhileRevalidate == null ? "" : ",swr=" + staleWhileRevalidate.toSeconds() + "s")
                + (staleIfError == null ? "" : ",sie=" + staleIfError.toSeconds() + "s");
        return keyPrefix.isEmpty() ? name : name + ":" + keyPrefix;
    }
}
