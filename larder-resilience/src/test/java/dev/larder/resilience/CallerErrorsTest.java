package dev.larder.resilience;

import static dev.larder.resilience.Stores.config;
import static dev.larder.resilience.Stores.openBreaker;
import static dev.larder.resilience.Stores.state;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.larder.Cache;
import dev.larder.CacheKeyNotFoundException;
import dev.larder.CacheRegistry;
import dev.larder.CacheValueTooLargeException;
import dev.larder.CacheValueTypeException;
import dev.larder.InvalidCacheKeyException;
import dev.larder.SerializationException;
import dev.larder.testkit.servers.RedisServer;
import org.junit.jupiter.api.Test;

/** A caller's mistake is no store failure: it never opens the breaker. */
class CallerErrorsTest {

    @Test
    void callerErrors_countAsSuccesses_whileOneStoreFailureInTwoCallsOpensTheBreaker() {
        try (RedisServer redis = RedisServer.start();
             CacheRegistry caches = CacheRegistry.builder().cache("default", config("redis", redis.uri(),
                     "command-timeout", "300ms", "max-value-size", "64", "strict-keys", "true",
                     "circuit-breaker.minimum-calls", "2", "circuit-breaker.window", "2",
                     "circuit-breaker.failure-rate", "1")).build()) {
            Cache cache = caches.defaultCache();
            cache.set("text", "not a number");
            for (int i = 0; i < 3; i++) {
                assertThatThrownBy(() -> cache.incr("missing")).isInstanceOf(CacheKeyNotFoundException.class);
                assertThatThrownBy(() -> cache.incr("text")).isInstanceOf(CacheValueTypeException.class);
                assertThatThrownBy(() -> cache.set("big", "x".repeat(1_000))).isInstanceOf(CacheValueTooLargeException.class);
                assertThatThrownBy(() -> cache.set("object", new Object())).isInstanceOf(SerializationException.class);
                assertThatThrownBy(() -> cache.get("a key")).isInstanceOf(InvalidCacheKeyException.class);
            }
            assertThat(state(cache)).isEqualTo("CLOSED");
            assertThat(cache.inspect()).containsEntry("circuit-breaker.failed-calls", "0");
            cache.set("k", "v");
            assertThat(cache.get("k")).isEqualTo("v");

            // The same settings do open on a real store failure.
            redis.kill();
            openBreaker(cache, 2);
            assertThat(state(cache)).isEqualTo("OPEN");
        }
    }
}
