package dev.larder.jcache;

import javax.cache.Cache;

/** An entry handed out by iteration: a snapshot, unwrapping only to itself. */
final class LarderEntry<K, V> implements Cache.Entry<K, V> {
    private final K key;
    private final V value;

    LarderEntry(K key, V value) {
        this.key = key;
        this.value = value;
    }

    @Override
    public K getKey() {
        return key;
    }

    @Override
    public V getValue() {
        return value;
    }

    @Override
    public <T> T unwrap(Class<T> type) {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        throw new IllegalArgumentException("a cache entry cannot be unwrapped to " + type.getName());
    }

    @Override
    public String toString() {
        return key + "=" + value;
    }
}
