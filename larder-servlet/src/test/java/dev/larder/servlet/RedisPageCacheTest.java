package dev.larder.servlet;

import dev.larder.Cache;
import dev.larder.CacheConfig;
import dev.larder.CacheRegistry;
import dev.larder.testkit.servers.LarderServers;
import dev.larder.testkit.servers.RedisServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;

/** The page cache over a shared backend: a real redis-server started for the run. */
@ExtendWith(LarderServers.class)
class RedisPageCacheTest extends PageCacheContract {
    private final CacheRegistry caches;

    RedisPageCacheTest(RedisServer redis) {
        caches = CacheRegistry.builder()
                .cache("default", CacheConfig.builder().backend("redis").location(redis.uri()).keyPrefix("pages").build())
                .build();
    }

    @Override
    protected Cache cache() {
        return caches.defaultCache();
    }

    @AfterEach
    void closeCaches() {
        caches.close();
    }
}
