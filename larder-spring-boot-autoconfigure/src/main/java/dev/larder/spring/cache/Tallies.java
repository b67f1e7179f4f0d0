package dev.larder.spring.cache;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * What one Spring cache counts for Micrometer's cache conventions ({@code cache.gets},
 * {@code cache.puts}, {@code cache.removals}) and Larder's latency meters: counts and total
 * time per operation, read by function meters when the registry polls them. Thread-safe.
 */
final class Tallies {
    /** The operations timed by {@code larder.cache.latency}, by their tag value. */
    enum Operation { GET, PUT, EVICT }

    final LongAdder hits = new LongAdder();
    final LongAdder misses = new LongAdder();
    final LongAdder puts = new LongAdder();
    final LongAdder removals = new LongAdder();
    private final Map<Operation, LongAdder> counts = new EnumMap<>(Operation.class);
    private final Map<Operation, LongAdder> nanos = new EnumMap<>(Operation.class);

    Tallies() {
        for (Operation op : Operation.values()) {
            counts.put(op, new LongAdder());
            nanos.put(op, new LongAdder());
        }
    }

    void timed(Operation op, long startNanos) {
        counts.get(op).increment();
        nanos.get(op).add(System.nanoTime() - startNanos);
    }

    void hitOrMiss(boolean hit) {
        (hit ? hits : misses).increment();
    }

    long count(Operation op) {
        return counts.get(op).sum();
    }

    long totalNanos(Operation op) {
        return nanos.get(op).sum();
    }
}
