package dev.larder;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;

/**
 * The named caches of an application (Django's {@code caches}). Every cache is created, and
 * every setting checked, when the registry is built: a bad configuration fails at startup,
 * not at first use. One {@link Cache} per alias is shared by all threads.
 *
 * <p>In code:
 * <pre>{@code
 * CacheRegistry caches = CacheRegistry.builder()
 *         .cache("default", CacheConfig.builder().option("max-entries", "10000").build())
 *         .cache("pages", CacheConfig.builder().backend("file").location("/var/cache/pages").build())
 *         .build();
 * }</pre>
 *
 * <p>From {@code larder.properties} (found through the {@code larder.config} system property,
 * the {@code LARDER_CONFIG} environment variable, or the class path), with environment
 * variables ({@code LARDER_CACHES_DEFAULT_TIMEOUT=60}) and then system properties
 * ({@code -Dlarder.caches.default.timeout=60}) overriding it:
 * <pre>{@code
 * larder.caches.default.backend=locmem
 * larder.caches.default.timeout=5m
 * larder.caches.default.options.max-entries=10000
 * }</pre>
 *
 * <p>Each cache's configuration stays known ({@link #config}), for integrations that copy it.
 * Closing the registry closes every cache. Thread-safe.
 */
public final class CacheRegistry implements AutoCloseable {
    /** The alias every configuration must have. */
    public static final String DEFAULT_ALIAS = ConfigNames.DEFAULT_ALIAS;

    /**
     * Replaced whole under {@code this} when {@link #create} adds a cache, so reads take no lock;
     * a cache and its configuration are one entry, so no reader sees one without the other.
     */
    private volatile Map<String, Named> caches;
    private final CacheFactory factory;
    private boolean closed;

    /** A cache and the configuration it was built from. */
    private record Named(Cache cache, CacheConfig config) {
    }

    private CacheRegistry(Map<String, Named> caches, CacheFactory factory) {
        this.caches = Collections.unmodifiableMap(caches);
        this.factory = factory;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The registry configured by {@code larder.properties}, the environment and system properties. */
    public static CacheRegistry load() {
        return configured().build();
    }

    /**
     * The configuration {@link #load()} would build, read and checked but with no cache created
     * yet: for tools that look at configured caches without connecting to them (the
     * {@code larder} command's {@code createcachetable}), or add caches in code before building.
     *
     * @throws CacheConfigException naming the property and value that are wrong
     */
    public static Builder configured() {
        return configured(System.getenv(), System.getProperties());
    }

    /** {@link #configured()} with the given environment variables and system properties. */
    static Builder configured(Map<String, String> env, Properties system) {
        ConfigLoader.Loaded loaded = ConfigLoader.fromEnvironment(env, system);
        return builder().configured(loaded.caches()).origins(loaded.origins());
    }

    /**
     * The registry configured by {@code larder.caches.*} properties (other keys are ignored).
     *
     * @throws CacheConfigException naming the property and value that are wrong
     */
    public static CacheRegistry fromProperties(Properties properties) {
        return configured(properties).build();
    }

    /**
     * What {@link #fromProperties} would build, read and checked but not yet created: for
     * integrations that take the properties from elsewhere (Spring's environment) and attach
     * objects in code before building.
     *
     * @throws CacheConfigException naming the property and value that are wrong
     */
    public static Builder configured(Properties properties) {
        return builder().configured(ConfigLoader.parse(properties));
    }

    /**
     * The cache configured under {@code alias}.
     *
     * @throws CacheConfigException when there is none, naming the configured aliases
     */
    public Cache cache(String alias) {
        return named(alias).cache();
    }

    /**
     * The configuration the cache {@code alias} was built from: as configured at start-up
     * (for the implicit {@code default} of an empty configuration, a local-memory one), or as
     * given to {@link #create}. For integrations that copy a cache's settings (Spring's cache
     * manager makes its caches from a template:
     * {@code registry.create("books", registry.config("default").withKeyPrefix("books"))}), or
     * that show a cache's backend and location to an operator.
     *
     * <p>A location may hold a password ({@code redis://:secret@host}): pass it through
     * {@link dev.larder.support.Secrets#mask} before it is shown or logged.
     *
     * @throws CacheConfigException when there is no such cache, naming the configured aliases
     */
    public CacheConfig config(String alias) {
        return named(alias).config();
    }

    private Named named(String alias) {
        Named named = caches.get(alias);
        if (named == null) {
            throw new CacheConfigException("no cache named '" + alias + "'; configured: " + caches.keySet());
        }
        return named;
    }

    /**
     * The serializer the cache {@code alias} uses, made as for the cache (its own, the
     * {@code serializer} option's class, or the default with its allow-list): for integrations
     * that copy or encode values the way that cache would, without storing them in it.
     *
     * @throws CacheConfigException when there is no such cache, naming the configured aliases
     */
    public dev.larder.spi.Serializer serializer(String alias) {
        return factory.serializer(alias, config(alias));
    }

    /** The cache named {@code default}. */
    public Cache defaultCache() {
        return cache(DEFAULT_ALIAS);
    }

    /** The configured aliases, in configuration order, then those {@link #create created} since. */
    public Set<String> aliases() {
        return caches.keySet();
    }

    /**
     * Creates a cache after start-up, with the registry's clock, and closes it with the
     * registry: for integrations whose caches are named at run time (Spring's
     * {@code @Cacheable("books")}), usually from a configured cache's settings
     * ({@code registry.create("books", config.withKeyPrefix("books"))}). Thread-safe.
     *
     * @throws IllegalStateException  when {@code alias} is taken, or the registry is closed
     * @throws CacheConfigException   when the configuration is refused, as at start-up
     */
    public Cache create(String alias, CacheConfig config) {
        Objects.requireNonNull(config, "config");
        Builder.checkAlias(alias);
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("the cache registry is closed; cannot create '" + alias + "'");
            }
            if (caches.containsKey(alias)) {
                throw new IllegalStateException("cache '" + alias + "' is already configured");
            }
            Map<String, Named> next = new LinkedHashMap<>(caches);
            Cache cache = factory.create(alias, config);
            next.put(alias, new Named(cache, config));
            caches = Collections.unmodifiableMap(next);
            return cache;
        }
    }

    /**
     * Closes the cache {@code alias} and forgets it, so that the alias may be {@link #create
     * created} again: for integrations whose caches come and go at run time (a JCache
     * {@code destroyCache}). Nothing happens when there is no such cache. Thread-safe.
     */
    public void destroy(String alias) {
        Named named;
        synchronized (this) {
            named = caches.get(alias);
            if (named == null) {
                return;
            }
            Map<String, Named> next = new LinkedHashMap<>(caches);
            next.remove(alias);
            caches = Collections.unmodifiableMap(next);
        }
        named.cache().close();
    }

    /** Closes every cache; the first failure is thrown after all were tried. */
    @Override
    public void close() {
        Collection<Named> all;
        synchronized (this) {
            closed = true;
            all = caches.values();
        }
        RuntimeException first = null;
        for (Named named : all) {
            try {
                named.cache().close();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** Collects cache configurations and builds them all at once. */
    public static final class Builder {
        private final Map<String, CacheConfig> configs = new LinkedHashMap<>();
        private Clock clock;
        /** Property to "environment variable X" or "system property -DX", for error messages. */
        private Map<String, String> origins = Map.of();

        private Builder() {
        }

        /** Adds a cache under {@code alias}; an alias may be given once. */
        public Builder cache(String alias, CacheConfig config) {
            Objects.requireNonNull(config, "config");
            checkAlias(alias);
            if (configs.putIfAbsent(alias, config) != null) {
                throw new IllegalStateException("cache '" + alias + "' is already configured");
            }
            return this;
        }

        static void checkAlias(String alias) {
            if (alias == null || alias.isBlank() || alias.contains(".")) {
                throw new IllegalArgumentException("cache alias must be non-blank and contain no '.', was '" + alias + "'");
            }
        }

        /** Caches read from properties: the registry's own checks (a blank alias) are configuration mistakes there. */
        private Builder configured(Map<String, CacheConfig> read) {
            read.forEach((alias, config) -> {
                try {
                    cache(alias, config);
                } catch (IllegalArgumentException e) {
                    throw new CacheConfigException(ConfigNames.setting(alias, "*") + ": " + e.getMessage(), e);
                }
            });
            return this;
        }

        private Builder origins(Map<String, String> origins) {
            this.origins = Map.copyOf(origins);
            return this;
        }

        /** The caches configured so far, by alias, in the order given. */
        public Map<String, CacheConfig> configs() {
            return Collections.unmodifiableMap(configs);
        }

        /** The clock every expiry is computed with; the system UTC clock by default. */
        public Builder clock(Clock clock) {
            if (this.clock != null) {
                throw new IllegalStateException("clock was already set");
            }
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Creates every cache. With no cache configured, {@code default} is a local-memory
         * cache (as in Django).
         *
         * @throws CacheConfigException when {@code default} is missing, a backend is unknown, or
         *                              a setting is refused; caches already created are closed,
         *                              and what they made is undone (see {@link dev.larder.spi.CacheBackend#discard()})
         */
        public CacheRegistry build() {
            try {
                return buildAll();
            } catch (CacheConfigException e) {
                throw ConfigLoader.withOrigin(e, origins);
            }
        }

        private CacheRegistry buildAll() {
            Map<String, CacheConfig> all = new LinkedHashMap<>(configs);
            if (all.isEmpty()) {
                all.put(DEFAULT_ALIAS, CacheConfig.builder().build());
            }
            if (!all.containsKey(DEFAULT_ALIAS)) {
                throw new CacheConfigException("no '" + DEFAULT_ALIAS + "' cache is configured (set "
                        + ConfigNames.setting(DEFAULT_ALIAS, "backend") + "); configured: " + all.keySet());
            }
            CacheFactory factory = new CacheFactory(clock == null ? Clock.systemUTC() : clock);
            Map<String, Named> built = new LinkedHashMap<>();
            List<DefaultCache> created = new ArrayList<>();
            try {
                for (Map.Entry<String, CacheConfig> e : all.entrySet()) {
                    DefaultCache cache = factory.create(e.getKey(), e.getValue());
                    created.add(cache);
                    built.put(e.getKey(), new Named(cache, e.getValue()));
                }
            } catch (RuntimeException | Error e) {
                discard(created, e);
                throw e;
            }
            return new CacheRegistry(built, factory);
        }

        /** Undoes the caches of a failed build, the last created first; their failures go on {@code e}. */
        private static void discard(List<DefaultCache> created, Throwable e) {
            for (int i = created.size() - 1; i >= 0; i--) {
                try {
                    created.get(i).discard();
                } catch (RuntimeException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
        }
    }
}
