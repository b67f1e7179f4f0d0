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
    private final LongAdder localHits = new LongAdder();
    private final LongAdder localFills = new LongAdder();
    private final LongAdder invalidations = new LongAdder();
    private final LongAdder flushes = new LongAdder();

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

    /** A read served by a near cache from this process's memory (also counted as a hit by the cache). */
    public void recordLocalHit() {
        localHits.increment();
    }

    /** An entry a near cache kept after reading it from the server. */
    public void recordLocalFill() {
        localFills.increment();
    }

    /** Keys a near cache was told (or saw this process) change. */
    public void recordInvalidations(int count) {
        invalidations.add(count);
    }

    /** A near cache dropped every entry. */
    public void recordFlush() {
        flushes.increment();
    }

    public CacheStats snapshot() {
        return new CacheStats(hits.sum(), misses.sum(), sets.sum(), deletes.sum(), evictions.sum(), errors.sum(),
                localHits.sum(), localFills.sum(), invalidations.sum(), flushes.sum());
    }
}
