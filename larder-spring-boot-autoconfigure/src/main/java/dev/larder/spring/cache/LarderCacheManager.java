package dev.larder.spring.cache;

import dev.larder.CacheBackendException;
import dev.larder.CacheConfig;
import dev.larder.CacheConfigException;
import dev.larder.CacheRegistry;
import dev.larder.Timeout;
import dev.larder.support.Md5;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.springframework.cache.CacheManager;

/**
 * A Spring {@link CacheManager} over a Larder {@link CacheRegistry}. A cache name that is a
 * Larder alias ({@code larder.caches.<name>.*}) is that Larder cache. With a template
 * ({@link Builder#template}), any other name gets a Larder cache created at run time with
 * {@link CacheRegistry#create}, from the template's configuration with the key prefix
 * {@code <template prefix>:<name>} (a {@code :} or {@code %} in the name escaped as
 * {@code %3A}, {@code %25}), so its keys never meet another cache's. Its Larder alias is the
 * name, or, for a name Larder refuses as an alias (one with a {@code .}), the name with
 * {@code _} for {@code .} and a short digest after it.
 *
 * <pre>{@code
 * LarderCacheManager manager = LarderCacheManager.builder(registry, executor)
 *         .template(registry.config("default"))
 *         .timeout("books", Timeout.ofMinutes(5))
 *         .build();
 * Cache books = manager.getCache("books");
 * }</pre>
 *
 * <p>Without a template, or with {@link Builder#dynamic dynamic(false)}, only the initial caches
 * exist: those named with {@link Builder#cacheNames} (made from the template when they are no
 * alias), else every Larder alias. {@link #getCache} then returns
 * {@code null} for any other name, as {@link CacheManager} specifies and Spring's own managers
 * with fixed names do (Spring then fails the call with "Cannot find cache named ..."); the
 * first such name is also logged with the property to set.
 *
 * <p>{@code clear()} of a created cache removes only its entries on Redis (by prefix), locmem (it
 * gets a store of its own, at the template's location + {@code /} + the escaped name) and file (a
 * subdirectory of the template's, named after the escaped name). On jdbc and Memcached, and on
 * Redis with {@code options.clear=flushdb}, it empties the template's whole store, as Larder's
 * {@code clear()} does there: the first {@code clear()} of each such cache logs a warning.
 * Give a cache that must be cleared alone a Larder alias of its own.
 *
 * <p>A cache that cannot be created (its store is down: Redis connects at creation) fails open:
 * {@link #getCache} returns a stand-in whose every call fails open as a failing store does,
 * logged once and counted as an incident of that cache, and tries again at most once a
 * second (timed by {@link Builder#clock}), so a store that comes back is picked up. Thread-safe.
 */
public final class LarderCacheManager implements CacheManager {
    private static final System.Logger LOG = System.getLogger(LarderCacheManager.class.getPackageName());
    /** How long a cache that could not be created is served by its stand-in before creation is tried again. */
    static final long RETRY_MILLIS = 1000;

    private final CacheRegistry registry;
    private final CacheConfig template;
    private final boolean dynamic;
    private final LarderSpringCache.Settings settings;
    private final Map<String, Timeout> timeouts;
    private final Consumer<LarderSpringCache> onCreated;
    private final ConcurrentHashMap<String, LarderSpringCache> caches = new ConcurrentHashMap<>();
    private final Set<String> refused = ConcurrentHashMap.newKeySet();
    private final String missingHint;
    private final Clock clock;
    private final ConcurrentHashMap<String, Unavailable> unavailable = new ConcurrentHashMap<>();

    /** A cache that could not be created: its stand-in, and when to try again. */
    private record Unavailable(LarderSpringCache standIn, FailOpenTracker failures, long retryAt) {
    }

    private LarderCacheManager(Builder b) {
        this.registry = b.registry;
        this.template = b.template;
        this.dynamic = b.dynamic && b.template != null;
        this.settings = new LarderSpringCache.Settings(b.allowNullValues, Timeout.DEFAULT, b.entryTimeout, b.executor);
        this.timeouts = Map.copyOf(b.timeouts);
        this.missingHint = b.missingHint;
        this.clock = b.clock;
        List<String> initial = b.cacheNames.isEmpty() ? new ArrayList<>(registry.aliases()) : b.cacheNames;
        for (String name : initial) {
            LarderSpringCache cache = open(name, true, new FailOpenTracker(name));
            if (cache == null) {
                throw new IllegalStateException("cannot create Spring cache '" + name + "': it is not a Larder cache"
                        + " alias and no template is configured; " + missingHint);
            }
            caches.put(name, cache);
        }
        // Caches created from here on are announced (for meters); the initial ones are listed by getCacheNames.
        this.onCreated = b.onCreated;
    }

    public static Builder builder(CacheRegistry registry, Executor executor) {
        return new Builder(registry, executor);
    }

    @Override
    public LarderSpringCache getCache(String name) {
        LarderSpringCache cache = caches.get(name);
        if (cache != null) {
            return cache;
        }
        Unavailable down = unavailable.get(name);
        if (down != null && clock.millis() < down.retryAt()) {
            return down.standIn();
        }
        FailOpenTracker failures = down == null ? new FailOpenTracker(name) : down.failures();
        LarderSpringCache[] opened = new LarderSpringCache[1];
        try {
            cache = caches.computeIfAbsent(name, n -> opened[0] = open(n, dynamic, failures));
        } catch (CacheConfigException | CacheBackendException e) {
            return unavailable(name, failures, e);
        }
        unavailable.remove(name);
        if (opened[0] != null && onCreated != null) {
            // Outside computeIfAbsent: a listener that looks caches up would otherwise update the map recursively.
            onCreated.accept(opened[0]);
        }
        if (cache == null && refused.add(name)) {
            LOG.log(Level.WARNING, "no Spring cache named '" + name + "': " + missingHint);
        }
        return cache;
    }

    /**
     * Not kept in {@code caches}: the next call after {@link #RETRY_MILLIS} tries again. The
     * tracker is shared with the cache made at last, whose first success ends the incident.
     */
    private LarderSpringCache unavailable(String name, FailOpenTracker failures, RuntimeException e) {
        long retryAt = clock.millis() + RETRY_MILLIS;
        Unavailable down = unavailable.compute(name, (n, old) -> new Unavailable(old != null ? old.standIn()
                : new LarderSpringCache(n, DynamicCaches.unavailable(aliasFor(n), e), settingsFor(n), failures, () -> { }),
                failures, retryAt));
        down.failures().failed("create", e);
        return down.standIn();
    }

    /** The caches created so far, in no particular order. */
    @Override
    public Collection<String> getCacheNames() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(caches.keySet()));
    }

    /** True when a name that is no Larder alias gets a cache of its own on first use. */
    public boolean isDynamic() {
        return dynamic;
    }

    /** Opens {@code name}, or gives null when it may not exist; called once per name, under the map's lock. */
    private LarderSpringCache open(String name, boolean mayCreate, FailOpenTracker failures) {
        if (registry.aliases().contains(name)) {
            return new LarderSpringCache(name, registry.cache(name), settingsFor(name), failures, () -> { });
        }
        if (!mayCreate || template == null) {
            return null;
        }
        return new LarderSpringCache(name, create(name), settingsFor(name), failures,
                DynamicCaches.beforeClear(name, templateAlias(), template));
    }

    /** The template's alias, for log lines; a template given as a configuration only has none. */
    private String templateAlias() {
        for (String alias : registry.aliases()) {
            if (registry.config(alias) == template) {
                return alias;
            }
        }
        return "(unnamed)";
    }

    private dev.larder.Cache create(String name) {
        String alias = aliasFor(name);
        synchronized (registry) {
            // Another manager over the same registry may have made it already: same name, same settings.
            if (registry.aliases().contains(alias)) {
                return registry.cache(alias);
            }
            return registry.create(alias, DynamicCaches.configFor(template, name, keyPrefixFor(template.keyPrefix(), name)));
        }
    }

    private LarderSpringCache.Settings settingsFor(String name) {
        Timeout timeout = timeouts.getOrDefault(name, Timeout.DEFAULT);
        return new LarderSpringCache.Settings(settings.allowNullValues(), timeout, settings.entryTimeout(),
                settings.executor());
    }

    /** The Larder alias of a created cache: the name, unless Larder refuses it as an alias. */
    static String aliasFor(String name) {
        if (!name.isBlank() && !name.contains(".")) {
            return name;
        }
        return name.replace('.', '_') + "-" + Md5.hex(name).substring(0, 8);
    }

    /** The key prefix of a created cache; escaping keeps {@code a:1:b} and {@code a} apart. */
    static String keyPrefixFor(String templatePrefix, String name) {
        String escaped = name.replace("%", "%25").replace(":", "%3A");
        return templatePrefix.isEmpty() ? escaped : templatePrefix + ":" + escaped;
    }

    /** Collects a manager's settings. */
    public static final class Builder {
        private final CacheRegistry registry;
        private final Executor executor;
        private CacheConfig template;
        private boolean dynamic = true;
        private final List<String> cacheNames = new ArrayList<>();
        private boolean allowNullValues = true;
        private final Map<String, Timeout> timeouts = new LinkedHashMap<>();
        private EntryTimeout entryTimeout;
        private Consumer<LarderSpringCache> onCreated;
        private String missingHint = "name it with LarderCacheManager.Builder.cacheNames, or give a template";
        private Clock clock = Clock.systemUTC();

        private Builder(CacheRegistry registry, Executor executor) {
            this.registry = Objects.requireNonNull(registry, "registry");
            this.executor = Objects.requireNonNull(executor, "executor");
        }

        /** The configuration caches that are no Larder alias are made from; without one, names are fixed. */
        public Builder template(CacheConfig template) {
            once(this.template, "template");
            this.template = Objects.requireNonNull(template, "template");
            return this;
        }

        /**
         * Whether names first used after start-up get caches made from the template (true by
         * default); when false, only the initial caches exist, those named by {@link #cacheNames}
         * being made from the template when they are no alias.
         */
        public Builder dynamic(boolean dynamic) {
            this.dynamic = dynamic;
            return this;
        }

        /** Caches opened when the manager is built; when not dynamic, the only ones. */
        public Builder cacheNames(Collection<String> names) {
            for (String name : names) {
                if (name == null || name.isBlank()) {
                    throw new IllegalArgumentException("a cache name must not be blank, was '" + name + "'");
                }
                if (!cacheNames.contains(name)) {
                    cacheNames.add(name);
                }
            }
            return this;
        }

        /** Whether {@code null} may be cached; true by default, as in Spring. */
        public Builder allowNullValues(boolean allowNullValues) {
            this.allowNullValues = allowNullValues;
            return this;
        }

        /** The entries' timeout in cache {@code name}, instead of its Larder cache's default. */
        public Builder timeout(String name, Timeout timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeouts.putIfAbsent(Objects.requireNonNull(name, "name"), timeout) != null) {
                throw new IllegalStateException("the timeout of cache '" + name + "' was already set to " + timeouts.get(name));
            }
            return this;
        }

        /** Chooses a timeout per entry; see {@link EntryTimeout}. */
        public Builder entryTimeout(EntryTimeout entryTimeout) {
            once(this.entryTimeout, "entryTimeout");
            this.entryTimeout = Objects.requireNonNull(entryTimeout, "entryTimeout");
            return this;
        }

        /** Told of each cache opened after the manager is built (to bind its meters). */
        public Builder onCreated(Consumer<LarderSpringCache> onCreated) {
            once(this.onCreated, "onCreated");
            this.onCreated = Objects.requireNonNull(onCreated, "onCreated");
            return this;
        }

        /** The clock that times retries of a cache that could not be created; the system's by default. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** What to do about an unknown name, for its log line: the property to set. */
        public Builder missingHint(String missingHint) {
            this.missingHint = Objects.requireNonNull(missingHint, "missingHint");
            return this;
        }

        /**
         * Opens the initial caches.
         *
         * @throws IllegalStateException when a cache name is no alias and there is no template
         */
        public LarderCacheManager build() {
            return new LarderCacheManager(this);
        }

        private static void once(Object current, String name) {
            if (current != null) {
                throw new IllegalStateException(name + " was already set");
            }
        }
    }
}
