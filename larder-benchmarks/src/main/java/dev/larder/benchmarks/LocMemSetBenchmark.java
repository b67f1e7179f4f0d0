package dev.larder.benchmarks;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.larder.Cache;
import dev.larder.CacheConfig;
import dev.larder.CacheRegistry;
import dev.larder.Timeout;
import java.time.Duration;
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
 * A set on local memory storing references, against raw Caffeine with a variable
 * {@code Expiry} (what a timeout per call needs) under the same bound: what the store lock
 * that every write shares (so that {@code setIfUnchanged} is atomic) costs a plain write. Also
 * {@code setIfUnchanged} with one expected key, which takes that lock alone.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Benchmark)
public class LocMemSetBenchmark {
    private static final int BOUND = 20_000;

    private CacheRegistry registry;
    private Cache larder;
    private com.github.benmanes.caffeine.cache.Cache<String, byte[]> caffeine;

    @Setup(Level.Trial)
    public void fill() {
        registry = CacheRegistry.builder().cache("default", CacheConfig.builder()
                .backend("locmem").location("bench-set").timeout(Timeout.ofMinutes(60))
                .option("max-entries", Integer.toString(BOUND)).option("store-references", "true").build()).build();
        larder = registry.defaultCache();
        caffeine = Caffeine.newBuilder().maximumSize(BOUND).expireAfter(Expiry.<String, byte[]>writing(
                (k, v) -> Duration.ofHours(1))).executor(Runnable::run).build();
        larder.set("stamp", 1L, Timeout.NEVER);
    }

    @TearDown(Level.Trial)
    public void close() {
        registry.close();
    }

    @Benchmark
    public void larderSet(KeyCursor cursor) {
        String key = cursor.key();
        larder.set(key, Workload.bytesValue(key.length()));
    }

    @Benchmark
    public void caffeinePut(KeyCursor cursor) {
        String key = cursor.key();
        caffeine.put(key, Workload.bytesValue(key.length()));
    }

    @Benchmark
    public boolean larderSetIfUnchanged(KeyCursor cursor) {
        String key = cursor.key();
        return larder.setIfUnchanged(key, Workload.bytesValue(key.length()), Timeout.DEFAULT, Map.of("stamp", 1L));
    }
}
