package dev.larder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.larder.spi.TimedValue;
import dev.larder.testing.Threads;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The load policy's settings, where a lease is refused, XFetch's test, and the stored envelope. */
class LoadPolicyTest {
    @TempDir
    Path dir;

    private static CacheConfig parse(String... settings) {
        Properties p = new Properties();
        p.setProperty("larder.caches.default.backend", "locmem");
        for (int i = 0; i < settings.length; i += 2) {
            p.setProperty("larder.caches.default." + settings[i], settings[i + 1]);
        }
        return ConfigLoader.parse(ConfigLoader.merge(p, java.util.Map.of(), new Properties())).get("default");
    }

    @Test
    void defaults_areAllOff() {
        assertThat(parse().loadPolicy()).isEqualTo(LoadPolicy.NONE);
        assertThat(LoadPolicy.NONE.leases()).isFalse();
        assertThat(LoadPolicy.NONE.timesEntries()).isFalse();
    }

    @Test
    void settings_areRead() {
        LoadPolicy policy = parse("lease", "true", "early-refresh", "TRUE", "stale-while-revalidate", "30s",
                "stale-if-error", "10m").loadPolicy();
        assertThat(policy).isEqualTo(new LoadPolicy(LoadPolicy.DEFAULT_LEASE_TIME, true, Duration.ofSeconds(30),
                Duration.ofMinutes(10)));
        assertThat(parse("lease", "2500ms").loadPolicy().leaseTime()).isEqualTo(Duration.ofMillis(2500));
        assertThat(parse("lease", "false").loadPolicy().leases()).isFalse();
    }

    @Test
    void badValues_nameTheSettingAndTheValue() {
        assertThatThrownBy(() -> parse("lease", "soon")).isInstanceOf(CacheConfigException.class)
                .hasMessageContaining("larder.caches.default.lease='soon'");
        assertThatThrownBy(() -> parse("lease", "0s")).hasMessageContaining("larder.caches.default.lease='0s'")
                .hasMessageContaining("positive");
        assertThatThrownBy(() -> parse("early-refresh", "maybe"))
                .hasMessageContaining("larder.caches.default.early-refresh='maybe'").hasMessageContaining("true or false");
        assertThatThrownBy(() -> parse("stale-while-revalidate", "-5s"))
                .hasMessageContaining("larder.caches.default.stale-while-revalidate='-5s'");
        assertThatThrownBy(() -> parse("stale-if-error", "never"))
                .hasMessageContaining("larder.caches.default.stale-if-error='never'");
    }

    @Test
    void builder_refusesASettingGivenTwice() {
        assertThatThrownBy(() -> CacheConfig.builder().lease(Duration.ofSeconds(1)).lease(Duration.ofSeconds(2)))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> CacheConfig.builder().staleIfError(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stale-if-error must be positive");
    }

    @Test
    void lease_onAStoreOneProcessKeeps_isRefusedNamingTheBackend() {
        CacheConfig locmem = CacheConfig.builder().backend("locmem").lease(Duration.ofSeconds(5)).build();
        assertThatThrownBy(() -> CacheRegistry.builder().cache("default", locmem).build())
                .isInstanceOf(CacheConfigException.class)
                .hasMessageContaining("larder.caches.default.lease").hasMessageContaining("'locmem'");
    }

    @Test
    void lease_onAFileDirectory_isAccepted_andLeavesNoLeaseBehind() throws Exception {
        CacheConfig file = CacheConfig.builder().backend("file").location(dir.toString())
                .lease(Duration.ofSeconds(5)).build();
        try (CacheRegistry caches = CacheRegistry.builder().cache("default", file).build()) {
            assertThat((Object) caches.defaultCache().getOrSet("k", () -> "v")).isEqualTo("v");
        }
        try (var files = Files.list(dir)) {
            assertThat(files.filter(f -> f.toString().endsWith(".larder"))).as("the value only").hasSize(1);
        }
    }

    @Test
    void lease_aWaiterWhoseLeaderIsInterrupted_loadsItselfInsteadOfFailing() throws Exception {
        CacheConfig.Builder file = CacheConfig.builder().backend("file").location(dir.toString());
        try (CacheRegistry holderProcess = CacheRegistry.builder().cache("default",
                CacheConfig.builder().backend("file").location(dir.toString()).lease(Duration.ofSeconds(2)).build()).build();
             CacheRegistry thisProcess = CacheRegistry.builder().cache("default",
                     file.lease(Duration.ofSeconds(2)).build()).build()) {
            CountDownLatch holding = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            ExecutorService threads = Executors.newFixedThreadPool(3);
            try {
                threads.submit(() -> holderProcess.defaultCache().getOrSet("k", () -> {
                    holding.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return "holder's";
                }));
                assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
                Cache cache = thisProcess.defaultCache();
                AtomicReference<Thread> leaderThread = new AtomicReference<>();
                Future<Object> leader = threads.submit(() -> {
                    leaderThread.set(Thread.currentThread());
                    return cache.getOrSet("k", () -> "leader's");
                });
                Threads.awaitParkedIn(leaderThread::get, "dev.larder.Leases", "await", Duration.ofSeconds(10));
                AtomicReference<Thread> followerThread = new AtomicReference<>();
                Future<Object> follower = threads.submit(() -> {
                    followerThread.set(Thread.currentThread());
                    return cache.getOrSet("k", () -> "follower's");
                });
                Threads.awaitParkedIn(followerThread::get, "dev.larder.Followers", "await", Duration.ofSeconds(10));
                leader.cancel(true);
                assertThat(follower.get(10, TimeUnit.SECONDS)).as("loaded once the lease time passed")
                        .isEqualTo("follower's");
            } finally {
                release.countDown();
                threads.shutdownNow();
            }
        }
    }

    @Test
    void lease_notShorterThanLoadWait_isRefused() {
        CacheConfig config = CacheConfig.builder().backend("file").location(dir.toString())
                .lease(Duration.ofSeconds(30)).build();
        assertThatThrownBy(() -> CacheRegistry.builder().cache("default", config).build())
                .isInstanceOf(CacheConfigException.class).hasMessageContaining("larder.caches.default.lease")
                .hasMessageContaining("larder.caches.default.load-wait");
        assertThatThrownBy(() -> CacheConfig.builder().lease(Duration.ofHours(2)))
                .hasMessageContaining("at most PT1H");
    }

    @Test
    void xfetch_refreshesWithAChanceOfEToTheMinusDistanceOverDelta() {
        TimedValue timed = new TimedValue("v", 10_000, 1_000, 1);
        // Due when random <= e^(-(10000 - now)/1000).
        assertThat(Refreshes.dueEarly(timed, 9_000, Math.exp(-1) - 1e-9)).isTrue();
        assertThat(Refreshes.dueEarly(timed, 9_000, Math.exp(-1) + 1e-9)).isFalse();
        assertThat(Refreshes.dueEarly(timed, 10_000, 0.999_999)).as("at expiry, always").isTrue();
        assertThat(Refreshes.dueEarly(new TimedValue("v", 10_000, 0, 1), 9_999, 1e-300))
                .as("a load that took no time is never refreshed early").isFalse();
    }

    @Test
    void timedValue_isReadAsItsValueWhileFresh_andAsAMissAfter() {
        TimedValue timed = new TimedValue("v", 1_000, 5, 1);
        assertThat(TimedValue.unwrap(timed, 999)).isEqualTo("v");
        assertThat(TimedValue.unwrap(timed, 1_000)).isNull();
        assertThat(TimedValue.unwrap("plain", 5_000)).isEqualTo("plain");
        assertThatThrownBy(() -> new TimedValue(timed, 1, 1, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void timedValue_roundTripsThroughTheDefaultSerializer_withNoClassAllowed() {
        var serializer = new dev.larder.serial.DefaultSerializer();
        TimedValue timed = new TimedValue(java.util.List.of("a", 1L), 123_456, 78, -42);
        assertThat(serializer.deserialize(serializer.serialize(timed))).isEqualTo(timed);
    }
}
