package dev.larder;

/**
 * A snapshot of one cache's counters. Counting is always on; it costs a striped counter
 * increment per call.
 *
 * @param hits      reads that found a live entry ({@code getMany} counts each key)
 * @param misses    reads that did not
 * @param sets      entries written ({@code set}, successful {@code add}, each stored entry of
 *                  {@code setMany}, {@code getOrSet} loads, {@code incr})
 * @param deletes   {@code delete} calls that removed an entry, plus the keys given to
 *                  {@code deleteMany} (whose backends do not say which existed)
 * @param evictions entries removed to honour the size bound (never expiries)
 * @param errors    stored bytes that did not decode, values over {@code max-value-size}
 *                  (refused or found stored), and backend failures
 */
public record CacheStats(long hits, long misses, long sets, long deletes, long evictions, long errors) {

    /** Hits over reads, or 0 when nothing was read. */
    public double hitRate() {
        long reads = hits + misses;
        return reads == 0 ? 0.0 : (double) hits / reads;
    }
}
