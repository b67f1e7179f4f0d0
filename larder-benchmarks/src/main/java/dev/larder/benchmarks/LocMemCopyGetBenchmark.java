package dev.larder.benchmarks;

import dev.larder.Cache;
import dev.larder.CacheConfig;
import dev.larder.CacheRegistry;
import dev.larder.Timeout;
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
 * A get that hits and returns a copy (local memory's default), against the Django-style
 * baseline ({@link DjangoStyleCache}), on 10,000 entries of 100 bytes. Two value types: a
 * {@code byte[]}, mutable, so Larder decodes a fresh copy on every get; and a {@code String},
 * immutable, which Larder keeps as it is even in copy mode while the baseline still
 * deserialises it.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Benchmark)
public class LocMemCopyGetBenchmark {
    private static final int BOUND = 20_000;

    private CacheRegistry registry;
    private Cache larderBytes;
    private Cache larderStrings;
    private DjangoStyleCache djangoBytes;
    private DjangoStyleCache djangoStrings;

    @Setup(Level.Trial)
    public void fill() {
        registry = CacheRegistry.builder()
                .cache("default", copies("bench-copies-bytes"))
                .cache("strings", copies("bench-copies-strings"))
                .build();
        larderBytes = registry.defaultCache();
        larderStrings = registry.cache("strings");
        djangoBytes = new DjangoStyleCache(BOUND, 3);
        djangoStrings = new DjangoStyleCache(BOUND, 3);
        long hour = TimeUnit.HOURS.toMillis(1);
        for (int i = 0; i < Workload.LIVE_KEYS; i++) {
            larderBytes.set(Workload.key(i), Workload.bytesValue(i));
            larderStrings.set(Workload.key(i), Workload.stringValue(i));
            djangoBytes.set(Workload.key(i), Workload.bytesValue(i), hour);
            djangoStrings.set(Workload.key(i), Workload.stringValue(i), hour);
        }
    }

    private static CacheConfig copies(String location) {
        return CacheConfig.builder().backend("locmem").location(location).timeout(Timeout.ofMinutes(60))
                .option("max-entries", Integer.toString(BOUND)).build();
    }

    @TearDown(Level.Trial)
    public void close() {
        registry.close();
    }

    @Benchmark
    public Object larderCopiesBytes(KeyCursor cursor) {
        return larderBytes.get(cursor.key());
    }

    @Benchmark
    public Object djangoStyleBytes(KeyCursor cursor) {
        return djangoBytes.get(cursor.key());
    }

    @Benchmark
    public Object larderCopiesString(KeyCursor cursor) {
        return larderStrings.get(cursor.key());
    }

    @Benchmark
    public Object djangoStyleString(KeyCursor cursor) {
        return djangoStrings.get(cursor.key());
    }
}
