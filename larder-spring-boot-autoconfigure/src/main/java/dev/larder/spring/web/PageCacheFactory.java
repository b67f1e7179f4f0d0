package dev.larder.spring.web;

import dev.larder.servlet.PageCache;
import java.time.Duration;

/**
 * Builds the page cache for one {@link CachePage} configuration. Called once per distinct
 * configuration; the result is shared by every handler with that configuration. A factory that
 * honours {@link CachePage#staleWhileRevalidate} and {@link CachePage#staleIfError} implements
 * the five-argument method too.
 *
 * <pre>{@code
 * PageCacheFactory pages = (alias, pageTimeout, keyPrefix) ->
 *         PageCache.builder(registry.cache(alias)).pageTimeout(pageTimeout).keyPrefix(keyPrefix).build();
 * }</pre>
 */
@FunctionalInterface
public interface PageCacheFactory {

    /**
     * @param alias the Larder cache alias
     * @param pageTimeout how long every storable page is kept (Django's {@code cache_page} timeout)
     * @param keyPrefix Django's {@code key_prefix}
     */
    PageCache pageCache(String alias, Duration pageTimeout, String keyPrefix);

    /**
     * The page cache of a configuration that may name stale windows (RFC 5861).
     *
     * @param staleWhileRevalidate the view's window, or {@code null} for the factory's default
     * @param staleIfError the view's window, or {@code null} for the factory's default
     * @throws IllegalStateException by default, when a window is given: this factory does not take them
     */
    default PageCache pageCache(String alias, Duration pageTimeout, String keyPrefix, Duration staleWhileRevalidate,
            Duration staleIfError) {
        if (staleWhileRevalidate != null || staleIfError != null) {
            throw new IllegalStateException("this PageCacheFactory does not take staleWhileRevalidate or staleIfError;"
                    + " implement pageCache(alias, pageTimeout, keyPrefix, staleWhileRevalidate, staleIfError)");
        }
        return pageCache(alias, pageTimeout, keyPrefix);
    }
}
