package dev.larder.demo.dashboard;

import java.util.List;
import java.util.Map;

/**
 * What {@code /dashboard/data} answers: every counter the dashboard shows, at one moment. The
 * browser keeps the history and computes rates; the server keeps nothing.
 *
 * @param time       when it was read, epoch milliseconds
 * @param caches     every Larder cache of the registry
 * @param pageCaches every page cache (per-site and {@code @CachePage})
 * @param modelCache the model cache, or {@code null} when it is off
 * @param failOpen   every integration's failed cache calls: each one answered without the cache
 */
public record Snapshot(long time, List<CacheRow> caches, List<PageCacheRow> pageCaches, ModelCacheRow modelCache,
        Map<String, Long> failOpen) {

    /**
     * One Larder cache.
     *
     * @param entries what the store reports as its entries, {@code null} when it does not say
     *                (a Redis server counts its whole database, which the demo may share)
     */
    public record CacheRow(String alias, String backend, String location, Long entries, long hits, long misses,
            long sets, long deletes, long evictions, long errors, double hitRate) {
    }

    /**
     * One page cache.
     *
     * @param refusals refused pages by reason (its description), the reasons seen at least once
     */
    public record PageCacheRow(String alias, String name, long hits, long misses, long bypasses, long stored,
            long refused, long collapsed, long errors, Map<String, Long> refusals) {
    }

    /**
     * The model cache.
     *
     * @param recentInvalidations the latest stamp moves, newest first
     */
    public record ModelCacheRow(String alias, long hits, long misses, long bypassed, long stored, long refusedFills,
            long invalidations, long errors, List<Invalidation> recentInvalidations) {
    }

    /** A stamp move: when, why, and which stamp keys. */
    public record Invalidation(long time, String cause, List<String> stamps) {
    }
}
