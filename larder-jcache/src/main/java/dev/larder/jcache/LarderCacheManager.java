package dev.larder.jcache;

import dev.larder.CacheConfig;
import dev.larder.CacheRegistry;
import dev.larder.Timeout;
import java.lang.ref.WeakReference;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicLong;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.CompleteConfiguration;
import javax.cache.configuration.Configuration;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.Duration;
import javax.cache.expiry.EternalExpiryPolicy;
import javax.cache.expiry.ExpiryPolicy;
import javax.cache.management.CacheMXBean;
import javax.cache.management.CacheStatisticsMXBean;
import javax.cache.spi.CachingProvider;

/**
 * A JSR-107 cache manager over one Larder configuration (a {@link CacheRegistry}). A cache made
 * with {@link #createCache} takes its backend, location and options from the configured Larder
 * cache of the same name if there is one, else from the template cache (property
 * {@code larder.jcache.template}, default {@code default}), with a key prefix of its own. A
 * configured Larder cache's name also works with {@link #getCache(String)} directly, as a
 * cache of {@code Object} keys and values expiring after the Larder cache's timeout.
 *
 * <p>{@link #unwrap unwrap(CacheRegistry.class)} gives the registry. Thread-safe.
 */
public final class LarderCacheManager implements CacheManager {
    /** How the Larder caches this manager makes are named: {@code jcache:<name>#<n>}. */
    private static final String INTERNAL = "jcache:";

    /** The property naming the configured Larder cache that created caches copy. */
    public static final String TEMPLATE = "larder.jcache.template";

    private final CachingProvider provider;
    private final URI uri;
    private final boolean defaultUri;
    private final WeakReference<ClassLoader> classLoader;
    private final Properties properties;
    private final CacheRegistry registry;
    private final String template;
    private final Runnable onClose;
    private final Map<String, LarderJCache<?, ?>> caches = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();
    private final Clock clock = Clock.systemUTC();
    private final Executor executor = ForkJoinPool.commonPool();
    private volatile boolean closed;

    LarderCacheManager(CachingProvider provider, URI uri, boolean defaultUri, ClassLoader classLoader,
                       Properties properties, CacheRegistry registry, Runnable onClose) {
        this.provider = provider;
        this.uri = uri;
        this.defaultUri = defaultUri;
        this.classLoader = new WeakReference<>(classLoader);
        this.properties = properties;
        this.registry = registry;
        this.template = properties.getProperty(TEMPLATE, System.getProperty(TEMPLATE, CacheRegistry.DEFAULT_ALIAS));
        this.onClose = onClose;
    }

    @Override
    public CachingProvider getCachingProvider() {
        return provider;
    }

    @Override
    public URI getURI() {
        return uri;
    }

    @Override
    public ClassLoader getClassLoader() {
        return classLoader.get();
    }

    @Override
    public Properties getProperties() {
        return properties;
    }

    @Override
    public <K, V, C extends Configuration<K, V>> Cache<K, V> createCache(String name, C configuration) {
        checkOpen();
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(configuration, "configuration");
        synchronized (caches) {
            if (caches.containsKey(name)) {
                throw new CacheException("cache '" + name + "' already exists in " + uri);
            }
            return make(name, complete(configuration));
        }
    }

    private <K, V> LarderJCache<K, V> make(String name, CompleteConfiguration<K, V> config) {
        CacheConfig base = configured(name) ? registry.config(name) : templateConfig(name);
        Statistics stats = new Statistics();
        ExpiryPolicy policy = config.getExpiryPolicyFactory().create();
        String alias = null;
        Entries entries;
        if (base.backend().equals("locmem")) {
            entries = new LocalEntries(maxEntries(base),
                    config.isStoreByValue() ? new Copies(registry.serializer(baseAlias(name)), getClassLoader()) : null,
                    clock, stats,
                    policy.getClass() != EternalExpiryPolicy.class);
        } else {
            CacheConfig larder = Stores.configFor(base, uri, defaultUri, name, config.isStoreByValue());
            alias = INTERNAL + Stores.escape(name) + "#" + generation.incrementAndGet();
            entries = new EntryStore(registry.create(alias, larder), Stores.clearsAlone(larder), getClassLoader());
        }
        String made = alias;
        LarderJCache<K, V> cache = null;
        try {
            LarderJCache<K, V>[] self = new LarderJCache[1];
            cache = new LarderJCache<>(name, this, entries, stats, policy, config, clock, executor,
                    () -> forget(name, self[0], made));
            self[0] = cache;
            caches.put(name, cache);
            if (config.isManagementEnabled()) {
                manage(cache, true);
            }
            if (config.isStatisticsEnabled()) {
                measure(cache, true);
            }
            return cache;
        } catch (RuntimeException e) {
            // A listener factory that throws, an MBean name JMX refuses: nothing half made stays.
            if (cache != null) {
                cache.close();
            } else if (alias != null) {
                registry.destroy(alias);
            }
            throw e;
        }
    }

    /** The configured Larder cache a JCache cache of this name copies. */
    private String baseAlias(String name) {
        return configured(name) ? name : template;
    }

    /**
     * A locmem template's bound for the in-memory entries: its {@code max-entries} when it sets
     * one, else none, as a JSR-107 configuration has no bound (Caffeine's provider does the same).
     */
    private static long maxEntries(CacheConfig template) {
        String set = template.options().get("max-entries");
        return set == null ? 0 : Long.parseLong(set.trim());
    }

    /** Whether {@code name} is a cache of the user's configuration (not one this manager made). */
    private boolean configured(String name) {
        return !name.startsWith(INTERNAL) && registry.aliases().contains(name);
    }

    private CacheConfig templateConfig(String name) {
        if (!registry.aliases().contains(template)) {
            throw new CacheException("cache '" + name + "' has no Larder cache of its name to copy, nor the template '"
                    + template + "' (" + TEMPLATE + "); configured: " + registry.aliases());
        }
        return registry.config(template);
    }

    private void forget(String name, LarderJCache<?, ?> cache, String alias) {
        caches.remove(name, cache);
        Management.unregister(Management.Kind.CacheConfiguration, uri.toString(), name);
        Management.unregister(Management.Kind.CacheStatistics, uri.toString(), name);
        if (alias != null) {
            registry.destroy(alias);
        }
    }

    @SuppressWarnings("unchecked")
    private static <K, V> CompleteConfiguration<K, V> complete(Configuration<K, V> given) {
        if (given instanceof CompleteConfiguration<K, V> complete) {
            return new MutableConfiguration<>(complete);
        }
        MutableConfiguration<K, V> config = new MutableConfiguration<>();
        config.setStoreByValue(given.isStoreByValue());
        config.setTypes(given.getKeyType(), given.getValueType());
        return config;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> Cache<K, V> getCache(String name, Class<K> keyType, Class<V> valueType) {
        checkOpen();
        Objects.requireNonNull(keyType, "keyType");
        Objects.requireNonNull(valueType, "valueType");
        LarderJCache<?, ?> cache = find(name);
        if (cache == null) {
            return null;
        }
        Configuration<?, ?> config = cache.configuration();
        if (config.getKeyType() != keyType || config.getValueType() != valueType) {
            throw new ClassCastException("cache '" + name + "' holds " + config.getKeyType().getName() + " -> "
                    + config.getValueType().getName() + ", not " + keyType.getName() + " -> " + valueType.getName());
        }
        return (Cache<K, V>) cache;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> Cache<K, V> getCache(String name) {
        checkOpen();
        return (Cache<K, V>) find(name);
    }

    private LarderJCache<?, ?> find(String name) {
        Objects.requireNonNull(name, "name");
        LarderJCache<?, ?> cache = caches.get(name);
        if (cache != null || !configured(name)) {
            return cache;
        }
        synchronized (caches) {
            cache = caches.get(name);
            return cache != null ? cache : make(name, configuredView(registry.config(name)));
        }
    }

    /** A configured Larder cache as JCache sees it: any keys and values, expiring after its timeout. */
    private static CompleteConfiguration<Object, Object> configuredView(CacheConfig larder) {
        MutableConfiguration<Object, Object> config = new MutableConfiguration<>();
        Timeout timeout = larder.timeout();
        config.setExpiryPolicyFactory(timeout.isNever() ? EternalExpiryPolicy.factoryOf()
                : CreatedExpiryPolicy.factoryOf(new Duration(java.util.concurrent.TimeUnit.MILLISECONDS,
                        Math.max(1, timeout.toMillis()))));
        return config;
    }

    @Override
    public Iterable<String> getCacheNames() {
        checkOpen();
        return Collections.unmodifiableSet(new LinkedHashSet<>(caches.keySet()));
    }

    @Override
    public void destroyCache(String name) {
        checkOpen();
        Objects.requireNonNull(name, "name");
        LarderJCache<?, ?> cache = caches.get(name);
        if (cache != null) {
            try {
                cache.clear();
            } finally {
                cache.close();
            }
        }
    }

    @Override
    public void enableManagement(String name, boolean enabled) {
        checkOpen();
        LarderJCache<?, ?> cache = caches.get(Objects.requireNonNull(name, "name"));
        if (cache != null) {
            manage(cache, enabled);
        }
    }

    @Override
    public void enableStatistics(String name, boolean enabled) {
        checkOpen();
        LarderJCache<?, ?> cache = caches.get(Objects.requireNonNull(name, "name"));
        if (cache != null) {
            measure(cache, enabled);
        }
    }

    private void manage(LarderJCache<?, ?> cache, boolean on) {
        cache.enableManagement(on);
        if (on) {
            Management.register(new ConfigurationBean(cache.configuration()), CacheMXBean.class,
                    Management.Kind.CacheConfiguration, uri.toString(), cache.getName());
        } else {
            Management.unregister(Management.Kind.CacheConfiguration, uri.toString(), cache.getName());
        }
    }

    private void measure(LarderJCache<?, ?> cache, boolean on) {
        cache.enableStatistics(on);
        if (on) {
            Management.register(cache.statistics(), CacheStatisticsMXBean.class,
                    Management.Kind.CacheStatistics, uri.toString(), cache.getName());
        } else {
            Management.unregister(Management.Kind.CacheStatistics, uri.toString(), cache.getName());
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        onClose.run();
        List<LarderJCache<?, ?>> open = new ArrayList<>(caches.values());
        for (LarderJCache<?, ?> cache : open) {
            try {
                cache.close();
            } catch (RuntimeException e) {
                System.getLogger(LarderCacheManager.class.getName()).log(System.Logger.Level.WARNING,
                        "closing cache '" + cache.getName() + "' failed", e);
            }
        }
        registry.close();
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
        if (type.isInstance(registry)) {
            return type.cast(registry);
        }
        throw new IllegalArgumentException("a Larder cache manager cannot be unwrapped to " + type.getName());
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("cache manager " + uri + " is closed");
        }
    }

    @Override
    public String toString() {
        return "LarderCacheManager[" + uri + "]";
    }
}
