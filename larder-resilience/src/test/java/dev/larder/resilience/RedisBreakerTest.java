package dev.larder.resilience;

import static dev.larder.resilience.Stores.assertCachingResumesWithinFiveSeconds;
import static dev.larder.resilience.Stores.averageRefusalNanos;
import static dev.larder.resilience.Stores.config;
import static dev.larder.resilience.Stores.openBreaker;
import static dev.larder.resilience.Stores.state;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.larder.Cache;
import dev.larder.CacheBackendException;
import dev.larder.CacheRegistry;
import dev.larder.CacheUnavailableException;
import dev.larder.testing.LogCapture;
import dev.larder.testkit.servers.RedisServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

/** A killed, a frozen and a returning Redis behind the breaker. */
class RedisBreakerTest {

    @Test
    void killedServer_opensTheBreaker_thenCallsFailAtOnce_namingTheStoreWithoutItsPassword() {
        try (RedisServer redis = RedisServer.start("--requirepass", "pw-s3cret");
             CacheRegistry caches = CacheRegistry.builder().cache("default", config("locmem", "redis-breaker"))
                     .cache("sessions", config("redis", "redis://:pw-s3cret@127.0.0.1:" + redis.port(),
                             "command-timeout", "300ms", "circuit-breaker.failure-rate", "100",
                             "circuit-breaker.minimum-calls", "4", "circuit-breaker.window", "4")).build()) {
            Cache cache = caches.cache("sessions");
            cache.set("k", "v");
            assertThat(state(cache)).isEqualTo("CLOSED");
            redis.kill();
            Instant opened = Instant.now();
            CacheUnavailableException e = openBreaker(cache, 4);

            assertThat(e).isInstanceOf(CacheBackendException.class)
                    .hasMessageContaining("cache 'sessions'")
                    .hasMessageContaining("redis 'redis://:***@127.0.0.1:" + redis.port() + "'")
                    .hasMessageContaining("calls fail at once until it is probed again at")
                    .hasMessageNotContaining("pw-s3cret");
            assertThat(e.probeAt()).hasValueSatisfying(at -> assertThat(at)
                    .isBetween(opened.plusSeconds(1), opened.plusSeconds(3)));
            assertThat(Duration.ofNanos(averageRefusalNanos(cache, 2_000))).isLessThan(Duration.ofMillis(1));
            assertThat(cache.inspect()).containsEntry("circuit-breaker.state", "OPEN")
                    .containsEntry("circuit-breaker.failed-calls", "4")
                    .doesNotContainKey("topology");
            assertThat(Long.parseLong(cache.inspect().get("circuit-breaker.not-permitted-calls"))).isGreaterThan(2_000);
        }
    }

    @Test
    void keys_listThroughTheBreaker_andFailAtOnceWhileItIsOpen() {
        try (RedisServer redis = RedisServer.start();
             CacheRegistry caches = CacheRegistry.builder().cache("default", config("redis", redis.uri(),
                     "command-timeout", "300ms", "circuit-breaker.failure-rate", "100",
                     "circuit-breaker.minimum-calls", "3", "circuit-breaker.window", "3")).build()) {
            Cache cache = caches.defaultCache();
            cache.set("a", 1L);
            cache.set("b", 2L);
            assertThat(cache.capabilities().listsKeys()).as("the wrapper keeps the capability").isTrue();
            List<String> listed = new ArrayList<>();
            cache.keys().forEachRemaining(listed::add);
            assertThat(listed).containsExactlyInAnyOrder("a", "b");
            Iterator<String> started = cache.keys();
            redis.kill();
            openBreaker(cache, 3);
            long start = System.nanoTime();
            assertThatThrownBy(started::hasNext).as("a listing under way").isInstanceOf(CacheUnavailableException.class);
            assertThatThrownBy(cache::keys).as("a new listing").isInstanceOf(CacheUnavailableException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(100));
        }
    }

    @Test
    void frozenServer_costsCommandTimeoutsOnlyUntilTheBreakerOpens() {
        try (RedisServer redis = RedisServer.start();
             CacheRegistry caches = CacheRegistry.builder().cache("default", config("redis", redis.uri(),
                     "command-timeout", "300ms", "circuit-breaker.failure-rate", "100",
                     "circuit-breaker.minimum-calls", "3", "circuit-breaker.window", "3")).build()) {
            Cache cache = caches.defaultCache();
            cache.set("k", "v");
            redis.freeze();
            try {
                for (int i = 0; i < 3; i++) {
                    long start = System.nanoTime();
                    assertThatThrownBy(() -> cache.get("k")).isInstanceOf(CacheBackendException.class)
                            .isNotInstanceOf(CacheUnavailableException.class);
                    assertThat(Duration.ofNanos(System.nanoTime() - start)).as("timeout " + i)
                            .isGreaterThan(Duration.ofMillis(250));
                }
                long start = System.nanoTime();
                assertThatThrownBy(() -> cache.get("k")).isInstanceOf(CacheUnavailableException.class);
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(20));
                assertThat(Duration.ofNanos(averageRefusalNanos(cache, 1_000))).isLessThan(Duration.ofMillis(1));
            } finally {
                redis.thaw();
            }
            // The three timed-out reads were on the wire and run once the server wakes up; the
            // 1,001 refused ones never left.
            long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            while (redis.calls("getrange") < 3 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(redis.calls("getrange")).isEqualTo(3);
            assertThat(state(cache)).isEqualTo("OPEN");
        }
    }

    @Test
    void halfOpenProbes_thatFail_openTheBreakerAgain_untilTheNextProbeTime() {
        try (RedisServer redis = RedisServer.start();
             CacheRegistry caches = CacheRegistry.builder().cache("default", config("redis", redis.uri(),
                     "command-timeout", "300ms", "circuit-breaker.minimum-calls", "2", "circuit-breaker.window", "2",
                     "circuit-breaker.open-for", "300ms", "circuit-breaker.probes", "2")).build()) {
            Cache cache = caches.defaultCache();
            redis.kill();
            Instant firstProbe = openBreaker(cache, 2).probeAt().orElseThrow();
            long openedAt = System.nanoTime();
            // Refused until open-for has passed; then two probes reach the dead store and fail.
            CacheUnavailableException again = openBreaker(cache, 2);
            assertThat(Duration.ofNanos(System.nanoTime() - openedAt)).isGreaterThanOrEqualTo(Duration.ofMillis(250));
            assertThat(again.probeAt()).hasValueSatisfying(at -> assertThat(at).isAfter(firstProbe));
            assertThat(state(cache)).isEqualTo("OPEN");
            assertThat(cache.inspect()).containsEntry("circuit-breaker.failed-calls", "2");
        }
    }

    @Test
    void restartedServer_breakerHalfOpensAndCloses_andValuesAreStoredAgainWithinFiveSeconds() {
        try (LogCapture log = LogCapture.of("dev.larder.resilience", Level.INFO);
             RedisServer redis = RedisServer.start("--requirepass", "pw-s3cret");
             CacheRegistry caches = CacheRegistry.builder().cache("default", config("redis",
                     "redis://:pw-s3cret@127.0.0.1:" + redis.port(), "command-timeout", "300ms",
                     "circuit-breaker.minimum-calls", "4")).build()) {
            Cache cache = caches.defaultCache();
            redis.kill();
            openBreaker(cache, 4);
            redis.restart();
            assertCachingResumesWithinFiveSeconds(cache);

            List<String> lines = log.messages();
            assertThat(lines).hasSize(2);
            assertThat(lines.get(0)).contains("CLOSED -> OPEN", "redis 'redis://:***@127.0.0.1:" + redis.port() + "'",
                    "[default]");
            assertThat(lines.get(1)).contains("HALF_OPEN -> CLOSED", "answers again");
            assertThat(String.join("\n", lines)).doesNotContain("pw-s3cret");
        }
    }

    @Test
    void twoAliasesOnOneStore_shareOneBreaker_untilTheLastOneCloses() {
        try (RedisServer redis = RedisServer.start();
             CacheRegistry caches = CacheRegistry.builder()
                     .cache("default", config("redis", redis.uri(), "command-timeout", "300ms", "circuit-breaker.minimum-calls", "4"))
                     .cache("b", config("redis", redis.uri(), "command-timeout", "300ms", "circuit-breaker.minimum-calls", "4"))
                     .build()) {
            assertThat(Breakers.size()).isEqualTo(1);
            redis.kill();
            openBreaker(caches.defaultCache(), 4);

            long start = System.nanoTime();
            assertThatThrownBy(() -> caches.cache("b").get("k")).isInstanceOf(CacheUnavailableException.class)
                    .hasMessageContaining("cache 'b'");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(20));
            assertThat(state(caches.cache("b"))).isEqualTo("OPEN");

            caches.defaultCache().close();
            assertThat(Breakers.size()).as("b still uses it").isEqualTo(1);
            caches.cache("b").close();
            assertThat(Breakers.size()).isZero();
        }
    }

    @Test
    void sameAliasInTwoRegistries_countsTwoUsers() {
        try (RedisServer redis = RedisServer.start();
             CacheRegistry first = CacheRegistry.builder().cache("default", config("redis", redis.uri())).build()) {
            try (CacheRegistry second = CacheRegistry.builder().cache("default", config("redis", redis.uri())).build()) {
                assertThat(Breakers.size()).isEqualTo(1);
            }
            assertThat(Breakers.size()).as("the first registry's cache still uses it").isEqualTo(1);
        }
        assertThat(Breakers.size()).isZero();
    }

    @Test
    void differentBreakerSettingsOnOneStore_areRefused_andNothingIsLeftBehind() {
        try (RedisServer redis = RedisServer.start()) {
            CacheRegistry.Builder b = CacheRegistry.builder()
                    .cache("default", config("redis", redis.uri()))
                    .cache("b", config("redis", redis.uri(), "circuit-breaker.open-for", "5s"));
            assertThatThrownBy(b::build).isInstanceOf(dev.larder.CacheConfigException.class)
                    .hasMessageContaining("larder.caches.b.options.circuit-breaker.open-for")
                    .hasMessageContaining("caches [default]")
                    .hasMessageContaining("redis 'redis://127.0.0.1:" + redis.port() + "'");
            assertThat(Breakers.size()).isZero();
        }
    }

    @Test
    void breakerDisabled_onOneOfTwoCaches_leavesThatOneUnwrapped() {
        try (RedisServer redis = RedisServer.start();
             CacheRegistry caches = CacheRegistry.builder()
                     .cache("default", config("redis", redis.uri()))
                     .cache("raw", config("redis", redis.uri(), "circuit-breaker", "false")).build()) {
            assertThat(state(caches.defaultCache())).isEqualTo("CLOSED");
            assertThat(caches.cache("raw").inspect()).doesNotContainKey("circuit-breaker.state").containsKey("topology");
        }
    }
}
