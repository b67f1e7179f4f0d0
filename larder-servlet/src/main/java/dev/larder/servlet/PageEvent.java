package dev.larder.servlet;

/** What the page cache counts, one {@link dev.larder.support.Tally} counter each, for its stats. */
enum PageEvent {
    /** A request answered from a stored page (a 200, 304 or 412). */
    HIT,
    /** A request looked up, not found, and rendered. */
    MISS,
    /** A request not looked up, or rendered without the cache because the backend failed. */
    BYPASS,
    /** A page written to the cache. */
    STORED,
    /** A rendered page the storage rules kept out of the cache. */
    REFUSED,
    /** A request answered with the page another request was rendering (stampede control). */
    COLLAPSED,
    /** A request answered with a stale page (RFC 5861). */
    STALE
}
