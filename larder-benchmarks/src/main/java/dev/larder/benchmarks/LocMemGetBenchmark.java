package dev.larder.benchmarks;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.larder.Cache;
import dev.larder.CacheConfig;
import dev.larder.CacheRegistry;
import dev.larder.Timeout;
import java.time.Duration;
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
 * A get that hits, on local memory storing references, against raw Caffeine holding the same
 * 10,000 entries of 100 bytes under the same bound and a one-hour expiry. Raw Caffeine is
 * measured twice: with {@code expireAfterWrite} (one expiry for every entry, the cheapest) and
 * with a variable {@code Expiry} (per-entry expiry, which a cache API with a timeout per call
 * needs, as Larder's does).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Benchmark)
public class LocMemGetBenchmark {
    private static final int BOUND = 20_000;

    private CacheRegistry registry;
    private Cache larder;
    private com.github.benmanes.caffeine.cache.Cache<String, byte[]> caffeineFixed;
    private com.github.benmanes.caffeine.cache.Cache<String, byte[]> caffeineVariable;

    @Setup(Level.Trial)
    public void fill() {
        registry = CacheRegistry.builder().cache("default", CacheConfig.builder()
                .backend("locmem").location("bench-references").timeout(Timeout.ofMinutes(60))
                .option("max-entries", Integer.toString(BOUND)).option("store-references", "true").build()).build();
        larder = registry.defaultCache();
        caffeineFixed = Caffeine.newBuilder().maximumSize(BOUND).expireAfterWrite(Duration.ofHours(1))
                .executor(Runnable::run).build();
        caffeineVariable = Caffeine.newBuilder().maximumSize(BOUND).expireAfter(Expiry.<String, byte[]>writing(
                (k, v) -> Duration.ofHours(1))).executor(Runnable::run).build();
        for (int i = 0; i < Workload.LIVE_KEYS; i++) {
            larder.set(Workload.key(i), Workload.bytesValue(i));
            caffeineFixed.put(Workload.key(i), Workload.bytesValue(i));
            caffeineVariable.put(Workload.key(i), Workload.bytesValue(i));
        }
    }

    @TearDown(Level.Trial)
    public void close() {
        registry.close();
    }

    @Benchmark
    public Object larderReferences(KeyCursor cursor) {
        return larder.get(cursor.key());
    }

    @Benchmark
    public Object caffeineExpireAfterWrite(KeyCursor cursor) {
        return caffeineFixed.getIfPresent(cursor.key());
    }

    @Benchmark
    public Object caffeineVariableExpiry(KeyCursor cursor) {
        return caffeineVariable.getIfPresent(cursor.key());
    }
}
