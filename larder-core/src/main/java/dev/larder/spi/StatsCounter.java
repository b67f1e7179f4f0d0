package dev.larder.spi;

import dev.larder.CacheStats;
import java.util.concurrent.atomic.LongAdder;

/**
 * One cache's counters. Striped ({@link LongAdder}), so counting stays cheap when many threads
 * hit the same cache. Backends record evictions and errors; the cache records the rest.
 */
public final class StatsCounter {
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder sets = new LongAdder();
    private final LongAdder deletes = new LongAdder();
    private final LongAdder evictions = new LongAdder();
    private final LongAdder errors = new LongAdder();

    public void recordHits(int count) {
        hits.add(count);
    }

    public void recordHit() {
        hits.increment();
    }

    public void recordMisses(int count) {
        misses.add(count);
    }

    public void recordMiss() {
        misses.increment();
    }

    public void recordSets(int count) {
        sets.add(count);
    }

    public void recordDeletes(int count) {
        deletes.add(count);
    }

    public void recordEvictions(int count) {
        evictions.add(count);
    }

    public void recordError() {
        errors.increment();
    }

    public CacheStats snapshot() {
        return new CacheStats(hits.sum(), misses.sum(), sets.sum(), deletes.sum(), evictions.sum(), errors.sum());
    }
}
