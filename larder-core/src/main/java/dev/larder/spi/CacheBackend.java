package dev.larder.spi;

import dev.larder.Capabilities;
import dev.larder.Timeout;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a store implements: the cache operations on stored keys ({@link CacheKey}; a backend
 * that needs text uses {@link CacheKey#value()}). The {@link dev.larder.Cache}
 * in front of it has already made and validated the keys, resolved {@link Timeout#DEFAULT} to
 * the configured default, refused null values and turned integral numbers into {@code Long}.
 *
 * <p>Values are never null, and a {@code null} from {@link #get} is a miss. A backend that
 * stores bytes uses the {@link ValueCodec} of its {@link BackendContext}; one that keeps
 * objects in memory may store them as they are.
 *
 * <p>Failures of the store surface as {@link dev.larder.CacheBackendException}; stored bytes
 * that do not decode are a miss (the codec logs and counts them). Implementations must be
 * thread-safe.
 */
public interface CacheBackend extends AutoCloseable {

    /** The live value, or null when the key is missing or expired. */
    Object get(CacheKey key);

    /**
     * The live value if this backend holds it in this process's memory and can answer without
     * I/O (a Redis cache's near cache), else null, meaning only "ask {@link #get}". A wrapper
     * that guards the store's I/O, such as a circuit breaker, asks this first, so a local hit
     * pays for no guard. The default holds nothing locally.
     */
    default Object peek(CacheKey key) {
        return null;
    }

    /** The live values of the keys that have one. The default calls {@link #get} per key. */
    default Map<CacheKey, Object> getMany(Collection<CacheKey> keys) {
        Map<CacheKey, Object> found = new HashMap<>();
        for (CacheKey key : keys) {
            Object value = get(key);
            if (value != null) {
                found.put(key, value);
            }
        }
        return found;
    }

    /** Stores the value; an expired timeout removes the key instead. */
    void set(CacheKey key, Object value, Timeout timeout);

    /** Stores the value if the key is missing or expired; atomically if the capabilities say so. */
    boolean add(CacheKey key, Object value, Timeout timeout);

    /** Stores every entry and returns the keys that could not be stored. */
    default List<CacheKey> setMany(Map<CacheKey, Object> entries, Timeout timeout) {
        for (Map.Entry<CacheKey, Object> e : entries.entrySet()) {
            set(e.getKey(), e.getValue(), timeout);
        }
        return new ArrayList<>(0);
    }

    /**
     * Stores the value only while every key in {@code expected} holds an equal value (absent
     * or expired matches nothing); returns whether it stored. The default reads the expected
     * keys, then writes: a concurrent writer can slip in between. A backend that overrides it
     * atomically says so with {@link Capabilities#atomicConditionalSet()}.
     *
     * <p>With an expired timeout ({@link Timeout#isExpired()}) it is a conditional delete: the
     * key is removed only while every expected key holds its value, and true returned then
     * (whether or not the key was there). A backend that says {@code atomicConditionalSet}
     * checks and removes in one atomic step too, so of many callers racing to replace or remove
     * one key from the same read, exactly one succeeds.
     */
    default boolean setIfUnchanged(CacheKey key, Object value, Timeout timeout, Map<CacheKey, Object> expected) {
        Map<CacheKey, Object> found = getMany(expected.keySet());
        for (Map.Entry<CacheKey, Object> e : expected.entrySet()) {
            if (!Objects.deepEquals(found.get(e.getKey()), e.getValue())) {
                return false;
            }
        }
        set(key, value, timeout);
        return true;
    }

    /** Removes the key; true if a live entry was removed. */
    boolean delete(CacheKey key);

    /** Removes every key given. The default calls {@link #delete} per key. */
    default void deleteMany(Collection<CacheKey> keys) {
        for (CacheKey key : keys) {
            delete(key);
        }
    }

    /** Removes every entry of the store. */
    void clear();

    /**
     * The stored keys of this cache: exactly those {@link #clear()} removes when it removes by
     * prefix (every key of a local-memory store or a database table; the keys starting with
     * {@link BackendContext#keyPrefix()} on a shared server). Lazy: keys are fetched in
     * batches as the iterator advances, so memory stays bounded however many keys there are.
     * Weakly consistent: a key added or removed during the iteration may or may not appear, and
     * that is never an error; an expired entry may be skipped; a key may be listed twice where
     * the store's own scan allows it (Redis's {@code SCAN} while the server resizes its
     * table), never a key that was there for the whole iteration left out. A store failure surfaces from
     * {@code hasNext} or {@code next} as {@link dev.larder.CacheBackendException}. A backend
     * that implements it says so with {@link Capabilities#listsKeys()}.
     *
     * @throws UnsupportedOperationException by default, naming the backend
     */
    default Iterator<CacheKey> keys() {
        throw new UnsupportedOperationException(this + " cannot list its keys");
    }

    /** Sets a new expiry on a live key; false when the key is missing or expired. */
    boolean touch(CacheKey key, Timeout timeout);

    /**
     * Adds delta to the stored integer, keeping the expiry, and returns the result.
     *
     * @throws dev.larder.CacheKeyNotFoundException if the key is missing or expired
     * @throws dev.larder.CacheValueTypeException if the value is no integer or would overflow
     */
    long incr(CacheKey key, long delta);

    /** True when the key is live. */
    boolean hasKey(CacheKey key);

    /** What this backend guarantees; the contract suite reads it. */
    Capabilities capabilities();

    /**
     * What the store itself reports, for operators: entry counts, memory, the server's own
     * hit and miss counters, by name, in a stable order. Unlike {@link dev.larder.Cache#stats()},
     * which counts this process's calls, these describe the shared store. The default reports
     * nothing.
     */
    default Map<String, String> inspect() {
        return Map.of();
    }

    /** Releases what the backend holds. The default does nothing. */
    @Override
    default void close() {
    }

    /**
     * Closes a backend that was never handed out, because the registry it was created for
     * failed to build (another cache's setting was refused): releases what {@link #close()}
     * releases and also undoes what creating the backend made, such as a directory it created
     * that is still empty, so that a failed start-up leaves nothing behind. The default calls
     * {@link #close()}.
     */
    default void discard() {
        close();
    }
}
