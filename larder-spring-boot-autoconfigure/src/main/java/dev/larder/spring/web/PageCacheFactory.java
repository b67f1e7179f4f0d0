package dev.larder.spring.web;

import dev.larder.servlet.PageCache;
import java.time.Duration;

/**
 * Builds the page cache for one {@link CachePage} configuration. Called once per distinct
 * configuration; the result is shared by every handler with that configuration.
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
}
