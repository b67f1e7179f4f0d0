package dev.larder.spring.cache;

import dev.larder.CacheConfig;
import dev.larder.testkit.servers.LarderServers;
import dev.larder.testkit.servers.RedisServer;
import org.junit.jupiter.api.extension.ExtendWith;

/** Spring's cache contract on a real Redis server. */
@ExtendWith(LarderServers.class)
class RedisSpringCacheTest extends SpringCacheContract {
    private final RedisServer redis;

    RedisSpringCacheTest(RedisServer redis) {
        this.redis = redis;
    }

    @Override
    protected CacheConfig.Builder store() {
        return CacheConfig.builder().backend("redis").location(redis.uri()).keyPrefix("spring-contract");
    }
}
