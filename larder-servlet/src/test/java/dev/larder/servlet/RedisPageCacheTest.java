package dev.larder.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.Cache;
import dev.larder.CacheConfig;
import dev.larder.CacheRegistry;
import dev.larder.testkit.servers.LarderServers;
import dev.larder.testkit.servers.RedisServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The page cache over a shared backend: a real redis-server started for the run. */
@ExtendWith(LarderServers.class)
class RedisPageCacheTest extends PageCacheContract {
    private final CacheRegistry caches;
    private final RedisServer redis;

    RedisPageCacheTest(RedisServer redis) {
        this.redis = redis;
        caches = CacheRegistry.builder()
                .cache("default", CacheConfig.builder().backend("redis").location(redis.uri()).keyPrefix("pages").build())
                .build();
    }

    @Override
    protected Cache cache() {
        return caches.defaultCache();
    }

    /**
     * A hit costs one round trip: the header list and the page it implies come in one
     * {@code getMany}, two bounded reads sent together.
     */
    @Test
    void hit_isOneRoundTripToRedis() throws Exception {
        WebApp web = app(personal(null));
        web.get("/p");
        redis.cli("CONFIG", "RESETSTAT");
        for (int i = 0; i < 10; i++) {
            assertThat(header(web.get("/p"), STATUS)).isEqualTo("HIT");
        }
        assertThat(redis.calls("getrange")).isEqualTo(20);
        assertThat(redis.calls("get") + redis.calls("mget")).isZero();
    }


    @AfterEach
    void closeCaches() {
        caches.close();
    }
}
