package dev.larder.hibernate;

/**
 * What a model cache has done since it was built.
 *
 * @param hits reads answered from the cache, every stamp the entry recorded still current
 * @param misses reads that went to the database (absent, stale or undecodable entries)
 * @param bypassed reads in a session with pending or uncommitted writes, answered by that session
 * @param stored entries written
 * @param notStored loads not written: the stamps moved while loading (a writer committed), or
 *     the graph could not be cached
 * @param invalidations stamps moved by writes and explicit invalidation
 * @param errors cache calls that failed; each read went to the database instead
 */
public record ModelCacheStats(long hits, long misses, long bypassed, long stored, long notStored, long invalidations,
        long errors) {
}
