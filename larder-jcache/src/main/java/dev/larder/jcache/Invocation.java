package dev.larder.jcache;

import java.util.function.Function;
import javax.cache.processor.MutableEntry;

/**
 * The entry an {@code EntryProcessor} sees (JSR-107 section 9): the value read under the key's
 * lock, loaded through the cache loader on first read when read-through, and the processor's
 * changes recorded, not applied, until it returns. The cache then applies the net change:
 * a value set, a removal, a value loaded, or only a read.
 */
final class Invocation<K, V> implements MutableEntry<K, V> {
    enum Outcome { NONE, READ, LOADED, CREATED, UPDATED, REMOVED }

    private final K key;
    private final V original;
    private final Function<K, V> loader;
    private V value;
    private boolean exists;
    private Outcome outcome = Outcome.NONE;

    /** @param loader loads a missing value (read-through), or null */
    Invocation(K key, V original, Function<K, V> loader) {
        this.key = key;
        this.original = original;
        this.value = original;
        this.exists = original != null;
        this.loader = loader;
    }

    @Override
    public K getKey() {
        return key;
    }

    @Override
    public V getValue() {
        if (outcome == Outcome.NONE) {
            if (exists) {
                outcome = Outcome.READ;
            } else if (loader != null) {
                value = loader.apply(key);
                if (value != null) {
                    exists = true;
                    outcome = Outcome.LOADED;
                }
            }
        }
        return value;
    }

    @Override
    public boolean exists() {
        return exists;
    }

    @Override
    public void remove() {
        // Removing what this processor created leaves the entry as it was: absent.
        outcome = (outcome == Outcome.CREATED || outcome == Outcome.LOADED) && original == null
                ? Outcome.NONE : Outcome.REMOVED;
        value = null;
        exists = false;
    }

    @Override
    public void setValue(V next) {
        if (next == null) {
            throw new NullPointerException("an entry processor set a null value for key " + key);
        }
        outcome = original == null ? Outcome.CREATED : Outcome.UPDATED;
        value = next;
        exists = true;
    }

    Outcome outcome() {
        return outcome;
    }

    V value() {
        return value;
    }

    V original() {
        return original;
    }

    @Override
    public <T> T unwrap(Class<T> type) {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        throw new IllegalArgumentException("a mutable entry cannot be unwrapped to " + type.getName());
    }
}
