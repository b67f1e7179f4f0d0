package dev.larder.jcache;

import dev.larder.Cache;
import dev.larder.Timeout;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.cache.CacheException;

/**
 * A JCache cache's entries in a Larder cache: one {@link Stored} under each encoded key. Every
 * change is conditional on what was read (an atomic {@code add} when nothing was there, else
 * {@code setIfUnchanged}), so on a backend that does both atomically two JVMs changing one key
 * cannot lose either change: the loser reads again and decides again.
 */
final class EntryStore {
    private static final int BATCH = 500;

    private final Cache cache;
    private final boolean clearsAlone;

    /**
     * @param clearsAlone whether {@code cache.clear()} removes this cache's entries only (its
     *                    own locmem map or directory, a Redis key prefix); otherwise clearing
     *                    deletes the listed keys
     */
    EntryStore(Cache cache, boolean clearsAlone) {
        this.cache = cache;
        this.clearsAlone = clearsAlone;
    }

    Cache cache() {
        return cache;
    }

    /** What the key holds, expired or not, or null. */
    Stored read(String key) {
        return translated(() -> cache.get(key) instanceof Stored s ? s : null);
    }

    Map<String, Stored> readMany(Collection<String> keys) {
        Map<String, Stored> found = new HashMap<>();
        translated(() -> cache.getMany(keys)).forEach((k, v) -> {
            if (v instanceof Stored s) {
                found.put(k, s);
            }
        });
        return found;
    }

    /**
     * Runs a call on the Larder cache, turning Larder's failures (a server down, a value the
     * serializer refuses or that is too large) into JSR-107's {@code CacheException}, the one a
     * JCache caller expects, with Larder's as its cause.
     */
    static <T> T translated(Supplier<T> call) {
        try {
            return call.get();
        } catch (dev.larder.CacheException e) {
            throw new CacheException(e.getMessage(), e);
        }
    }

    /**
     * Replaces {@code expected} (null: nothing stored) with {@code next} (null: remove), or
     * returns false when the key no longer holds {@code expected}.
     */
    boolean swap(String key, Stored expected, Stored next, long now) {
        if (next == null || next.expiredAt(now)) {
            return expected == null || translated(
                    () -> cache.setIfUnchanged(key, expected, Timeout.of(Duration.ZERO), Map.of(key, expected)));
        }
        Timeout timeout = timeout(next.expiresAt(), now);
        if (expected == null) {
            if (translated(() -> cache.add(key, next, timeout))) {
                return true;
            }
            if (read(key) == null) {
                // The key holds something that reads as nothing: bytes that do not decode, or a
                // value that is no entry. Nothing can be compared with it, and add() would fail
                // forever, so the write replaces it.
                translated(() -> {
                    cache.set(key, next, timeout);
                    return null;
                });
                return true;
            }
            return false;
        }
        return translated(() -> cache.setIfUnchanged(key, next, timeout, Map.of(key, expected)));
    }

    /** Stores every entry unconditionally, all expiring at {@code expiresAt}; returns the keys refused. */
    List<String> setMany(Map<String, Stored> entries, long expiresAt, long now) {
        return translated(() -> cache.setMany(entries, timeout(expiresAt, now)));
    }

    /** Removes whatever the key holds. */
    void delete(String key) {
        translated(() -> cache.delete(key));
    }

    void deleteMany(Collection<String> keys) {
        translated(() -> {
            cache.deleteMany(keys);
            return null;
        });
    }

    /** The stored keys (encoded), lazily. */
    Iterator<String> keys() {
        Iterator<String> keys;
        try {
            keys = translated(cache::keys);
        } catch (UnsupportedOperationException e) {
            throw new UnsupportedOperationException("JCache cache over Larder cache '" + cache.alias()
                    + "' cannot list its entries, so iterator(), removeAll() and clear() are not available on it"
                    + " (backends that list keys: locmem, redis, jdbc): " + e.getMessage(), e);
        }
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return translated(keys::hasNext);
            }

            @Override
            public String next() {
                return translated(keys::next);
            }
        };
    }

    void clear() {
        if (clearsAlone) {
            translated(() -> {
                cache.clear();
                return null;
            });
            return;
        }
        Iterator<String> keys = keys();
        List<String> batch = new ArrayList<>(BATCH);
        while (keys.hasNext()) {
            batch.add(keys.next());
            if (batch.size() == BATCH) {
                deleteMany(batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            deleteMany(batch);
        }
    }

    private static Timeout timeout(long expiresAt, long now) {
        if (expiresAt == Stored.ETERNAL) {
            return Timeout.NEVER;
        }
        return Timeout.of(Duration.ofMillis(expiresAt - now));
    }
}
