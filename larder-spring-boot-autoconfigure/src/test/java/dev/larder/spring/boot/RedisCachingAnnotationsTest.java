package dev.larder.spring.boot;

import dev.larder.testkit.servers.LarderServers;
import dev.larder.testkit.servers.RedisServer;
import org.junit.jupiter.api.extension.ExtendWith;

/** Spring's caching annotations over a real Redis server. */
@ExtendWith(LarderServers.class)
class RedisCachingAnnotationsTest extends CachingAnnotationsContract {
    private final RedisServer redis;

    RedisCachingAnnotationsTest(RedisServer redis) {
        this.redis = redis;
    }

    @Override
    protected String[] backendProperties() {
        return new String[] { "larder.caches.default.backend=redis", "larder.caches.default.location=" + redis.uri(),
            "larder.caches.default.key-prefix=annotations" };
    }
}
