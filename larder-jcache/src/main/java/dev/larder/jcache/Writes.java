package dev.larder.jcache;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import javax.cache.Cache;
import javax.cache.integration.CacheWriter;
import javax.cache.integration.CacheWriterException;

/**
 * Write-through (JSR-107 section 10.2): the writer is called before the cache changes, and a
 * writer that fails leaves the cache unchanged and reaches the caller as a
 * {@link CacheWriterException}. For the bulk calls, what the writer did not write (what it left
 * in the collection it was given) is not changed in the cache either.
 */
final class Writes<K, V> {
    private final CacheWriter<K, V> writer;

    /** @param writer the writer, or null when the cache is not write-through */
    @SuppressWarnings("unchecked")
    Writes(CacheWriter<? super K, ? super V> writer) {
        // A writer of supertypes takes these keys and values; its bulk signature cannot say so.
        this.writer = (CacheWriter<K, V>) writer;
    }

    CacheWriter<K, V> writer() {
        return writer;
    }

    void write(K key, V value) {
        if (writer == null) {
            return;
        }
        try {
            writer.write(new LarderEntry<>(key, value));
        } catch (RuntimeException e) {
            throw wrapped(e);
        }
    }

    void delete(K key) {
        if (writer == null) {
            return;
        }
        try {
            writer.delete(key);
        } catch (RuntimeException e) {
            throw wrapped(e);
        }
    }

    /**
     * Writes the entries; on failure, removes from {@code entries} those the writer left
     * unwritten and returns the failure to throw once the rest are stored.
     */
    RuntimeException writeAll(Map<K, V> entries) {
        if (writer == null || entries.isEmpty()) {
            return null;
        }
        Collection<Cache.Entry<? extends K, ? extends V>> batch = new ArrayList<>();
        entries.forEach((k, v) -> batch.add(new LarderEntry<>(k, v)));
        try {
            writer.writeAll(batch);
            return null;
        } catch (RuntimeException e) {
            Map<K, V> unwritten = new LinkedHashMap<>();
            for (Cache.Entry<? extends K, ? extends V> left : batch) {
                unwritten.put(left.getKey(), left.getValue());
            }
            entries.keySet().removeAll(unwritten.keySet());
            return wrapped(e);
        }
    }

    /**
     * Deletes the keys; on failure, removes from {@code keys} those the writer left undeleted
     * and returns the failure to throw once the rest are removed.
     */
    RuntimeException deleteAll(Set<K> keys) {
        if (writer == null || keys.isEmpty()) {
            return null;
        }
        Collection<Object> batch = new ArrayList<>(keys);
        try {
            writer.deleteAll(batch);
            return null;
        } catch (RuntimeException e) {
            for (Iterator<K> it = keys.iterator(); it.hasNext();) {
                if (batch.contains(it.next())) {
                    it.remove();
                }
            }
            return wrapped(e);
        }
    }

    private static CacheWriterException wrapped(RuntimeException e) {
        return e instanceof CacheWriterException w ? w : new CacheWriterException(e);
    }
}
