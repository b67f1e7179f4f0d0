package dev.larder.benchmarks;

import com.github.benmanes.caffeine.cache.Caffeine;
import dev.larder.Cache;
import dev.larder.CacheConfig;
import dev.larder.CacheRegistry;
import dev.larder.CacheStats;
import dev.larder.Timeout;
import dev.larder.testkit.servers.RedisServer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A get that hits on a Redis cache with the near cache ({@code near-cache.enabled}), where
 * after the fill every read is served from this process's memory, against raw Caffeine's
 * {@code getIfPresent} over the same 10,000 entries of 100-character {@code String}s (one bound
 * of 20,000, one-hour expiry, as in {@link LocMemGetBenchmark}) and against the same Redis
 * cache without the near cache, on the same {@code redis-server}, which the trial starts.
 * {@code getMany} reads six consecutive keys of the shared order: one Redis round trip
 * ({@code MGET}) without the near cache, six local reads with it, {@code getAllPresent} on
 * Caffeine.
 *
 * <p>The near cache is bounded like Caffeine ({@code near-cache.max-entries=20000}); the setup
 * reads every key once through it and checks that each later read is a local hit. With
 * {@code larder-resilience} on the class path (as here, and in the Spring Boot starter) every
 * Redis cache, near cache included, is wrapped in a circuit breaker; {@code nearUnguarded} is
 * the same near cache with {@code circuit-breaker=false}, to show what the breaker costs a
 * local hit.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Benchmark)
public class NearCacheGetBenchmark {
    private static final int BOUND = 20_000;

    private RedisServer redis;
    private CacheRegistry registry;
    private Cache near;
    private Cache nearUnguarded;
    private Cache plain;
    private com.github.benmanes.caffeine.cache.Cache<String, String> caffeine;

    @Setup(Level.Trial)
    public void fill() {
        redis = RedisServer.start();
        registry = CacheRegistry.builder()
                .cache("default", redisCache("plain").build())
                .cache("near", redisCache("near").option("near-cache.enabled", "true")
                        .option("near-cache.max-entries", Integer.toString(BOUND)).build())
                .cache("near-unguarded", redisCache("near-unguarded").option("near-cache.enabled", "true")
                        .option("near-cache.max-entries", Integer.toString(BOUND)).option("circuit-breaker", "false").build())
                .build();
        near = registry.cache("near");
        nearUnguarded = registry.cache("near-unguarded");
        plain = registry.defaultCache();
        caffeine = Caffeine.newBuilder().maximumSize(BOUND).expireAfterWrite(Duration.ofHours(1))
                .executor(Runnable::run).build();
        Map<String, Object> entries = new HashMap<>();
        for (int i = 0; i < Workload.LIVE_KEYS; i++) {
            entries.put(Workload.key(i), Workload.stringValue(i));
            caffeine.put(Workload.key(i), Workload.stringValue(i));
        }
        plain.setMany(entries);
        near.setMany(entries);
        nearUnguarded.setMany(entries);
        checkLocal(near);
        checkLocal(nearUnguarded);
    }

    private CacheConfig.Builder redisCache(String prefix) {
        return CacheConfig.builder().backend("redis").location(redis.uri()).keyPrefix(prefix)
                .timeout(Timeout.ofMinutes(60));
    }

    /** One read of every key fills the near cache; a second must be served locally only. */
    private static void checkLocal(Cache near) {
        String[] order = Workload.readOrder();
        for (String key : order) {
            near.get(key);
        }
        CacheStats before = near.stats();
        for (String key : order) {
            if (!(near.get(key) instanceof String)) {
                throw new IllegalStateException("near cache misses " + key);
            }
        }
        long local = near.stats().localHits() - before.localHits();
        if (local != order.length) {
            throw new IllegalStateException("expected " + order.length + " local hits, got " + local);
        }
    }

    @TearDown(Level.Trial)
    public void close() {
        try {
            registry.close();
        } finally {
            redis.close();
        }
    }

    @Benchmark
    public Object caffeine(KeyCursor cursor) {
        return caffeine.getIfPresent(cursor.key());
    }

    @Benchmark
    public Object near(KeyCursor cursor) {
        return near.get(cursor.key());
    }

    @Benchmark
    public Object nearUnguarded(KeyCursor cursor) {
        return nearUnguarded.get(cursor.key());
    }

    @Benchmark
    public Object redis(KeyCursor cursor) {
        return plain.get(cursor.key());
    }

    @Benchmark
    public Object caffeineGetMany(KeyCursor cursor) {
        return caffeine.getAllPresent(many(cursor));
    }

    @Benchmark
    public Object nearGetMany(KeyCursor cursor) {
        return near.getMany(many(cursor));
    }

    @Benchmark
    public Object redisGetMany(KeyCursor cursor) {
        return plain.getMany(many(cursor));
    }

    private static List<String> many(KeyCursor cursor) {
        return List.of(cursor.key(), cursor.key(), cursor.key(), cursor.key(), cursor.key(), cursor.key());
    }
}
