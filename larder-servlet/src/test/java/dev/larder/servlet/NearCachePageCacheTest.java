package dev.larder.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.Cache;
import dev.larder.CacheConfig;
import dev.larder.CacheRegistry;
import dev.larder.testkit.servers.LarderServers;
import dev.larder.testkit.servers.RedisServer;
import dev.larder.testkit.Await;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The page cache over Redis with the near cache on: every promise of the page cache holds, a
 * hit (the URL's header list and the page) is served from this process's memory with no command
 * to Redis, and another node's change to the stored pages reaches this node's near cache.
 */
@ExtendWith(LarderServers.class)
class NearCachePageCacheTest extends PageCacheContract {
    private final CacheRegistry caches;
    private final RedisServer redis;

    NearCachePageCacheTest(RedisServer redis) {
        this.redis = redis;
        caches = registry(redis);
    }

    private static CacheRegistry registry(RedisServer redis) {
        return CacheRegistry.builder().cache("default", CacheConfig.builder().backend("redis").location(redis.uri())
                .keyPrefix("pages").option("near-cache.enabled", "true").build()).build();
    }

    @Override
    protected Cache cache() {
        return caches.defaultCache();
    }

    @Test
    void hit_sendsNoCommandToRedis() throws Exception {
        WebApp web = app(personal(null));
        web.get("/p");
        assertThat(header(web.get("/p"), STATUS)).isEqualTo("HIT");
        redis.cli("CONFIG", "RESETSTAT");
        for (int i = 0; i < 10; i++) {
            assertThat(header(web.get("/p"), STATUS)).isEqualTo("HIT");
        }
        assertThat(redis.calls("getrange") + redis.calls("get") + redis.calls("mget") + redis.calls("pttl")).isZero();
        assertThat(cache().stats().localHits()).isGreaterThanOrEqualTo(20);
    }

    /** Another node empties the shared page cache: this node's next request renders again. */
    @Test
    void clearOnAnotherNode_reachesThisNodesNearCache() throws Exception {
        WebApp web = app(personal(null));
        web.get("/p");
        assertThat(header(web.get("/p"), STATUS)).isEqualTo("HIT");
        int rendered = renders.get();
        long invalidations = cache().stats().invalidations();
        try (CacheRegistry other = registry(redis)) {
            other.defaultCache().clear();
        }
        Await.until(Duration.ofSeconds(5), "the invalidations of the header list and the page",
                () -> cache().stats().invalidations() >= invalidations + 2);
        assertThat(header(web.get("/p"), STATUS)).isEqualTo("MISS");
        assertThat(renders.get()).isEqualTo(rendered + 1);
    }

    @AfterEach
    void closeCaches() {
        caches.close();
    }
}
