package dev.larder.jcache;

import dev.larder.testkit.servers.RedisServer;
import java.util.Properties;
import javax.cache.CacheManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Two JCache nodes over one redis-server, each with a near cache: reads may be served locally,
 * and single-key operations stay atomic, since every conditional write compares in Redis and
 * drops the local copy (a node that loses a race reads Redis afresh).
 */
class RedisNearCacheSharedStoreTest extends SharedStoreContract {
    private static RedisServer redis;

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
        Properties p = SharedStores.redis(redis.uri());
        p.setProperty("larder.caches.default.near-cache.enabled", "true");
        return SharedStores.node(p);
    }
}
