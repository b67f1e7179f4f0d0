package dev.larder.resilience;

import static dev.larder.resilience.Stores.assertCachingResumesWithinFiveSeconds;
import static dev.larder.resilience.Stores.averageRefusalNanos;
import static dev.larder.resilience.Stores.config;
import static dev.larder.resilience.Stores.openBreaker;
import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.Cache;
import dev.larder.CacheRegistry;
import dev.larder.testkit.servers.MemcachedServers;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A killed memcached behind the breaker, and its return. */
class MemcachedBreakerTest {

    @Test
    void killedServer_opensTheBreaker_andCachingResumesWithinFiveSecondsOfItsReturn() {
        try (MemcachedServers memcached = MemcachedServers.start(1);
             CacheRegistry caches = CacheRegistry.builder().cache("default", config("memcached", memcached.location(),
                     "command-timeout", "300ms", "circuit-breaker.minimum-calls", "4")).build()) {
            Cache cache = caches.defaultCache();
            cache.set("k", "v");
            memcached.kill(0);
            openBreaker(cache, 4);
            assertThat(Duration.ofNanos(averageRefusalNanos(cache, 1_000))).isLessThan(Duration.ofMillis(1));
            assertThat(cache.inspect()).containsEntry("circuit-breaker.state", "OPEN");

            memcached.restart(0);
            assertCachingResumesWithinFiveSeconds(cache);
        }
    }
}
