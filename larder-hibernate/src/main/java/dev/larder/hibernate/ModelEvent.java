package dev.larder.hibernate;

/** What a model cache counts for its {@link ModelCacheStats}, one counter each. */
enum ModelEvent {
    /** A read answered from the cache. */
    HIT,
    /** A read that went to the database. */
    MISS,
    /** A read in a session with its own writes, answered by that session. */
    BYPASSED,
    /** An entry written. */
    STORED,
    /** A load not written. */
    NOT_STORED,
    /** A stamp moved. */
    INVALIDATION,
    /** An entry whose bytes did not decode (failed cache calls are counted by {@code FailOpen}). */
    UNDECODABLE
}
