package dev.larder.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.larder.Cache;
import dev.larder.CacheBackendException;
import dev.larder.CacheConfig;
import dev.larder.CacheRegistry;
import dev.larder.Timeout;
import dev.larder.testing.FakeClock;
import dev.larder.testkit.Stampede;
import dev.larder.testkit.servers.RedisServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code getOrSet}'s load policy on a real {@code redis-server}: one load across two JVMs, one
 * reload per expiry of a hot key, and this process's copies served while the server is dead.
 */
class RedisLoadPolicyTest {
    private final List<AutoCloseable> opened = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        Collections.reverse(opened);
        for (AutoCloseable c : opened) {
            c.close();
        }
    }

    private RedisServer redis() {
        RedisServer redis = RedisServer.start();
        opened.add(redis);
        return redis;
    }

    private Cache cache(RedisServer redis, java.time.Clock clock, UnaryOperator<CacheConfig.Builder> settings) {
        CacheConfig.Builder b = CacheConfig.builder().backend("redis").location(redis.uri()).keyPrefix("race")
                .option("command-timeout", "2s");
        CacheRegistry registry = CacheRegistry.builder().clock(clock).cache("default", settings.apply(b).build()).build();
        opened.add(registry);
        return registry.defaultCache();
    }

    @Test
    void lease_aThousandCallersInTwoJvms_runTheLoaderOnce() throws Exception {
        RedisServer redis = redis();
        Cache here = cache(redis, java.time.Clock.systemUTC(), b -> b.lease(Duration.ofSeconds(10)));
        here.set("loads", 0L, Timeout.NEVER);
        Process other = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), LeaseWorker.class.getName(),
                redis.uri(), "cold", "500").redirectErrorStream(true).start();
        BufferedReader lines = new BufferedReader(new InputStreamReader(other.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = lines.readLine()) != null && !line.equals("ready")) {
            // The other JVM's start-up output, if any.
        }
        assertThat(line).as("the other JVM connected").isEqualTo("ready");
        long start = System.currentTimeMillis() + 500;
        here.set("start", start, Timeout.NEVER);
        List<Object> mine = Stampede.race(here, "cold", 500, start);
        String theirs = lines.lines().collect(Collectors.joining("\n"));
        assertThat(other.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(other.exitValue()).as(theirs).isZero();
        assertThat(here.get("loads")).as("loader runs in both JVMs").isEqualTo(1L);
        assertThat(new HashSet<>(mine)).hasSize(1);
        assertThat(theirs).contains("results=500 distinct=[" + mine.get(0) + "]");
        long early = Long.parseLong(theirs.replaceAll("(?s).*early=(-?\\d+).*", "$1"));
        assertThat(early).as("the other JVM was there before the start, so both raced").isGreaterThan(-500);
    }

    @Test
    void earlyRefresh_hotKeyInTwoProcesses_reloadsOncePerExpiry_andNobodyWaits() throws Exception {
        RedisServer redis = redis();
        List<Cache> processes = List.of(
                cache(redis, java.time.Clock.systemUTC(), b -> b.earlyRefresh(true).lease(Duration.ofSeconds(5))),
                cache(redis, java.time.Clock.systemUTC(), b -> b.earlyRefresh(true).lease(Duration.ofSeconds(5))));
        List<Long> loadStarts = Collections.synchronizedList(new ArrayList<>());
        hammer(processes, 4, Duration.ofSeconds(5), c -> c.getOrSet("hot", () -> {
            loadStarts.add(System.nanoTime());
            sleep(50);
            return "loaded at " + System.nanoTime();
        }, Timeout.ofSeconds(2)));
        assertThat(loadStarts.size()).as("reloaded across expiries").isBetween(3, 8);
        List<Long> sorted = new ArrayList<>(loadStarts);
        Collections.sort(sorted);
        for (int i = 1; i < sorted.size(); i++) {
            assertThat(TimeUnit.NANOSECONDS.toMillis(sorted.get(i) - sorted.get(i - 1)))
                    .as("two reloads of one entry: loads at %s", sorted).isGreaterThan(500);
        }
        long misses = processes.get(0).stats().misses() + processes.get(1).stats().misses();
        assertThat(misses).as("only the 8 threads' first calls, at the cold start, missed;"
                + " every later call found a fresh value").isLessThanOrEqualTo(8);
    }

    @Test
    void staleIfError_deadServer_servesThisProcesssCopy_untilTheWindowEnds() {
        RedisServer redis = redis();
        FakeClock clock = new FakeClock();
        Cache cache = cache(redis, clock, b -> b.staleIfError(Duration.ofMinutes(5)));
        cache.getOrSet("k", () -> "v1", Timeout.ofSeconds(60));
        redis.kill();
        assertThat((Object) cache.getOrSet("k", () -> "v2", Timeout.ofSeconds(60))).as("fresh, from the copy").isEqualTo("v1");
        clock.advance(Duration.ofMinutes(5));
        assertThat((Object) cache.getOrSet("k", () -> "v2", Timeout.ofSeconds(60))).as("stale, from the copy").isEqualTo("v1");
        assertThatThrownBy(() -> cache.getOrSet("other", () -> "v", Timeout.ofSeconds(60)))
                .as("nothing copied for this key").isInstanceOf(CacheBackendException.class);
        clock.advance(Duration.ofMinutes(1));
        assertThatThrownBy(() -> cache.getOrSet("k", () -> "v2", Timeout.ofSeconds(60)))
                .as("past the window").isInstanceOf(CacheBackendException.class);
    }

    @Test
    void staleIfError_aConditionalDelete_dropsThisProcesssCopy() {
        RedisServer redis = redis();
        Cache cache = cache(redis, new FakeClock(), b -> b.staleIfError(Duration.ofMinutes(5)));
        cache.set("stamp", 1L);
        cache.getOrSet("k", () -> "v1", Timeout.ofSeconds(60));
        assertThat(cache.setIfUnchanged("k", "unused", Timeout.ofSeconds(0), java.util.Map.of("stamp", 1L))).isTrue();
        redis.kill();
        assertThatThrownBy(() -> cache.getOrSet("k", () -> "v2", Timeout.ofSeconds(60)))
                .as("no copy of the removed entry is served").isInstanceOf(CacheBackendException.class);
    }

    @Test
    void staleIfError_storeFailingOnWrite_returnsTheLoadedValue() {
        RedisServer redis = redis();
        Cache cache = cache(redis, new FakeClock(), b -> b.staleIfError(Duration.ofMinutes(5)));
        redis.cli("CONFIG", "SET", "maxmemory", "1");
        redis.cli("CONFIG", "SET", "maxmemory-policy", "noeviction");
        assertThat((Object) cache.getOrSet("k", () -> "loaded", Timeout.ofSeconds(60))).isEqualTo("loaded");
        redis.cli("CONFIG", "SET", "maxmemory", "0");
        assertThat(cache.get("k")).as("the store refused it").isNull();
    }

    private static void hammer(List<Cache> caches, int threadsEach, Duration length,
                               java.util.function.Function<Cache, Object> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threadsEach * caches.size());
        long end = System.nanoTime() + length.toNanos();
        try {
            List<Future<?>> running = new ArrayList<>();
            for (Cache c : caches) {
                for (int i = 0; i < threadsEach; i++) {
                    running.add(pool.submit(() -> {
                        while (System.nanoTime() - end < 0) {
                            assertThat(call.apply(c)).isNotNull();
                        }
                        return null;
                    }));
                }
            }
            for (Future<?> f : running) {
                f.get(length.toSeconds() + 30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
