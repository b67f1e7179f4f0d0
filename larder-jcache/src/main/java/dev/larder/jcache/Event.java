package dev.larder.jcache;

import dev.larder.support.Keys;
import javax.cache.Cache;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.EventType;

/**
 * One entry event. For a removal or an expiry, the value is the entry's last value, as the
 * old value is (JSR-107 1.1 section 8.4); an old value is available whenever there was one.
 */
final class Event<K, V> extends CacheEntryEvent<K, V> {
    private static final long serialVersionUID = 1L;

    private final transient K key;
    private final transient V value;
    private final transient V oldValue;

    Event(Cache<K, V> source, EventType type, K key, V value, V oldValue) {
        super(source, type);
        this.key = key;
        this.value = value;
        this.oldValue = oldValue;
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
    public V getOldValue() {
        return oldValue;
    }

    @Override
    public boolean isOldValueAvailable() {
        return oldValue != null;
    }

    @Override
    public <T> T unwrap(Class<T> type) {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        throw new IllegalArgumentException("an entry event cannot be unwrapped to " + type.getName());
    }

    @Override
    public String toString() {
        return getEventType() + " " + Keys.printable(String.valueOf(key));
    }
}
