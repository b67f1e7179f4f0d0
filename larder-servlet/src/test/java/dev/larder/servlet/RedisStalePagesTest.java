package dev.larder.servlet;

import dev.larder.Cache;
import dev.larder.CacheConfig;
import dev.larder.CacheRegistry;
import dev.larder.testkit.servers.LarderServers;
import dev.larder.testkit.servers.RedisServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Stale pages over a real redis-server started for the run: the page record with its
 * freshness goes through the wire and the codec. Redis expires keys by its own clock, so the
 * pages outlive the test clock's moves; what makes them stale is the freshness they carry.
 */
@ExtendWith(LarderServers.class)
class RedisStalePagesTest extends StalePagesContract {
    private final CacheRegistry caches;

    RedisStalePagesTest(RedisServer redis) {
        caches = CacheRegistry.builder()
                .cache("default", CacheConfig.builder().backend("redis").location(redis.uri()).keyPrefix("stale").build())
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
