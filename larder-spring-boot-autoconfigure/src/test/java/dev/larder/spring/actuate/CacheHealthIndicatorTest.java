package dev.larder.spring.actuate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.CacheConfig;
import dev.larder.CacheRegistry;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

class CacheHealthIndicatorTest {
    private final CacheOrigin origin = new CacheOrigin("redis", "redis://:***@h:6379/0");
    /** Each reading moves 1.5 ms: the probe's latency is one step. */
    private final AtomicLong nanos = new AtomicLong();

    @Test
    void anAnsweringCache_isUp_withBackendMaskedLocationAndLatency() {
        try (CacheRegistry registry = CacheRegistry.builder().build()) {
            Health health = new CacheHealthIndicator(registry.defaultCache(), origin, () -> nanos.getAndAdd(1_500_000))
                    .health();
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsEntry("backend", "redis")
                    .containsEntry("location", "redis://:***@h:6379/0").containsEntry("latencyMillis", 1.5);
        }
    }

    @Test
    void aFailingCache_isDegraded_notDown_sayingWhy() {
        CacheRegistry registry = CacheRegistry.builder().build();
        registry.close();
        Health health = new CacheHealthIndicator(registry.defaultCache(), origin, () -> nanos.getAndAdd(1_000)).health();
        assertThat(health.getStatus()).isEqualTo(CacheHealthIndicator.DEGRADED).isNotEqualTo(Status.DOWN);
        assertThat((String) health.getDetails().get("error")).startsWith("IllegalStateException: ").contains("closed");
    }

    @Test
    void theProbeKey_isNeverWritten() {
        // A store of its own: the unnamed locmem store is shared by every registry in the JVM.
        try (CacheRegistry registry = CacheRegistry.builder()
                .cache("default", CacheConfig.builder().location("health-probe-never-written").build()).build()) {
            new CacheHealthIndicator(registry.defaultCache(), origin).health();
            assertThat(registry.defaultCache().hasKey(CacheHealthIndicator.PROBE_KEY)).isFalse();
            assertThat(registry.defaultCache().inspect()).containsEntry("entries", "0");
        }
    }
}
