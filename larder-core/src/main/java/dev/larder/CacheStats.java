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
 * @param localHits     of the hits, those a near cache served from this process's memory
 *                      without asking the server (0 without {@code near-cache})
 * @param localFills    entries the near cache kept after reading them from the server
 * @param invalidations keys the server said had changed (each key of each invalidation
 *                      message; Redis sends one for this process's own writes too)
 * @param flushes       times the near cache dropped every entry: its connection lost or
 *                      re-established, a missed heartbeat, a topology change, a {@code FLUSHDB}
 *                      or {@code FLUSHALL} on the server, or {@code clear()}
 */
public record CacheStats(long hits, long misses, long sets, long deletes, long evictions, long errors,
                         long localHits, long localFills, long invalidations, long flushes) {

    /** Counters of a cache without a near cache. */
    public CacheStats(long hits, long misses, long sets, long deletes, long evictions, long errors) {
        this(hits, misses, sets, deletes, evictions, errors, 0, 0, 0, 0);
    }

    /** Hits over reads, or 0 when nothing was read. */
    public double hitRate() {
        long reads = hits + misses;
        return reads == 0 ? 0.0 : (double) hits / reads;
    }
}
