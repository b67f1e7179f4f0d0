package dev.larder.jcache;

import java.util.Properties;
import javax.cache.CacheManager;

/**
 * Two JCache nodes over one redis-server, each with a near cache: reads may be served locally,
 * and single-key operations stay atomic, since every conditional write compares in Redis and
 * drops the local copy (a node that loses a race reads Redis afresh).
 */
class RedisNearCacheSharedStoreTest extends RedisSharedStoreTest {

    @Override
    CacheManager node() {
        Properties p = SharedStores.redis(redis.uri());
        p.setProperty("larder.caches.default.near-cache.enabled", "true");
        return SharedStores.node(p);
    }
}
