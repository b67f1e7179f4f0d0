package dev.larder.resilience;

import static dev.larder.resilience.Stores.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.larder.CacheConfig;
import dev.larder.CacheConfigException;
import dev.larder.CacheRegistry;
import dev.larder.testkit.servers.RedisServer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which backends get a breaker, and which option values are refused. */
class WrappingTest {

    @Test
    void inProcessAndLocalBackends_areNeverWrapped_evenWhenAsked(@TempDir Path dir) {
        try (CacheRegistry caches = CacheRegistry.builder()
                .cache("default", config("locmem", "wrapping-test", "circuit-breaker", "true"))
                .cache("files", config("file", dir.toString(), "circuit-breaker", "true"))
                .cache("none", config("dummy", "")).build()) {
            for (String alias : caches.aliases()) {
                caches.cache(alias).set("k", "v");
                assertThat(caches.cache(alias).inspect()).as(alias).doesNotContainKey("circuit-breaker.state");
            }
            assertThat(Breakers.size()).isZero();
        }
    }

    @Test
    void redis_getsABreakerByDefault_showingItsStateAndCounts() {
        try (RedisServer redis = RedisServer.start();
             CacheRegistry caches = CacheRegistry.builder().cache("default", config("redis", redis.uri())).build()) {
            caches.defaultCache().set("k", "v");
            caches.defaultCache().get("k");
            assertThat(caches.defaultCache().inspect()).containsKey("topology")
                    .containsEntry("circuit-breaker.state", "CLOSED")
                    .containsEntry("circuit-breaker.failure-rate", "n/a")
                    .containsEntry("circuit-breaker.failed-calls", "0")
                    .containsEntry("circuit-breaker.not-permitted-calls", "0");
            assertThat(caches.defaultCache().capabilities().outOfProcess()).isTrue();
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "circuit-breaker|yes|is not true or false",
        "circuit-breaker.failure-rate|0|must be at least 1",
        "circuit-breaker.failure-rate|101|must be a percentage from 1 to 100",
        "circuit-breaker.failure-rate|half|is not a whole number",
        "circuit-breaker.minimum-calls|0|must be at least 1",
        "circuit-breaker.minimum-calls|21|must be at most circuit-breaker.window (20)",
        "circuit-breaker.window|-3|must be at least 1",
        "circuit-breaker.open-for|soon|is not a duration",
        "circuit-breaker.open-for|-1s|must be a positive duration",
        "circuit-breaker.probes|0|must be at least 1",
    })
    void badOption_isAConfigError_namingTheSettingAndTheValue(String option, String value, String problem) {
        CacheConfig config = config("locmem", "bad-options", option, value);
        assertThatThrownBy(() -> CacheRegistry.builder().cache("default", config).build())
                .isInstanceOf(CacheConfigException.class)
                .hasMessageContaining("larder.caches.default.options." + option + "='" + value + "'")
                .hasMessageContaining(problem);
    }

    @Test
    void badOption_onRedis_leavesNoBreakerBehind() {
        try (RedisServer redis = RedisServer.start()) {
            CacheConfig config = config("redis", redis.uri(), "circuit-breaker.probes", "none");
            assertThatThrownBy(() -> CacheRegistry.builder().cache("default", config).build())
                    .isInstanceOf(CacheConfigException.class)
                    .hasMessageContaining("larder.caches.default.options.circuit-breaker.probes='none'");
            assertThat(Breakers.size()).isZero();
        }
    }

    @Test
    void unknownBreakerOption_namesTheKnownOnes() {
        CacheConfig config = config("locmem", "unknown-option", "circuit-breaker.timeout", "1s");
        assertThatThrownBy(() -> CacheRegistry.builder().cache("default", config).build())
                .isInstanceOf(CacheConfigException.class)
                .hasMessageContaining("larder.caches.default.options.circuit-breaker.timeout")
                .hasMessageContaining("circuit-breaker.open-for");
    }
}
