package dev.larder.resilience;

import static dev.larder.resilience.Stores.config;
import static dev.larder.resilience.Stores.openBreaker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.larder.Cache;
import dev.larder.CacheBackendException;
import dev.larder.CacheRegistry;
import dev.larder.CacheUnavailableException;
import dev.larder.testkit.Await;
import dev.larder.testkit.servers.RedisServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A Redis cache with a near cache behind the breaker: a local hit costs no I/O, so it passes no
 * breaker (it is counted nowhere there), and it is served while the breaker is open, as long as
 * the tracking connection, which flushes the local tier when it is lost, is alive.
 */
class NearCacheBreakerTest {

    private static long buffered(Cache cache) {
        return Long.parseLong(cache.inspect().get("circuit-breaker.buffered-calls"));
    }

    @Test
    void localHits_passNoBreaker() {
        try (RedisServer redis = RedisServer.start();
             CacheRegistry caches = CacheRegistry.builder().cache("default", config("redis", redis.uri(),
                     "near-cache.enabled", "true", "circuit-breaker.window", "1000")).build()) {
            Cache cache = caches.defaultCache();
            cache.set("a", "1");
            cache.set("b", "2");
            cache.getMany(List.of("a", "b"));
            long before = buffered(cache);
            for (int i = 0; i < 100; i++) {
                assertThat(cache.get("a")).isEqualTo("1");
                assertThat(cache.getMany(List.of("a", "b"))).isEqualTo(Map.of("a", "1", "b", "2"));
            }
            assertThat(buffered(cache)).isEqualTo(before);
            assertThat(cache.stats().localHits()).isEqualTo(300);
            assertThat(cache.getMany(List.of("a", "c"))).as("a local hit and a read through the breaker")
                    .isEqualTo(Map.of("a", "1"));
            assertThat(buffered(cache)).isEqualTo(before + 1);
        }
    }

    /**
     * The server stalls (DEBUG SLEEP 6 s, shorter than a heartbeat): reads time out (each within
     * twice the command timeout) and open the breaker, and tracking survives.
     */
    @Test
    void localHits_areServedWhileTheBreakerIsOpen() throws Exception {
        try (RedisServer redis = RedisServer.start("--enable-debug-command", "yes");
             CacheRegistry caches = CacheRegistry.builder().cache("default", config("redis", redis.uri(),
                     "near-cache.enabled", "true", "near-cache.heartbeat", "10s", "command-timeout", "500ms",
                     "circuit-breaker.failure-rate", "100", "circuit-breaker.minimum-calls", "3",
                     "circuit-breaker.window", "3", "circuit-breaker.open-for", "10s")).build()) {
            Cache cache = caches.defaultCache();
            cache.set("local", "kept");
            assertThat(cache.get("local")).isEqualTo("kept");
            Thread sleeper = new Thread(() -> redis.cli("DEBUG", "SLEEP", "6"));
            sleeper.start();
            // A read of a key not held locally times out once the stall has begun. Reads answered
            // before it stay in the breaker's window of 3, so up to 3 more failures may be needed.
            Await.until(Duration.ofSeconds(5), "the server's stall", () -> {
                try {
                    cache.get("probe");
                    return false;
                } catch (CacheBackendException e) {
                    return true;
                }
            });
            CacheUnavailableException open = openBreaker(cache, 3);
            assertThat(open).hasMessageContaining("cache 'default'");
            sleeper.join();
            assertThat(cache.get("local")).isEqualTo("kept");
            assertThat(cache.getMany(List.of("local"))).isEqualTo(Map.of("local", "kept"));
            assertThatThrownBy(() -> cache.get("elsewhere")).isInstanceOf(CacheUnavailableException.class);
            assertThat(cache.stats().flushes()).as("tracking was never lost").isZero();
        }
    }
}
