package dev.larder.hibernate;

import dev.larder.Cache;
import dev.larder.CacheConfigException;
import dev.larder.Capabilities;
import java.util.Locale;

/**
 * What a model-cache read promises, set by {@value LarderIntegrator#CONSISTENCY}. Checked
 * against the cache when the session factory is built, so a mode the cache cannot keep fails
 * at startup, never at the first stale read.
 */
public enum Consistency {
    /**
     * The default: no read returns a row older than a commit that finished before the read
     * began. Every hit asks the shared cache whether the stamps it recorded moved, which is one
     * round trip on Redis. A cache with a near cache is refused: it would answer from this
     * process's copy of the stamps until the server's invalidation arrived.
     */
    STRICT("strict"),
    /**
     * Entries and stamps are read through the cache's near cache: a hit is served from this
     * process's memory and sends no command. Writes still move the stamps on the server, and
     * this process's own writes are seen at once; another process's commit is seen once the
     * server's invalidation of the stamps it moved arrives (milliseconds, see the README).
     * Needs a shared cache with a near cache; local memory, which no other process reads, is
     * accepted and behaves as {@link #STRICT}.
     */
    BOUNDED_STALENESS("bounded-staleness");

    private final String setting;

    Consistency(String setting) {
        this.setting = setting;
    }

    /** The value of {@value LarderIntegrator#CONSISTENCY} that selects this mode. */
    public String setting() {
        return setting;
    }

    /** The mode a setting names; null (not set) is {@link #STRICT}. */
    static Consistency parse(Object value) {
        if (value == null) {
            return STRICT;
        }
        String text = value instanceof Consistency c ? c.setting
                : String.valueOf(value).trim().toLowerCase(Locale.ROOT);
        for (Consistency mode : values()) {
            if (mode.setting.equals(text)) {
                return mode;
            }
        }
        throw new CacheConfigException(LarderIntegrator.CONSISTENCY + ": '" + value + "' is not strict or"
                + " bounded-staleness");
    }

    /** Refuses a cache this mode cannot keep its promise on, or would buy nothing on. */
    void check(Cache cache) {
        Capabilities can = cache.capabilities();
        String alias = cache.alias();
        if (this == STRICT && can.nearCache()) {
            throw new CacheConfigException(LarderIntegrator.CONSISTENCY + "=strict (the default) promises that no"
                    + " model-cache read is stale after a commit, but cache '" + alias + "' has a near cache, which"
                    + " shows another process's commit only once the server's invalidation arrives. Either set "
                    + LarderIntegrator.CONSISTENCY + "=bounded-staleness to accept that delay, or point "
                    + LarderIntegrator.CACHE + " at a cache without near-cache.enabled");
        }
        if (this == BOUNDED_STALENESS && can.outOfProcess() && !can.nearCache()) {
            throw new CacheConfigException(LarderIntegrator.CONSISTENCY + "=bounded-staleness serves model-cache"
                    + " hits from a near cache, but cache '" + alias + "' has none: every hit would still be a"
                    + " round trip. Either turn on its near cache (larder.caches." + alias
                    + ".near-cache.enabled=true, Redis), or leave " + LarderIntegrator.CONSISTENCY + " at strict");
        }
    }
}
