package dev.larder.jcache;

import dev.larder.testkit.servers.RedisServer;
import javax.cache.CacheManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Two JCache nodes over one redis-server: atomic through Lua scripts and {@code SET NX}. */
class RedisSharedStoreTest extends SharedStoreContract {
    static RedisServer redis;

    @BeforeAll
    static void start() {
        redis = RedisServer.start();
    }

    @AfterAll
    static void stop() {
        redis.close();
    }

    @Override
    CacheManager node() {
        return SharedStores.node(SharedStores.redis(redis.uri()));
    }
}
