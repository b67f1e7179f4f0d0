package dev.larder.bootapp;

import dev.larder.CacheConfig;
import dev.larder.testkit.CacheContract;
import dev.larder.testkit.servers.LarderServers;
import dev.larder.testkit.servers.RedisServer;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The whole backend contract suite for Redis, run here on the Lettuce and Netty that Spring
 * Boot 4.0.7 manages (6.8.x, 4.2.x) instead of the ones Larder is built with.
 */
@ExtendWith(LarderServers.class)
class RedisOnBootsLettuceContractTest extends CacheContract {
    private final RedisServer redis;

    RedisOnBootsLettuceContractTest(RedisServer redis) {
        this.redis = redis;
    }

    @Override
    protected CacheConfig.Builder store(String name) {
        return CacheConfig.builder().backend("redis").location(redis.uri());
    }
}
