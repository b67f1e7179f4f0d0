package dev.larder.spring.cache;

import dev.larder.CacheConfig;

/** Spring's cache contract on local memory. */
class LocMemSpringCacheTest extends SpringCacheContract {
    @Override
    protected CacheConfig.Builder store() {
        return CacheConfig.builder().backend("locmem").location("spring-contract");
    }
}
