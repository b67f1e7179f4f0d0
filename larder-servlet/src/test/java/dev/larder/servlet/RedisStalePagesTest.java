package dev.larder.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.Cache;
import dev.larder.CacheConfig;
import dev.larder.CacheRegistry;
import dev.larder.testkit.servers.LarderServers;
import dev.larder.testkit.servers.RedisServer;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Stale pages over a real redis-server started for the run: the page record with its
 * freshness goes through the wire and the codec. Redis expires keys by its own clock, so the
 * pages outlive the test clock's moves; what makes them stale is the freshness they carry.
 */
@ExtendWith(LarderServers.class)
class RedisStalePagesTest extends StalePagesContract {
    private final CacheRegistry caches;
    private final RedisServer redis;

    RedisStalePagesTest(RedisServer redis) {
        this.redis = redis;
        caches = CacheRegistry.builder()
                .cache("default", CacheConfig.builder().backend("redis").location(redis.uri()).keyPrefix("stale").build())
                .build();
    }

    @Override
    protected Cache cache() {
        return caches.defaultCache();
    }

    /** A revalidation whose store fails (Redis refusing writes) still answers, and the failure is counted. */
    @Test
    void revalidation_whoseStoreFails_answersTheNewRendering_andCountsTheError() throws Exception {
        WebApp web = app(b -> b.staleWhileRevalidate(Duration.ofSeconds(30)).staleIfError(Duration.ofSeconds(300)));
        web.get("/p");
        clock.advanceSeconds(70);
        try {
            redis.cli("CONFIG", "SET", "maxmemory-policy", "noeviction");
            redis.cli("CONFIG", "SET", "maxmemory", "1");
            HttpResponse<String> r = web.get("/p");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("render 2");
            assertThat(header(r, STATUS)).isEqualTo("MISS");
            assertThat(pages().stats().errors()).isPositive();
            failure.set(Failure.THROW);
            HttpResponse<String> failed = web.get("/p");
            assertThat(failed.body()).isEqualTo("render 1");
            assertThat(header(failed, STATUS)).isEqualTo("STALE");
        } finally {
            redis.cli("CONFIG", "SET", "maxmemory", "0");
        }
    }

    @AfterEach
    void closeCaches() {
        caches.close();
    }
}
