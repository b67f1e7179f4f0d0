package dev.larder;

/**
 * What a backend guarantees beyond the common contract. {@link dev.larder.Cache#capabilities()}
 * tells a user; the contract suite reads it to choose which tests apply.
 *
 * <pre>{@code
 * Capabilities.builder().stores().atomicAdd().atomicIncr().outOfProcess().serverClock().build()  // Redis
 * }</pre>
 *
 * @param atomicAdd        concurrent {@code add} calls on one key: exactly one wins
 * @param atomicIncr       concurrent {@code incr} calls lose no update
 * @param outOfProcess     entries live outside this process (files, servers, tables): other
 *                         processes see them, they outlive the process, and every read costs
 *                         I/O or a network round trip, so a caller batches lookups where it can
 * @param atomicConditionalSet {@code setIfUnchanged} checks and writes in one atomic step
 * @param stores           the backend keeps anything at all (false for the dummy backend)
 * @param bounded          the backend keeps at most {@code max-entries} entries (local memory,
 *                         file, database); Redis and Memcached are bounded by their servers' memory
 * @param culls            the backend culls to {@code max-entries} by {@code cull-frequency}
 *                         (file, database) rather than evicting one entry at a time
 * @param serverClock      expiry is measured by a server's clock, not the cache's
 *                         {@link java.time.Clock} (Redis, Memcached), so a fake clock cannot move it
 * @param signedCounters   {@code incr} and {@code decr} work on negative values and below zero
 *                         (false for Memcached, whose counters are unsigned and stop at zero)
 * @param refusesLongKeys  keys over 250 code points or bytes or with spaces or control
 *                         characters are refused with {@link dev.larder.InvalidCacheKeyException}
 *                         whatever {@code strict-keys} says (Memcached), and never warned about
 * @param sharesValues     a read returns the stored object itself, not a copy, so every reader
 *                         shares it (local memory's {@code store-references} mode); a storing
 *                         backend without it hands each reader its own copy
 * @param listsKeys        {@link dev.larder.spi.CacheBackend#keys()} lists the stored keys, so
 *                         {@link dev.larder.Cache#keys()} works with the default key function
 *                         (local memory, Redis, the database; not files, whose names are
 *                         digests, nor Memcached, which cannot list keys)
 * @param nearCache        reads may be served from a copy in this process (a Redis cache with
 *                         {@code near-cache.enabled}): another process's write reaches it only
 *                         when the server's invalidation arrives, so a read just after another
 *                         process's write may return the value before it, for at most that
 *                         push's delay; this process's own writes are seen at once
 */
public record Capabilities(boolean atomicAdd, boolean atomicIncr, boolean outOfProcess, boolean stores, boolean bounded,
                           boolean culls, boolean serverClock, boolean signedCounters, boolean refusesLongKeys,
                           boolean atomicConditionalSet, boolean sharesValues, boolean listsKeys,
                           boolean nearCache) {

    /** A builder with every capability off. */
    public static Builder builder() {
        return new Builder();
    }

    /** Sets capabilities one by one, so that a backend's list reads as words, not a row of booleans. */
    public static final class Builder {
        private boolean atomicAdd;
        private boolean atomicIncr;
        private boolean outOfProcess;
        private boolean stores;
        private boolean bounded;
        private boolean culls;
        private boolean serverClock;
        private boolean signedCounters;
        private boolean refusesLongKeys;
        private boolean atomicConditionalSet;
        private boolean sharesValues;
        private boolean listsKeys;
        private boolean nearCache;

        private Builder() {
        }

        public Builder atomicAdd() {
            atomicAdd = true;
            return this;
        }

        public Builder atomicIncr() {
            atomicIncr = true;
            return this;
        }

        /** Entries live outside this process: shared with other processes, and a read costs I/O or a round trip. */
        public Builder outOfProcess() {
            outOfProcess = true;
            return this;
        }

        /** Keeps what it is given; also turns on {@code signedCounters}, which every storing backend but Memcached has. */
        public Builder stores() {
            stores = true;
            signedCounters = true;
            return this;
        }

        public Builder bounded() {
            bounded = true;
            return this;
        }

        /** Culls by {@code cull-frequency}; implies {@code bounded}. */
        public Builder culls() {
            culls = true;
            bounded = true;
            return this;
        }

        public Builder serverClock() {
            serverClock = true;
            return this;
        }

        /** Counters are unsigned and stop at zero (Memcached). */
        public Builder unsignedCounters() {
            signedCounters = false;
            return this;
        }

        /** Refuses keys Memcached cannot take, whatever {@code strict-keys} says. */
        public Builder refusesLongKeys() {
            refusesLongKeys = true;
            return this;
        }

        /** {@code setIfUnchanged} checks and writes in one atomic step. */
        public Builder atomicConditionalSet() {
            atomicConditionalSet = true;
            return this;
        }

        /** Reads return the stored object itself, not a copy. */
        public Builder sharesValues() {
            sharesValues = true;
            return this;
        }

        /** {@code keys()} lists the stored keys. */
        public Builder listsKeys() {
            listsKeys = true;
            return this;
        }

        /** Reads may be served from a copy in this process that the server's invalidations keep current. */
        public Builder nearCache() {
            nearCache = true;
            return this;
        }

        /** A builder holding every capability of {@code other}, to add one to what a wrapped backend has. */
        public static Builder from(Capabilities other) {
            Builder b = new Builder();
            b.atomicAdd = other.atomicAdd;
            b.atomicIncr = other.atomicIncr;
            b.outOfProcess = other.outOfProcess;
            b.stores = other.stores;
            b.bounded = other.bounded;
            b.culls = other.culls;
            b.serverClock = other.serverClock;
            b.signedCounters = other.signedCounters;
            b.refusesLongKeys = other.refusesLongKeys;
            b.atomicConditionalSet = other.atomicConditionalSet;
            b.sharesValues = other.sharesValues;
            b.listsKeys = other.listsKeys;
            b.nearCache = other.nearCache;
            return b;
        }

        public Capabilities build() {
            return new Capabilities(atomicAdd, atomicIncr, outOfProcess, stores, bounded, culls, serverClock, signedCounters,
                    refusesLongKeys, atomicConditionalSet, sharesValues, listsKeys, nearCache);
        }
    }
}
