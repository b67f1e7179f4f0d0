package dev.larder.servlet;

import dev.larder.Cache;
import dev.larder.CacheConfig;
import dev.larder.CacheRegistry;
import org.junit.jupiter.api.AfterEach;

/** The page cache over the embedded default, local memory. */
class LocMemPageCacheTest extends PageCacheContract {
    private final CacheRegistry caches = CacheRegistry.builder().clock(clock)
            .cache("default", CacheConfig.builder().backend("locmem").location("pages").build()).build();

    @Override
    protected Cache cache() {
        return caches.defaultCache();
    }

    @AfterEach
    void closeCaches() {
        caches.close();
    }
}
