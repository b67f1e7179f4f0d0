package dev.larder;

import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A named cache: Django's low-level cache API with Java names.
 *
 * <pre>{@code
 * try (CacheRegistry caches = CacheRegistry.load()) {
 *     Cache cache = caches.defaultCache();
 *     Report report = cache.getOrSet("report:2026-11", () -> buildReport(), Timeout.ofMinutes(10));
 *     cache.set("greeting", "hello");             // the cache's default timeout
 *     boolean first = cache.add("lock:job", "me"); // false when the key is live
 *     long views = cache.incr("views");            // atomic on every backend that says so
 *     cache.version(2).set("schema", schema);      // any call, at another version
 * }
 * }</pre>
 *
 * <h2>Keys</h2>
 * A key is turned into the stored key by the cache's key function, by default
 * {@code prefix:version:key}, then validated: null keys, and keys that are not valid
 * Unicode (an unpaired surrogate, which UTF-8 would store as {@code ?}, making
 * <code>"user:&#92;uD800"</code> and {@code "user:?"} one entry), are always refused with
 * {@link InvalidCacheKeyException}, whose message names the index of the bad character; a
 * stored key longer than 250 code points or with control characters or spaces is logged with
 * Django's warning, or refused with it when the cache validates strictly or its backend cannot
 * store such keys (Memcached). Surrogate pairs (emoji) are valid, and count as one character.
 * The empty key is a key like any other, as in Django.
 * Every key-taking call works at the cache's configured version; {@link #version(int)} gives
 * a view in which every call works at another one.
 *
 * <h2>Values and nulls</h2>
 * A cache never stores {@code null}: {@code set(key, null)} throws
 * {@link NullPointerException}. That is why {@link #get(String)} returning {@code null}
 * always means a miss, with no sentinel needed to tell a stored null from an absent key (the
 * ambiguity Django's docs warn about). To cache "nothing was found", store
 * {@link java.util.Optional#empty()}, which every serializer supports. Integral numbers
 * ({@code Byte}, {@code Short}, {@code Integer}, {@code Long}) are stored as counters and
 * read back as {@code Long} from every backend, so that {@link #incr} is atomic on shared
 * servers; {@link #get(String, Class)} with {@code Integer.class} converts back.
 *
 * <h2>Timeouts</h2>
 * Calls without a {@link Timeout} use the cache's default. {@link Timeout#NEVER} keeps an
 * entry until it is deleted or evicted; a zero or negative timeout means "do not keep".
 *
 * <h2>Failures</h2>
 * A failing store throws {@link CacheBackendException}. With {@code larder-resilience} on the
 * class path, a shared store (Redis, Memcached, a database) sits behind a circuit breaker:
 * after repeated failures every call throws {@link CacheUnavailableException} (a
 * {@code CacheBackendException}) at once, with no network I/O, until the breaker's
 * {@code open-for} has passed and a few probe calls find the store answering again. Bytes that no longer decode are a
 * miss, logged and counted in {@link CacheStats#errors()}; {@code getOrSet} replaces such an
 * entry with the value it loads. A value that cannot be serialised
 * throws {@link SerializationException} from the writing call and nothing is stored. A value
 * whose serialised form is over the cache's {@code options.max-value-size} (each backend has a
 * default) throws {@link CacheValueTooLargeException} and is not stored; {@code set} also
 * removes the key's old value. A stored value over the limit is a miss, never read whole.
 * Messages and log lines show keys escaped (control characters, unpaired surrogates, bidi
 * controls) and a key over 1,000 characters shortened to its start and length
 * ({@link dev.larder.support.Keys#printable}), so a key cannot forge or flood a log.
 *
 * <h2>Thread safety</h2>
 * Every implementation is safe for use by many threads at once; one instance per alias is
 * shared by the whole application (Django keeps one per thread). Which calls are atomic is
 * said on each method.
 */
public interface Cache extends AutoCloseable {

    /** The alias this cache was configured under. */
    String alias();

    /** The stored value, or {@code null} when the key is missing or expired. */
    Object get(String key);

    /**
     * The stored value as {@code type}, or {@code null} on a miss. Integral numbers convert
     * between {@code Long}, {@code Integer}, {@code Short} and {@code Byte} when they fit.
     *
     * @throws CacheValueTypeException when the stored value is of another type
     */
    <T> T get(String key, Class<T> type);

    /** The stored value, or {@code defaultValue} when the key is missing or expired. */
    Object getOrDefault(String key, Object defaultValue);

    /**
     * The stored value; on a miss, calls {@code loader} and stores its result with
     * {@code add}, so that a value written by a racing writer wins (as in Django's add, then
     * get). When the add stores, the loaded value is returned without reading it back: a miss
     * costs one read and one write. When it does not, the key is read again and the racing
     * writer's value returned. An entry that is there but does not decode (a miss) is replaced
     * with the loaded value, so the loader does not run again on every call. Concurrent misses
     * of the same key in this process share one loader call: the others wait for its result
     * instead of all recomputing, and each gets its own copy of the result (unless the backend
     * {@linkplain Capabilities#sharesValues() shares values}), made without reading the store. A loader returning {@code null} stores nothing and the call returns null.
     * A loader's exception propagates to every caller waiting on it, and nothing is stored.
     * A loader that calls {@code getOrSet} for the same key on the same cache gets an
     * {@link IllegalStateException} instead of waiting for itself. A waiter waits at most the
     * cache's {@code load-wait} (30 seconds by default), then throws
     * {@link CacheLoadTimeoutException} while the load goes on; interrupted, it throws
     * {@link CacheLoadInterruptedException} with its interrupt flag set. So two loaders that
     * each call {@code getOrSet} for the key the other is loading, on two threads, fail after
     * {@code load-wait} instead of waiting for ever: load keys in one fixed order.
     *
     * <p>The cache's {@link LoadPolicy} ({@code lease}, {@code early-refresh},
     * {@code stale-while-revalidate}, {@code stale-if-error}; all off by default) adds one load
     * across processes, a refresh of a busy entry shortly before it expires by one caller while
     * the others read the current value, and stale values served while one caller reloads or
     * while the loader or the store fails, for a bounded time. Under it a stale reload that fails
     * serves the stale value and is logged once per incident; with stale-if-error, a store that
     * fails returns this process's copy of the entry if it is within the window, and otherwise
     * throws {@link CacheBackendException} as always.
     *
     * <p>Integral numbers are read back as {@code Long} (see "Values and nulls" above), so
     * for {@code Integer}, {@code Short} or {@code Byte} values use
     * {@link #getOrSet(String, Class, Supplier, Timeout)}, which converts.
     */
    <T> T getOrSet(String key, Supplier<? extends T> loader, Timeout timeout);

    /**
     * {@link #getOrSet(String, Supplier, Timeout)}, returning the value as {@code type} and
     * converting integral numbers as {@link #get(String, Class)} does:
     * {@code int n = cache.getOrSet("n", Integer.class, () -> count(), Timeout.ofMinutes(1));}
     *
     * @throws CacheValueTypeException when the stored value is of another type
     */
    <T> T getOrSet(String key, Class<T> type, Supplier<? extends T> loader, Timeout timeout);

    /** {@link #getOrSet(String, Supplier, Timeout)} with the default timeout. */
    default <T> T getOrSet(String key, Supplier<? extends T> loader) {
        return getOrSet(key, loader, Timeout.DEFAULT);
    }

    /**
     * The values of the keys that are present, keyed by the keys as given. Absent and expired
     * keys are left out. One round trip where the backend allows it.
     */
    Map<String, Object> getMany(Collection<String> keys);

    /**
     * Stores {@code value} under {@code key}, replacing what was there.
     *
     * @throws NullPointerException if {@code value} is null
     * @throws SerializationException if the value cannot be serialised; nothing is stored
     */
    void set(String key, Object value, Timeout timeout);

    /** {@link #set(String, Object, Timeout)} with the default timeout. */
    default void set(String key, Object value) {
        set(key, value, Timeout.DEFAULT);
    }

    /**
     * Stores {@code value} only if the key is missing or expired. Atomic: of many callers
     * racing to add one key, exactly one gets {@code true}.
     *
     * @return true if the value was stored, false if the key was live
     */
    boolean add(String key, Object value, Timeout timeout);

    /** {@link #add(String, Object, Timeout)} with the default timeout. */
    default boolean add(String key, Object value) {
        return add(key, value, Timeout.DEFAULT);
    }

    /**
     * Stores {@code value} only while every key in {@code expected} still holds an equal value
     * (a key that is absent or expired matches nothing), and returns whether it stored: a
     * write fenced by values read earlier, such as generation stamps. Atomic, with nothing able
     * to change an expected key between the check and the write, where
     * {@link #capabilities()} says {@code atomicConditionalSet} (Redis, but not a Cluster, whose
     * keys may live on different nodes); elsewhere the keys are read, then the value written.
     *
     * <p>With a timeout that keeps nothing (zero or negative) it is a conditional delete: the key
     * is removed only while every expected key holds its value, and true is returned then.
     * Where {@code atomicConditionalSet} holds, the check and the removal are one atomic step:
     * of many callers that read the same stamps and race to replace or remove the key, exactly
     * one succeeds.
     */
    boolean setIfUnchanged(String key, Object value, Timeout timeout, Map<String, ?> expected);

    /**
     * Stores every entry. Returns the keys (as given) that could not be stored, such as those
     * whose values are over {@code options.max-value-size}; their old values are removed. An
     * empty list means every one was stored.
     *
     * @throws SerializationException if a value cannot be serialised; nothing is stored
     */
    List<String> setMany(Map<String, ?> entries, Timeout timeout);

    /** {@link #setMany(Map, Timeout)} with the default timeout. */
    default List<String> setMany(Map<String, ?> entries) {
        return setMany(entries, Timeout.DEFAULT);
    }

    /** Removes the key. Returns true if a live entry was removed. */
    boolean delete(String key);

    /** Removes every key given; an empty collection does nothing. */
    void deleteMany(Collection<String> keys);

    /**
     * Removes every entry of this cache's store. For local memory and files that is the store
     * named by the location (shared by every cache with the same location).
     */
    void clear();

    /**
     * The keys of this cache at this view's {@link #version()}, as they were given (the
     * {@code prefix:version:} head removed). Keys of other versions are skipped, and so are
     * stored keys that the default key function did not make. Not in Django's API
     * (django-redis has {@code iter_keys}); it is what a JCache {@code Cache.iterator()} needs.
     *
     * <pre>{@code
     * for (Iterator<String> it = cache.keys(); it.hasNext(); ) {
     *     String key = it.next();
     * }
     * }</pre>
     *
     * <p>Lazy: the backend fetches keys in batches as the iterator advances, so memory stays
     * bounded with millions of keys. Weakly consistent: a key added or removed during the
     * iteration may or may not appear, never an error; an expired key may be skipped, a key
     * listed may have expired by the time it is read, and on Redis a key may be listed twice
     * (its {@code SCAN} does so while the server resizes its table). On local memory the store is shared by
     * every cache with the same location, so caches there that share a location and key prefix
     * list each other's keys, as {@link #clear()} removes them. A store failure
     * surfaces from the iterator's {@code hasNext} or {@code next} as
     * {@link CacheBackendException}. The iterator is for one thread and does not remove.
     *
     * @throws UnsupportedOperationException naming the cache and the reason, when the cache has
     *         a custom key function (whose keys cannot be turned back) or its backend does not
     *         {@linkplain Capabilities#listsKeys() list keys} (files, Memcached)
     */
    Iterator<String> keys();

    /**
     * Gives a live key a new expiry. {@link Timeout#NEVER} makes it permanent; a zero timeout
     * expires it now (and still returns true).
     *
     * @return true if the key was live, false if it was missing or expired
     */
    boolean touch(String key, Timeout timeout);

    /** {@link #touch(String, Timeout)} with the default timeout. */
    default boolean touch(String key) {
        return touch(key, Timeout.DEFAULT);
    }

    /**
     * Adds {@code delta} (which may be negative) to the integer stored under {@code key} and
     * returns the new value. The entry keeps its expiry. Atomic where
     * {@link #capabilities()} says so (local memory, Redis, Memcached, the database; the
     * file backend within one process). Memcached's counters are unsigned: there a negative
     * value cannot be incremented and a decrement stops at zero.
     *
     * @throws CacheKeyNotFoundException if the key is missing or expired
     * @throws CacheValueTypeException if the value is not an integer or the result overflows
     */
    long incr(String key, long delta);

    /** {@code incr(key, 1)}. */
    default long incr(String key) {
        return incr(key, 1);
    }

    /** {@code incr(key, -delta)}. */
    default long decr(String key, long delta) {
        if (delta == Long.MIN_VALUE) {
            throw new CacheValueTypeException("decr by Long.MIN_VALUE overflows long");
        }
        return incr(key, -delta);
    }

    /** {@code decr(key, 1)}. */
    default long decr(String key) {
        return decr(key, 1);
    }

    /** True if the key is present and not expired. */
    boolean hasKey(String key);

    /**
     * Moves the entry from this view's version to that version plus {@code delta} and
     * returns the new version. Not atomic, and the entry takes the default timeout (as in
     * Django).
     *
     * @throws CacheKeyNotFoundException if the key is missing at this version
     */
    int incrVersion(String key, int delta);

    /** {@code incrVersion(key, 1)}. */
    default int incrVersion(String key) {
        return incrVersion(key, 1);
    }

    /** {@code incrVersion(key, -delta)}. */
    int decrVersion(String key, int delta);

    /** {@code decrVersion(key, 1)}. */
    default int decrVersion(String key) {
        return decrVersion(key, 1);
    }

    /**
     * A view of this cache in which every key-taking call works at {@code version} (Django's
     * {@code version=} argument). The view shares the store and statistics; it is cheap to
     * create and needs no closing.
     */
    Cache version(int version);

    /** The version this view works at. */
    int version();

    /** A snapshot of this cache's statistics (shared by its version views). */
    CacheStats stats();

    /**
     * What the store reports about itself, for operators (the {@code larder stats} command):
     * entries, memory, a server's own hit and miss counters. It may ask the server, so it is not
     * for hot paths. Keys and meanings are the backend's; see its documentation.
     */
    Map<String, String> inspect();

    /** What this cache's backend guarantees: atomic {@code add} and {@code incr}, persistence, culling. */
    Capabilities capabilities();

    /**
     * Releases the connections or resources the backend holds, for good: it ends the cache's
     * life (the registry calls it on {@code close()}), unlike Django's {@code close()}, which
     * ends one request's connections. Afterwards every call on this cache and its
     * {@link #version} views throws {@link IllegalStateException} naming the cache;
     * {@code stats()}, {@code inspect()} and a second {@code close()} still work; a call already
     * under way when the cache closes may end with the backend's own error instead. Closing a
     * local-memory cache releases its store once no other cache with the same location uses it.
     */
    @Override
    void close();
}
