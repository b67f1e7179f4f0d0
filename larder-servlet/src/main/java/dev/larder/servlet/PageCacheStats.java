package dev.larder.servlet;

/**
 * What a page cache has done since it was built.
 *
 * @param hits requests answered from the cache (200, 304 or 412 from a stored page)
 * @param misses requests looked up, not found and rendered
 * @param bypasses requests the cache did not look up: methods other than GET and HEAD, and
 *     requests rendered without the cache because the backend failed
 * @param stored pages written to the cache
 * @param refused rendered pages that the storage rules kept out of the cache
 * @param collapsed requests that waited for another request rendering the same page and were
 *     answered with its result (stampede control)
 * @param errors cache calls that failed; each was treated as a miss or a skipped store
 * @param stale requests answered with a stale page (RFC 5861): while another request rendered
 *     it again, or in place of a rendering that failed (that request counts as a miss too)
 */
public record PageCacheStats(long hits, long misses, long bypasses, long stored, long refused,
        long collapsed, long errors, long stale) {
}
