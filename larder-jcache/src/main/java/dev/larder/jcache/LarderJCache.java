package dev.larder.jcache;

import dev.larder.support.Keys;
import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.CacheEntryListenerConfiguration;
import javax.cache.configuration.CompleteConfiguration;
import javax.cache.configuration.Configuration;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.ExpiryPolicy;
import javax.cache.integration.CacheLoader;
import javax.cache.integration.CacheLoaderException;
import javax.cache.integration.CacheWriter;
import javax.cache.integration.CompletionListener;
import javax.cache.processor.EntryProcessor;
import javax.cache.processor.EntryProcessorException;
import javax.cache.processor.EntryProcessorResult;

/**
 * A JSR-107 cache over a Larder cache, on any backend. Each entry is stored as one value
 * holding the key, the value and its expiry time; every change is a conditional write of what
 * was read, made under a per-key lock in this JVM. So in one JVM every single-key operation,
 * {@link #invoke} included, is atomic, and across JVMs sharing a store it stays atomic wherever
 * the backend has an atomic {@code add} and {@code setIfUnchanged} (Redis, the databases,
 * Memcached): a JVM that loses a race reads again and decides again. Listeners, statistics,
 * the loader and the writer are per JVM.
 *
 * <p>{@link #unwrap unwrap(dev.larder.Cache.class)} gives the Larder cache underneath, whose
 * values are this cache's stored entries, not the JCache values.
 *
 * <p>One class for JSR-107's thirty-odd operations, each a short loop over the same few steps
 * (read, decide, swap, then events and statistics), which its parts do: {@link Entries} (the
 * store), {@link Expiries}, {@link Listeners}, {@link Writes}, {@link Invocation},
 * {@link KeyLocks} and {@link Statistics}.
 */
public final class LarderJCache<K, V> implements Cache<K, V> {

    private final String name;
    private final CacheManager manager;
    private final Entries store;
    private final MutableConfiguration<K, V> config;
    private final Expiries expiries;
    private final CacheLoader<K, V> loader;
    private final Writes<K, V> writes;
    private final Listeners<K, V> listeners;
    private final Statistics stats;
    private final KeyLocks locks = new KeyLocks();
    private final Clock clock;
    private final Executor executor;
    private final Runnable onClose;
    private volatile boolean closed;

    LarderJCache(String name, CacheManager manager, Entries store, Statistics stats, ExpiryPolicy policy,
                 CompleteConfiguration<K, V> config, Clock clock, Executor executor, Runnable onClose) {
        this.name = name;
        this.stats = stats;
        this.manager = manager;
        this.store = store;
        this.config = new MutableConfiguration<>(config);
        this.clock = clock;
        this.executor = executor;
        this.onClose = onClose;
        this.expiries = new Expiries(policy);
        this.loader = config.getCacheLoaderFactory() == null ? null : config.getCacheLoaderFactory().create();
        CacheWriter<? super K, ? super V> writer = config.isWriteThrough() && config.getCacheWriterFactory() != null
                ? config.getCacheWriterFactory().create() : null;
        this.writes = new Writes<>(writer);
        this.listeners = new Listeners<>(this);
        for (CacheEntryListenerConfiguration<K, V> l : config.getCacheEntryListenerConfigurations()) {
            listeners.register(l);
        }
        stats.enable(config.isStatisticsEnabled());
    }

    // ---- reads

    @Override
    public V get(K key) {
        checkOpen();
        checkKey(key);
        long start = stats.start();
        Object skey = encode(key);
        V value = expiries.readsKeepExpiry() ? getUnlocked(key, skey) : locked(skey, () -> getLocked(key, skey));
        stats.getTime(start);
        return value;
    }

    /**
     * A read that changes nothing needs no lock: a live entry is returned as read, and only an
     * expired entry (to remove) or a miss to load takes the locked path.
     */
    private V getUnlocked(K key, Object skey) {
        Stored s = store.read(skey);
        // An eternal entry needs no clock: the read is the whole hit.
        V value = s != null && s.expiresAt() == Stored.ETERNAL && key.equals(s.key()) ? valueOf(s)
                : live(key, s, clock.millis());
        if (value != null) {
            stats.hits(1);
            return value;
        }
        if (s == null && !config.isReadThrough()) {
            stats.misses(1);
            return null;
        }
        return locked(skey, () -> getLocked(key, skey));
    }

    private V getLocked(K key, Object skey) {
        long now = clock.millis();
        Stored s = store.read(skey);
        V value = liveOrExpire(key, skey, s, now);
        if (value != null) {
            stats.hits(1);
            accessed(skey, s, now);
            return value;
        }
        stats.misses(1);
        return config.isReadThrough() ? loadAndStore(key, skey) : null;
    }

    @Override
    public Map<K, V> getAll(Set<? extends K> keys) {
        checkOpen();
        checkKeys(keys);
        long start = stats.start();
        Map<Object, K> byStored = encodeAll(keys);
        Map<Object, Stored> found = store.readMany(byStored.keySet());
        Map<K, V> result = new LinkedHashMap<>();
        Set<K> missing = new HashSet<>();
        long now = clock.millis();
        byStored.forEach((skey, key) -> {
            Stored s = found.get(skey);
            V value = live(key, s, now);
            if (value != null) {
                result.put(key, value);
                if (!expiries.readsKeepExpiry()) {
                    locked(skey, () -> accessed(skey, s, now));
                }
            } else {
                missing.add(key);
            }
        });
        stats.hits(result.size());
        stats.misses(missing.size());
        if (!missing.isEmpty() && config.isReadThrough() && loader != null) {
            loadAllAndStore(missing, false).forEach(result::put);
        }
        stats.getTime(start);
        return result;
    }

    @Override
    public boolean containsKey(K key) {
        checkOpen();
        checkKey(key);
        Object skey = encode(key);
        return live(key, store.read(skey), clock.millis()) != null;
    }

    // ---- writes

    @Override
    public void put(K key, V value) {
        checkOpen();
        checkEntry(key, value);
        long start = stats.start();
        Object skey = encode(key);
        locked(skey, () -> {
            writes.write(key, value);
            return blindPuts() ? putBlind(Map.of(skey, Map.entry(key, value))) : putLocked(key, skey, value);
        });
        stats.putTime(start);
    }

    /**
     * Whether a put may write without reading first (one round trip): no listener wants to know
     * what it replaced, the expiry policy expires an update as it does a creation, and the
     * backend's conditional writes are atomic (else a blind write could land between another
     * caller's check and its write, which no later check would see).
     */
    private boolean blindPuts() {
        return listeners.isEmpty() && expiries.updatesAsCreates() && store.atomicWrites();
    }

    /** Writes the entries (their expiry is set here) without reading; returns null. */
    private V putBlind(Map<Object, Map.Entry<K, V>> entries) {
        long now = clock.millis();
        long at = expiries.onCreate(now);
        if (at <= now) {
            store.deleteMany(entries.keySet());
            return null;
        }
        Map<Object, Stored> records = new LinkedHashMap<>();
        entries.forEach((skey, e) -> records.put(skey, Stored.of(e.getKey(), e.getValue(), at)));
        List<Object> refused = store.setMany(records, at, now);
        stats.puts(records.size() - refused.size());
        if (!refused.isEmpty()) {
            throw new javax.cache.CacheException("cache '" + name + "' could not store " + refused.size()
                    + " of " + records.size() + " entries (too large for the backend?); first: "
                    + Keys.printable(String.valueOf(refused.get(0))));
        }
        return null;
    }

    /** Stores the value, returning the value it replaced (null: none); no write-through. */
    private V putLocked(K key, Object skey, V value) {
        for (int attempt = 0; ; attempt = retry(skey, attempt)) {
            long now = clock.millis();
            Stored s = store.read(skey);
            V old = live(key, s, now);
            Stored next = old == null ? Stored.of(key, value, expiries.onCreate(now)) : updated(s, value, now);
            if (store.swap(skey, s, next, now)) {
                announceWrite(key, value, old, next, now);
                return old;
            }
        }
    }

    private Stored updated(Stored s, Object value, long now) {
        long at = expiries.onUpdate(now);
        return s.withValue(value, at == Expiries.UNCHANGED ? s.expiresAt() : at);
    }

    @Override
    public V getAndPut(K key, V value) {
        checkOpen();
        checkEntry(key, value);
        long start = stats.start();
        Object skey = encode(key);
        V old = locked(skey, () -> {
            writes.write(key, value);
            return putLocked(key, skey, value);
        });
        stats.found(old != null);
        stats.getTime(start);
        stats.putTime(start);
        return old;
    }

    @Override
    public void putAll(Map<? extends K, ? extends V> entries) {
        checkOpen();
        Objects.requireNonNull(entries, "entries");
        entries.forEach(this::checkEntry);
        long start = stats.start();
        Map<K, V> toStore = new LinkedHashMap<>(entries);
        RuntimeException failure = writes.writeAll(toStore);
        if (blindPuts()) {
            Map<Object, Map.Entry<K, V>> blind = new LinkedHashMap<>();
            toStore.forEach((key, value) -> blind.put(locks.notProcessing(encode(key)), Map.entry(key, value)));
            putBlind(blind);
        } else {
            toStore.forEach((key, value) -> {
                Object skey = encode(key);
                locked(skey, () -> putLocked(key, skey, value));
            });
        }
        stats.putTime(start);
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public boolean putIfAbsent(K key, V value) {
        checkOpen();
        checkEntry(key, value);
        long start = stats.start();
        Object skey = encode(key);
        boolean stored = locked(skey, () -> {
            boolean written = false;
            for (int attempt = 0; ; attempt = retry(skey, attempt)) {
                long now = clock.millis();
                Stored s = store.read(skey);
                if (live(key, s, now) != null) {
                    return false;
                }
                if (!written) {
                    writes.write(key, value);
                    written = true;
                }
                Stored next = Stored.of(key, value, expiries.onCreate(now));
                if (store.swap(skey, s, next, now)) {
                    if (!next.expiredAt(now)) {
                        stats.puts(1);
                        listeners.created(key, value);
                    }
                    return true;
                }
            }
        });
        stats.found(!stored);
        stats.putTime(start);
        return stored;
    }

    @Override
    public boolean remove(K key) {
        checkOpen();
        checkKey(key);
        long start = stats.start();
        Object skey = encode(key);
        boolean removed = locked(skey, () -> {
            writes.delete(key);
            return removeLocked(key, skey, null) != null;
        });
        stats.removeTime(start);
        return removed;
    }

    /**
     * Removes the live entry, if it holds {@code expected} (null: whatever it holds); returns
     * the value removed, or null.
     */
    private V removeLocked(K key, Object skey, Object expected) {
        for (int attempt = 0; ; attempt = retry(skey, attempt)) {
            long now = clock.millis();
            Stored s = store.read(skey);
            V old = live(key, s, now);
            if (old == null || expected != null && !expected.equals(old)) {
                return null;
            }
            if (store.swap(skey, s, null, now)) {
                stats.removals(1);
                listeners.removed(key, old);
                return old;
            }
        }
    }

    @Override
    public boolean remove(K key, V oldValue) {
        checkOpen();
        checkEntry(key, oldValue);
        long start = stats.start();
        Object skey = encode(key);
        boolean removed = locked(skey, () -> {
            long now = clock.millis();
            Stored s = store.read(skey);
            V current = live(key, s, now);
            if (current == null) {
                stats.misses(1);
                return false;
            }
            stats.hits(1);
            if (!current.equals(oldValue)) {
                accessed(skey, s, now);
                return false;
            }
            writes.delete(key);
            return removeLocked(key, skey, oldValue) != null;
        });
        stats.removeTime(start);
        return removed;
    }

    @Override
    public V getAndRemove(K key) {
        checkOpen();
        checkKey(key);
        long start = stats.start();
        Object skey = encode(key);
        V old = locked(skey, () -> {
            writes.delete(key);
            return removeLocked(key, skey, null);
        });
        stats.found(old != null);
        stats.getTime(start);
        stats.removeTime(start);
        return old;
    }

    @Override
    public boolean replace(K key, V oldValue, V newValue) {
        checkOpen();
        checkEntry(key, oldValue);
        checkEntry(key, newValue);
        return replaceWhere(key, newValue, oldValue) != null;
    }

    @Override
    public boolean replace(K key, V value) {
        checkOpen();
        checkEntry(key, value);
        return replaceWhere(key, value, null) != null;
    }

    @Override
    public V getAndReplace(K key, V value) {
        checkOpen();
        checkEntry(key, value);
        return replaceWhere(key, value, null);
    }

    /**
     * Replaces the live entry's value if it equals {@code expected} (null: whatever it is);
     * returns the value replaced, or null when nothing was.
     */
    private V replaceWhere(K key, V value, V expected) {
        long start = stats.start();
        Object skey = encode(key);
        V replaced = locked(skey, () -> {
            boolean written = false;
            for (int attempt = 0; ; attempt = retry(skey, attempt)) {
                long now = clock.millis();
                Stored s = store.read(skey);
                V old = live(key, s, now);
                if (old == null) {
                    stats.misses(1);
                    return null;
                }
                if (expected != null && !expected.equals(old)) {
                    stats.hits(1);
                    accessed(skey, s, now);
                    return null;
                }
                if (!written) {
                    writes.write(key, value);
                    written = true;
                }
                Stored next = updated(s, value, now);
                if (store.swap(skey, s, next, now)) {
                    stats.hits(1);
                    stats.puts(1);
                    if (next.expiredAt(now)) {
                        listeners.expired(key, old);
                    } else {
                        listeners.updated(key, value, old);
                    }
                    return old;
                }
            }
        });
        stats.putTime(start);
        return replaced;
    }

    @Override
    public void removeAll(Set<? extends K> keys) {
        checkOpen();
        checkKeys(keys);
        long start = stats.start();
        Set<K> toRemove = new LinkedHashSet<>(keys);
        RuntimeException failure = writes.deleteAll(toRemove);
        for (K key : toRemove) {
            Object skey = encode(key);
            locked(skey, () -> removeLocked(key, skey, null));
        }
        stats.removeTime(start);
        if (failure != null) {
            throw failure;
        }
    }

    /** Removes every entry, listing and removing a batch at a time, so memory stays bounded. */
    @Override
    public void removeAll() {
        checkOpen();
        Batches.each(store.keys(), Batches.SIZE, batch -> {
            long now = clock.millis();
            Set<K> keys = new LinkedHashSet<>();
            for (Stored s : store.readMany(batch).values()) {
                if (!s.expiredAt(now)) {
                    keys.add(keyOf(s));
                }
            }
            removeAll(keys);
        });
    }

    @Override
    public void clear() {
        checkOpen();
        store.clear();
    }

    // ---- loading

    @Override
    public void loadAll(Set<? extends K> keys, boolean replaceExisting, CompletionListener done) {
        checkOpen();
        checkKeys(keys);
        CompletionListener listener = done == null ? NO_LISTENER : done;
        if (loader == null) {
            listener.onCompletion();
            return;
        }
        Set<K> wanted = new LinkedHashSet<>(keys);
        executor.execute(() -> {
            try {
                if (!replaceExisting) {
                    wanted.removeIf(this::containsKey);
                }
                loadAllAndStore(wanted, replaceExisting);
                listener.onCompletion();
            } catch (Exception e) {
                listener.onException(e);
            }
        });
    }

    private V loadAndStore(K key, Object skey) {
        V loaded = load(key);
        if (loaded != null) {
            storeLoaded(key, skey, loaded, false);
        }
        return loaded;
    }

    private V load(K key) {
        if (loader == null) {
            return null;
        }
        try {
            V value = loader.load(key);
            return value;
        } catch (CacheLoaderException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new CacheLoaderException("the cache loader failed for key " + Keys.printable(String.valueOf(key)) + ": " + e, e);
        }
    }

    private Map<K, V> loadAllAndStore(Set<K> keys, boolean replace) {
        Map<K, V> loaded;
        try {
            Map<K, V> got = loader.loadAll(keys);
            loaded = got == null ? Map.of() : got;
        } catch (CacheLoaderException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new CacheLoaderException("the cache loader failed: " + e, e);
        }
        Map<K, V> stored = new LinkedHashMap<>();
        loaded.forEach((key, value) -> {
            if (key != null && value != null) {
                Object skey = encode(key);
                stored.put(key, locked(skey, () -> storeLoaded(key, skey, value, replace)));
            }
        });
        return stored;
    }

    /**
     * Stores a loaded value (never written through); over a live entry only when
     * {@code replace}. Returns the value the cache then holds for the key.
     */
    private V storeLoaded(K key, Object skey, V value, boolean replace) {
        for (int attempt = 0; ; attempt = retry(skey, attempt)) {
            long now = clock.millis();
            Stored s = store.read(skey);
            V old = live(key, s, now);
            if (old != null && !replace) {
                return old;
            }
            Stored next = old == null ? Stored.of(key, value, expiries.onCreate(now)) : updated(s, value, now);
            if (store.swap(skey, s, next, now)) {
                if (!next.expiredAt(now)) {
                    stats.puts(1);
                    if (old == null) {
                        listeners.created(key, value);
                    } else {
                        listeners.updated(key, value, old);
                    }
                }
                return value;
            }
        }
    }

    // ---- entry processors

    @Override
    public <T> T invoke(K key, EntryProcessor<K, V, T> processor, Object... arguments) {
        checkOpen();
        checkKey(key);
        Objects.requireNonNull(processor, "processor");
        Object skey = encode(key);
        return locked(skey, () -> invokeLocked(key, skey, processor, arguments));
    }

    /**
     * Runs the processor on the entry as read and applies its net change only if the entry is
     * still what it read; if another node changed it in between, runs the processor again on
     * the new entry. So the processor may run more than once when nodes race, never on a stale
     * entry, and never leaving a change half applied.
     */
    private <T> T invokeLocked(K key, Object skey, EntryProcessor<K, V, T> processor, Object[] arguments) {
        for (int attempt = 0; ; attempt = retry(skey, attempt)) {
            long now = clock.millis();
            Stored s = store.read(skey);
            V current = live(key, s, now);
            Invocation<K, V> entry = new Invocation<>(key, current,
                    config.isReadThrough() && loader != null ? this::load : null);
            T result = locks.processing(skey, () -> {
                try {
                    return processor.process(entry, arguments);
                } catch (EntryProcessorException e) {
                    throw e;
                } catch (Exception e) {
                    throw new EntryProcessorException(e);
                }
            });
            if (applied(key, skey, s, entry, now)) {
                stats.found(current != null);
                return result;
            }
        }
    }

    /** Applies the processor's net change over {@code s}; false when the entry changed meanwhile. */
    private boolean applied(K key, Object skey, Stored s, Invocation<K, V> entry, long now) {
        V old = entry.original();
        switch (entry.outcome()) {
            case NONE -> {
                return true;
            }
            case READ -> {
                // The processor may have changed the value it read in place; the entry's new
                // expiry goes on the entry as stored, read again, never on the changed copy.
                Stored stored = expiries.readsKeepExpiry() ? null : store.read(skey);
                if (stored != null && stored.equals(s)) {
                    accessed(skey, stored, now);
                }
                return true;
            }
            case REMOVED -> {
                writes.delete(key);
                if (old == null) {
                    return true;
                }
                if (!store.swap(skey, s, null, now)) {
                    return false;
                }
                stats.removals(1);
                listeners.removed(key, old);
                return true;
            }
            default -> {
                V value = entry.value();
                if (entry.outcome() != Invocation.Outcome.LOADED) {
                    writes.write(key, value);
                }
                Stored next = old == null ? Stored.of(key, value, expiries.onCreate(now)) : updated(s, value, now);
                if (!store.swap(skey, s, next, now)) {
                    return false;
                }
                announceWrite(key, value, old, next, now);
                return true;
            }
        }
    }

    /** The statistics and events of a write that landed. */
    private void announceWrite(K key, V value, V old, Stored next, long now) {
        if (old == null && next.expiredAt(now)) {
            return;
        }
        stats.puts(1);
        if (old == null) {
            listeners.created(key, value);
        } else if (next.expiredAt(now)) {
            listeners.expired(key, old);
        } else {
            listeners.updated(key, value, old);
        }
    }

    @Override
    public <T> Map<K, EntryProcessorResult<T>> invokeAll(Set<? extends K> keys, EntryProcessor<K, V, T> processor,
                                                         Object... arguments) {
        checkOpen();
        checkKeys(keys);
        Objects.requireNonNull(processor, "processor");
        Map<K, EntryProcessorResult<T>> results = new HashMap<>();
        for (K key : keys) {
            try {
                T result = invoke(key, processor, arguments);
                if (result != null) {
                    results.put(key, () -> result);
                }
            } catch (IllegalStateException e) {
                throw e;
            } catch (RuntimeException e) {
                // Each key's failure is its own (JSR-107 9.3): the other keys still run.
                EntryProcessorException failure = e instanceof EntryProcessorException p ? p : new EntryProcessorException(e);
                results.put(key, () -> {
                    throw failure;
                });
            }
        }
        return results;
    }

    // ---- iteration

    @Override
    public Iterator<Entry<K, V>> iterator() {
        checkOpen();
        return new EntryIterator(store.keys());
    }

    private final class EntryIterator implements Iterator<Entry<K, V>> {
        private final Iterator<Object> keys;
        private Entry<K, V> next;
        private K last;

        EntryIterator(Iterator<Object> keys) {
            this.keys = keys;
        }

        @Override
        public boolean hasNext() {
            while (next == null && keys.hasNext()) {
                Object skey = keys.next();
                next = locked(skey, () -> {
                    long now = clock.millis();
                    Stored s = store.read(skey);
                    if (s == null || s.expiredAt(now)) {
                        return null;
                    }
                    K key = keyOf(s);
                    V value = valueOf(s);
                    stats.hits(1);
                    accessed(skey, s, now);
                    return new LarderEntry<>(key, value);
                });
            }
            return next != null;
        }

        @Override
        public Entry<K, V> next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Entry<K, V> e = next;
            next = null;
            last = e.getKey();
            return e;
        }

        @Override
        public void remove() {
            if (last == null) {
                throw new IllegalStateException("next() has not been called, or remove() was called already");
            }
            LarderJCache.this.remove(last);
            last = null;
        }
    }

    // ---- listeners, configuration, life cycle

    @Override
    public void registerCacheEntryListener(CacheEntryListenerConfiguration<K, V> listener) {
        checkOpen();
        Objects.requireNonNull(listener, "listener");
        listeners.register(listener);
        config.addCacheEntryListenerConfiguration(listener);
    }

    @Override
    public void deregisterCacheEntryListener(CacheEntryListenerConfiguration<K, V> listener) {
        checkOpen();
        Objects.requireNonNull(listener, "listener");
        listeners.deregister(listener);
        config.removeCacheEntryListenerConfiguration(listener);
    }

    @Override
    public <C extends Configuration<K, V>> C getConfiguration(Class<C> type) {
        if (type.isInstance(config)) {
            return type.cast(new MutableConfiguration<>(config));
        }
        throw new IllegalArgumentException("a Larder JCache configuration is no " + type.getName());
    }

    MutableConfiguration<K, V> configuration() {
        return config;
    }

    Statistics statistics() {
        return stats;
    }

    void enableStatistics(boolean on) {
        config.setStatisticsEnabled(on);
        stats.enable(on);
    }

    void enableManagement(boolean on) {
        config.setManagementEnabled(on);
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public CacheManager getCacheManager() {
        return manager;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        onClose.run();
        listeners.close();
        for (Object part : new Object[] {loader, writes.writer(), expiries.policy()}) {
            closeQuietly(part);
        }
    }

    private static void closeQuietly(Object part) {
        if (part instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                System.getLogger(LarderJCache.class.getName()).log(System.Logger.Level.WARNING,
                        "closing " + part.getClass().getName() + " failed", e);
            }
        }
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public <T> T unwrap(Class<T> type) {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        if (type.isInstance(store.underneath())) {
            return type.cast(store.underneath());
        }
        throw new IllegalArgumentException("a Larder JCache cannot be unwrapped to " + type.getName());
    }

    @Override
    public String toString() {
        return "LarderJCache[" + name + "]";
    }

    // ---- helpers

    /** The entry's value when it is live and holds this key, else null. */
    private V live(K key, Stored s, long now) {
        if (s == null || s.expiredAt(now) || !key.equals(s.key())) {
            return null;
        }
        return valueOf(s);
    }

    /** {@link #live}, removing an expired entry of this key and telling the listeners. */
    private V liveOrExpire(K key, Object skey, Stored s, long now) {
        if (s != null && s.expiredAt(now) && key.equals(s.key()) && store.swap(skey, s, null, now)) {
            listeners.expired(key, valueOf(s));
            return null;
        }
        return live(key, s, now);
    }

    /** Applies the access expiry to a live entry just read (best effort: a lost race keeps the newer write). */
    private Void accessed(Object skey, Stored s, long now) {
        long at = expiries.onAccess(now);
        if (at != Expiries.UNCHANGED) {
            store.swap(skey, s, s.withExpiry(at), now);
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private V valueOf(Stored s) {
        return (V) s.value();
    }

    @SuppressWarnings("unchecked")
    private K keyOf(Stored s) {
        return (K) s.key();
    }

    /** Conflicting writes on one key before a call gives up, rather than spin: nodes racing never need this many. */
    private static final int MAX_ATTEMPTS = 10_000;

    /** One more attempt at a conditional write that lost a race on {@code skey}. */
    private int retry(Object skey, int attempt) {
        if (attempt >= MAX_ATTEMPTS) {
            throw new javax.cache.CacheException("cache '" + name + "' gave up on key " + Keys.printable(String.valueOf(skey))
                    + " after " + MAX_ATTEMPTS + " conflicting writes in a row");
        }
        return attempt + 1;
    }

    private <R> R locked(Object skey, Supplier<R> body) {
        return locks.with(skey, body);
    }

    private Map<Object, K> encodeAll(Set<? extends K> keys) {
        Map<Object, K> out = new LinkedHashMap<>();
        for (K key : keys) {
            out.put(encode(key), key);
        }
        return out;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("cache '" + name + "' is closed");
        }
    }

    // Configured types are not enforced on writes: JSR-107 leaves that to implementations, and
    // its test kit stores keys of other types in a typed store-by-reference cache.
    private void checkKey(K key) {
        Objects.requireNonNull(key, "key");
    }

    private void checkKeys(Collection<? extends K> keys) {
        Objects.requireNonNull(keys, "keys");
        for (K key : keys) {
            checkKey(key);
        }
    }

    private void checkEntry(K key, V value) {
        checkKey(key);
        Objects.requireNonNull(value, "value");
    }

    /**
     * The Larder key of a JCache key. A store-by-reference cache lives in this JVM's memory,
     * so a key with no value form (not serialisable) is named by a number drawn for it here.
     */
    private Object encode(K key) {
        return store.keyOf(key);
    }

    private static final CompletionListener NO_LISTENER = new CompletionListener() {
        @Override
        public void onCompletion() {
        }

        @Override
        public void onException(Exception e) {
        }
    };

    ExpiryPolicy expiryPolicy() {
        return expiries.policy();
    }
}
