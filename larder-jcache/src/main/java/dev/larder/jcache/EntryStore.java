package dev.larder.jcache;

import dev.larder.Cache;
import dev.larder.Timeout;
import dev.larder.support.Keys;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * A JCache cache's entries in a Larder cache: one {@link Stored} under each encoded key. Every
 * change is conditional on what was read (an atomic {@code add} when nothing was there, else
 * {@code setIfUnchanged}), so on a backend that does both atomically two JVMs changing one key
 * cannot lose either change: the loser reads again and decides again.
 *
 * <p>Every call runs through {@link InLoader}: the manager's class loader, JSR-107's exceptions.
 */
final class EntryStore implements Entries {
    private static final System.Logger LOG = System.getLogger(EntryStore.class.getName());

    private final Cache cache;
    private final boolean clearsAlone;
    private final InLoader inLoader;
    private final AtomicBoolean warnedUnstable = new AtomicBoolean();

    /**
     * @param clearsAlone whether {@code cache.clear()} removes this cache's entries only (its
     *                    own locmem map or directory, a Redis key prefix); otherwise clearing
     *                    deletes the listed keys
     * @param loader      the class loader values are resolved with
     */
    EntryStore(Cache cache, boolean clearsAlone, ClassLoader loader) {
        this.cache = cache;
        this.clearsAlone = clearsAlone;
        this.inLoader = new InLoader(loader);
    }

    @Override
    public Object underneath() {
        return cache;
    }

    @Override
    public Object keyOf(Object key) {
        return KeyCodec.encode(key);
    }

    @Override
    public boolean atomicWrites() {
        return cache.capabilities().atomicConditionalSet();
    }

    @Override
    public Stored read(Object key) {
        return translated(() -> cache.get((String) key) instanceof Stored s ? s : null);
    }

    @Override
    public Map<Object, Stored> readMany(Collection<Object> keys) {
        Map<Object, Stored> found = new HashMap<>();
        List<String> named = new ArrayList<>(keys.size());
        keys.forEach(k -> named.add((String) k));
        translated(() -> cache.getMany(named)).forEach((k, v) -> {
            if (v instanceof Stored s) {
                found.put(k, s);
            }
        });
        return found;
    }

    @Override
    public boolean swap(Object storeKey, Stored expected, Stored next, long now) {
        String key = (String) storeKey;
        return next == null || next.expiredAt(now) ? remove(key, expected) : write(key, expected, next, now);
    }

    private boolean remove(String key, Stored expected) {
        if (expected == null) {
            return true;
        }
        if (translated(() -> cache.setIfUnchanged(key, expected, Timeout.of(Duration.ZERO), Map.of(key, expected)))) {
            return true;
        }
        Stored fresh = unchangedYetRefused(key, expected);
        if (fresh == null) {
            return false;
        }
        if (translated(() -> cache.setIfUnchanged(key, fresh, Timeout.of(Duration.ZERO), Map.of(key, fresh)))) {
            return true;
        }
        if (unchangedYetRefused(key, fresh) == null) {
            return false;
        }
        warnUnstable(fresh);
        return translated(() -> cache.delete(key) || true);
    }

    private boolean write(String key, Stored expected, Stored next, long now) {
        Timeout timeout = timeout(next.expiresAt(), now);
        if (expected == null) {
            if (translated(() -> cache.add(key, next, timeout))) {
                return true;
            }
            if (read(key) != null || !translated(() -> cache.hasKey(key))) {
                // Another writer's entry, or one removed since add() failed: read again.
                return false;
            }
            // The key holds something that reads as nothing: bytes that do not decode (written
            // by someone else, or with classes this node does not allow), or a value that is no
            // entry. Nothing can be compared with it, and add() would fail forever.
            LOG.log(Level.WARNING, "key " + Keys.printable(String.valueOf(key)) + " of Larder cache '" + cache.alias()
                    + "' holds a value that does not read as a JCache entry; it is replaced");
        } else {
            if (translated(() -> cache.setIfUnchanged(key, next, timeout, Map.of(key, expected)))) {
                return true;
            }
            Stored fresh = unchangedYetRefused(key, expected);
            if (fresh == null) {
                return false;
            }
            if (translated(() -> cache.setIfUnchanged(key, next, timeout, Map.of(key, fresh)))) {
                return true;
            }
            if (unchangedYetRefused(key, fresh) == null) {
                // Changed by another writer in between: read again, decide again.
                return false;
            }
            warnUnstable(fresh);
        }
        translated(() -> {
            cache.set(key, next, timeout);
            return null;
        });
        return true;
    }

    /**
     * When a conditional write was refused though the entry is still the one read (same stamp),
     * the entry as read again, else null. The refusal may come from the caller's copy having been
     * changed in place since it was read (an entry processor editing the value it got), so the
     * caller tries again with this fresh copy; if that is refused too, the stored bytes are not
     * what encoding the entry again gives (a hash map whose order changes when read back into a
     * smaller table), no conditional write can ever match them, and the write becomes a plain
     * one, racing only a writer that lands in between.
     */
    private Stored unchangedYetRefused(String key, Stored expected) {
        Stored fresh = read(key);
        return expected.equals(fresh) ? fresh : null;
    }

    private void warnUnstable(Stored entry) {
        if (warnedUnstable.compareAndSet(false, true)) {
            LOG.log(Level.WARNING, "Larder cache '" + cache.alias() + "' holds an entry whose value does not encode"
                    + " to the same bytes twice (" + entry.value().getClass().getName() + "); writes over such"
                    + " entries are not conditional");
        }
    }

    @Override
    public List<Object> setMany(Map<Object, Stored> entries, long expiresAt, long now) {
        Map<String, Stored> named = new java.util.LinkedHashMap<>();
        entries.forEach((k, v) -> named.put((String) k, v));
        return new ArrayList<>(translated(() -> cache.setMany(named, timeout(expiresAt, now))));
    }

    @Override
    public void deleteMany(Collection<Object> keys) {
        List<String> named = new ArrayList<>(keys.size());
        keys.forEach(k -> named.add((String) k));
        translated(() -> {
            cache.deleteMany(named);
            return null;
        });
    }

    @Override
    public Iterator<Object> keys() {
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
            public Object next() {
                return translated(keys::next);
            }
        };
    }

    @Override
    public void clear() {
        if (clearsAlone) {
            translated(() -> {
                cache.clear();
                return null;
            });
            return;
        }
        Batches.each(keys(), Batches.SIZE, this::deleteMany);
    }

    private <T> T translated(Supplier<T> call) {
        return inLoader.call(call);
    }

    private static Timeout timeout(long expiresAt, long now) {
        if (expiresAt == Stored.ETERNAL) {
            return Timeout.NEVER;
        }
        return Timeout.of(Duration.ofMillis(expiresAt - now));
    }
}
