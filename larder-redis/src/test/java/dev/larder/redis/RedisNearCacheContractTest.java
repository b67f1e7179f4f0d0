package dev.larder.redis;

import dev.larder.CacheConfig;
import dev.larder.testkit.CacheContract;
import dev.larder.testkit.servers.LarderServers;
import dev.larder.testkit.servers.RedisServer;
import org.junit.jupiter.api.extension.ExtendWith;

/** The contract suite on one Redis server with the near cache on: every promise holds with the local tier in front. */
@ExtendWith(LarderServers.class)
class RedisNearCacheContractTest extends CacheContract {
    private final RedisServer redis;

    RedisNearCacheContractTest(RedisServer redis) {
        this.redis = redis;
    }

    @Override
    protected CacheConfig.Builder store(String name) {
        return CacheConfig.builder().backend("redis").location(redis.uri()).option("near-cache.enabled", "true");
    }
}
