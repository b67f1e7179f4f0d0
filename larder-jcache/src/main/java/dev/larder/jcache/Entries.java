package dev.larder.jcache;

import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Where a JCache cache keeps its {@link Stored} entries, by store key: a shared Larder store
 * ({@link EntryStore}, keys encoded to strings) or this JVM's memory ({@link LocalEntries},
 * the keys themselves). Every change is a swap of the entry that was read.
 */
interface Entries {
    /** The store key of a JCache key. */
    Object keyOf(Object key);

    /** What the key holds, expired or not, or null. */
    Stored read(Object key);

    Map<Object, Stored> readMany(Collection<Object> keys);

    /**
     * Replaces {@code expected} (null: nothing stored) with {@code next} (null: remove), or
     * returns false when the key no longer holds {@code expected}.
     */
    boolean swap(Object key, Stored expected, Stored next, long now);

    /** Stores every entry unconditionally, all expiring at {@code expiresAt}; returns the keys refused. */
    List<Object> setMany(Map<Object, Stored> entries, long expiresAt, long now);

    void deleteMany(Collection<Object> keys);

    /** The store keys, lazily; an entry's own key is in its {@link Stored} record. */
    Iterator<Object> keys();

    /** Removes this cache's entries and no others. */
    void clear();

    /** Whether a write that does not read first is as safe as a conditional one here. */
    boolean atomicWrites();

    /** What {@code unwrap} may give besides the JCache cache: the store underneath. */
    Object underneath();
}
