package dev.larder;

/**
 * A value's stored form is larger than the cache's {@code options.max-value-size}. Thrown by
 * {@code set}, {@code add}, {@code setIfUnchanged} and {@code getOrSet} before anything is
 * written; {@code set} also removes the key's old value, so no stale value outlives the write
 * that meant to replace it. {@code setMany} stores the other entries and returns the keys that
 * were too large instead of throwing, as Django's {@code set_many} reports keys it could not
 * store.
 *
 * <p>Stored bytes over the limit, written by another program or by a cache with a higher limit,
 * are never read whole: they are a miss, logged and counted in {@link CacheStats#errors()}.
 */
public class CacheValueTooLargeException extends CacheException {
    private final String alias;
    private final String key;
    private final long size;
    private final long limit;

    /**
     * @param alias the cache's alias
     * @param key   the stored key
     * @param size  the value's length in bytes, serialised
     * @param limit the cache's limit in bytes
     */
    public CacheValueTooLargeException(String alias, String key, long size, long limit) {
        super("cache '" + alias + "': the value for key '" + key + "' is " + size + " bytes serialised, over the"
                + " cache's limit of " + limit + " bytes (" + ConfigNames.option(alias, "max-value-size") + ");"
                + " it was not stored");
        this.alias = alias;
        this.key = key;
        this.size = size;
        this.limit = limit;
    }

    /** The alias of the cache that refused the value. */
    public String alias() {
        return alias;
    }

    /** The stored key (prefix and version included). */
    public String key() {
        return key;
    }

    /** The value's serialised length in bytes. */
    public long size() {
        return size;
    }

    /** The cache's limit in bytes. */
    public long limit() {
        return limit;
    }
}
