package dev.larder;

import dev.larder.serial.AllowList;
import dev.larder.spi.Serializer;
import dev.larder.support.Secrets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The configuration of one named cache (one entry of Django's {@code CACHES}). Built with
 * {@link #builder()}, which checks each setting as it is given.
 *
 * <pre>{@code
 * CacheConfig sessions = CacheConfig.builder()
 *         .backend("file")
 *         .location("/var/cache/myapp/sessions")
 *         .timeout(Timeout.ofMinutes(30))
 *         .keyPrefix("myapp")
 *         .option("max-entries", "10000")
 *         .build();
 * }</pre>
 *
 * <p>Defaults: backend {@code locmem}, empty location, timeout 300 seconds (Django's),
 * empty prefix, version 1, the {@code prefix:version:key} key function, warnings (not
 * exceptions) for keys Memcached could not take, the {@link dev.larder.serial.DefaultSerializer}
 * with {@link dev.larder.serial.AllowList#defaults()}, and a {@code getOrSet} waiting at most 30
 * seconds for another thread's load.
 */
public final class CacheConfig {
    /** Django's default timeout: 300 seconds. */
    public static final Timeout DEFAULT_TIMEOUT = Timeout.of(Duration.ofSeconds(300));
    /** The longest lease: a load that takes longer should not hold other processes back. */
    public static final Duration MAX_LEASE_TIME = Duration.ofHours(1);
    /** The longest stale window. */
    public static final Duration MAX_STALE_WINDOW = Duration.ofDays(365);
    /** How long {@code getOrSet} waits for another thread's load of the same key by default. */
    public static final Duration DEFAULT_LOAD_WAIT = Duration.ofSeconds(30);

    private final String backend;
    private final String location;
    private final Timeout timeout;
    private final String keyPrefix;
    private final int version;
    private final KeyFunction keyFunction;
    private final boolean strictKeys;
    private final String allowClasses;
    private final java.util.Set<String> allowedRecords;
    private final Serializer serializer;
    private final Map<String, String> options;
    private final Map<Class<?>, Object> attachments;
    private final Duration loadWait;
    private final LoadPolicy loadPolicy;

    private CacheConfig(Builder b) {
        this.backend = b.backend == null ? "locmem" : b.backend;
        this.location = b.location == null ? "" : b.location;
        this.timeout = b.timeout == null ? DEFAULT_TIMEOUT : b.timeout;
        this.keyPrefix = b.keyPrefix == null ? "" : b.keyPrefix;
        this.version = b.version == null ? 1 : b.version;
        this.keyFunction = b.keyFunction == null ? KeyFunction.DEFAULT : b.keyFunction;
        this.strictKeys = b.strictKeys != null && b.strictKeys;
        this.allowClasses = b.allowClasses == null ? "" : b.allowClasses;
        this.allowedRecords = java.util.Set.copyOf(b.allowedRecords);
        this.serializer = b.serializer;
        this.options = Map.copyOf(b.options);
        this.attachments = Map.copyOf(b.attachments);
        this.loadWait = b.loadWait == null ? DEFAULT_LOAD_WAIT : b.loadWait;
        this.loadPolicy = new LoadPolicy(b.leaseTime == null ? Duration.ZERO : b.leaseTime,
                b.earlyRefresh != null && b.earlyRefresh,
                b.staleWhileRevalidate == null ? Duration.ZERO : b.staleWhileRevalidate,
                b.staleIfError == null ? Duration.ZERO : b.staleIfError);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** This configuration with another key prefix: a second cache in the same store, kept apart from this one. */
    public CacheConfig withKeyPrefix(String keyPrefix) {
        Builder b = copy();
        b.keyPrefix = Objects.requireNonNull(keyPrefix, "keyPrefix");
        return new CacheConfig(b);
    }

    /** This configuration with another location: the same settings over another store (a locmem name, a directory). */
    public CacheConfig withLocation(String location) {
        Builder b = copy();
        b.location = Objects.requireNonNull(location, "location").trim();
        return new CacheConfig(b);
    }

    /**
     * This configuration with {@code records} allowed to the default serializer, which writes
     * records natively, so that (unlike patterns given to {@link Builder#allowClasses}) Java serialisation stays off
     * unless the user's own patterns need it: for integrations that wrap the user's values in a
     * record of their own (the JCache provider's entries).
     */
    public CacheConfig withAllowedRecords(Class<?>... records) {
        Builder b = copy();
        for (Class<?> r : records) {
            if (!r.isRecord()) {
                throw new IllegalArgumentException(r.getName() + " is not a record class");
            }
            b.allowedRecords.add(r.getName());
        }
        return new CacheConfig(b);
    }

    /** The record classes integrations added with {@link #withAllowedRecords}. */
    public java.util.Set<String> allowedRecords() {
        return allowedRecords;
    }

    /**
     * This configuration with the backend option {@code name} set to {@code value}, replacing
     * any value it had.
     */
    public CacheConfig withOption(String name, String value) {
        Builder b = copy();
        b.options.remove(name);
        b.option(name, value);
        return new CacheConfig(b);
    }

    /**
     * This configuration with {@code object} attached for the backend (see {@link Builder#attach}),
     * as integrations do with an application's {@code DataSource}.
     *
     * @throws IllegalStateException when an object of that type is already attached
     */
    public <T> CacheConfig withAttachment(Class<T> type, T object) {
        Builder b = copy();
        b.attach(type, object);
        return new CacheConfig(b);
    }

    private Builder copy() {
        Builder b = new Builder();
        b.backend = backend;
        b.location = location;
        b.timeout = timeout;
        b.keyPrefix = keyPrefix;
        b.version = version;
        b.keyFunction = keyFunction;
        b.strictKeys = strictKeys;
        b.allowClasses = allowClasses;
        b.allowedRecords.addAll(allowedRecords);
        b.serializer = serializer;
        b.options.putAll(options);
        b.attachments.putAll(attachments);
        b.loadWait = loadWait;
        b.leaseTime = loadPolicy.leases() ? loadPolicy.leaseTime() : null;
        b.earlyRefresh = loadPolicy.earlyRefresh() ? true : null;
        b.staleWhileRevalidate = loadPolicy.staleWhileRevalidate().isZero() ? null : loadPolicy.staleWhileRevalidate();
        b.staleIfError = loadPolicy.staleIfError().isZero() ? null : loadPolicy.staleIfError();
        return b;
    }

    public String backend() {
        return backend;
    }

    public String location() {
        return location;
    }

    public Timeout timeout() {
        return timeout;
    }

    public String keyPrefix() {
        return keyPrefix;
    }

    public int version() {
        return version;
    }

    public KeyFunction keyFunction() {
        return keyFunction;
    }

    public boolean strictKeys() {
        return strictKeys;
    }

    /** Extra allow-list patterns for the default serializer, comma-separated. */
    public String allowClasses() {
        return allowClasses;
    }

    /** The serializer given in code, if any. */
    public Optional<Serializer> serializer() {
        return Optional.ofNullable(serializer);
    }

    /** The backend's options, and {@code serializer} when it was named by class. */
    public Map<String, String> options() {
        return options;
    }

    /** How long {@code getOrSet} waits for another thread's load of the same key. */
    public Duration loadWait() {
        return loadWait;
    }

    /** What {@code getOrSet} does beyond one load per key within a process; {@link LoadPolicy#NONE} by default. */
    public LoadPolicy loadPolicy() {
        return loadPolicy;
    }

    /** Objects attached in code for the backend, by type (see {@link Builder#attach}). */
    public Map<Class<?>, Object> attachments() {
        return attachments;
    }

    @Override
    public String toString() {
        Map<String, String> shown = new TreeMap<>();
        options.forEach((name, value) -> shown.put(name, Secrets.maskSetting(name, value)));
        return "CacheConfig[backend=" + backend + ", location=" + Secrets.mask(location) + ", timeout=" + timeout
                + ", keyPrefix=" + keyPrefix + ", version=" + version + ", options=" + shown + "]";
    }

    /**
     * Builds a {@link CacheConfig}. Each setting may be given once ({@link IllegalStateException}
     * otherwise), and a bad value is an {@link IllegalArgumentException} naming it.
     */
    public static final class Builder {
        private String backend;
        private String location;
        private Timeout timeout;
        private String keyPrefix;
        private Integer version;
        private KeyFunction keyFunction;
        private Boolean strictKeys;
        private String allowClasses;
        private final java.util.Set<String> allowedRecords = new java.util.TreeSet<>();
        private Serializer serializer;
        private final Map<String, String> options = new LinkedHashMap<>();
        private final Map<Class<?>, Object> attachments = new LinkedHashMap<>();
        private Duration loadWait;
        private Duration leaseTime;
        private Boolean earlyRefresh;
        private Duration staleWhileRevalidate;
        private Duration staleIfError;

        private Builder() {
        }

        /** The backend's name ({@code locmem}, {@code file}, {@code dummy}, …) or factory class name. */
        public Builder backend(String backend) {
            once(this.backend, "backend");
            this.backend = nonBlank(backend, "backend");
            return this;
        }

        /** Backend-specific: the store name, directory, servers or table. */
        public Builder location(String location) {
            once(this.location == null ? null : Secrets.mask(this.location), "location");
            this.location = Objects.requireNonNull(location, "location").trim();
            return this;
        }

        /**
         * The default timeout of calls that give none; {@link Timeout#NEVER} keeps entries
         * forever, {@link Timeout#ZERO} keeps nothing. A negative timeout is refused: as a
         * setting it is more likely meant as "no limit" than as "store nothing".
         */
        public Builder timeout(Timeout timeout) {
            once(this.timeout, "timeout");
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isDefault()) {
                throw new IllegalArgumentException("the default timeout cannot be Timeout.DEFAULT");
            }
            if (timeout.isNegative()) {
                throw new IllegalArgumentException("the default timeout cannot be negative (" + timeout
                        + "): use Timeout.ZERO to keep nothing or Timeout.NEVER for no expiry");
            }
            this.timeout = timeout;
            return this;
        }

        /** Put in front of every key, so several applications can share one store. */
        public Builder keyPrefix(String keyPrefix) {
            once(this.keyPrefix, "keyPrefix");
            this.keyPrefix = Objects.requireNonNull(keyPrefix, "keyPrefix");
            return this;
        }

        /** The version every key is made with unless a call names another. */
        public Builder version(int version) {
            once(this.version, "version");
            this.version = version;
            return this;
        }

        public Builder keyFunction(KeyFunction keyFunction) {
            once(this.keyFunction, "keyFunction");
            this.keyFunction = Objects.requireNonNull(keyFunction, "keyFunction");
            return this;
        }

        /** Throw {@link InvalidCacheKeyException} for keys Memcached could not take, instead of warning. */
        public Builder strictKeys(boolean strictKeys) {
            once(this.strictKeys, "strictKeys");
            this.strictKeys = strictKeys;
            return this;
        }

        /**
         * Classes of your own the default serializer may store, as patterns:
         * {@code com.example.model.*}, {@code com.example.**}, {@code com.example.Money}.
         */
        public Builder allowClasses(String... patterns) {
            once(this.allowClasses, "allowClasses");
            String joined = String.join(",", patterns);
            AllowList.defaults().and(joined);
            this.allowClasses = joined;
            return this;
        }

        /**
         * How long a {@code getOrSet} that misses waits for another thread already loading the
         * same key before it throws {@link CacheLoadTimeoutException}; 30 seconds by default.
         */
        public Builder loadWait(Duration loadWait) {
            once(this.loadWait, "loadWait");
            Objects.requireNonNull(loadWait, "loadWait");
            if (loadWait.isZero() || loadWait.isNegative()) {
                throw new IllegalArgumentException("the load wait must be positive, was " + loadWait);
            }
            this.loadWait = loadWait;
            return this;
        }

        /**
         * One {@code getOrSet} load across processes: a miss takes a lease lasting
         * {@code leaseTime} on the shared store (see {@link LoadPolicy}). The store must be
         * shared and add atomically (Redis, Memcached, a database, a file directory).
         */
        public Builder lease(Duration leaseTime) {
            once(this.leaseTime, "lease");
            this.leaseTime = atMost(positive(leaseTime, "the lease time"), MAX_LEASE_TIME, "the lease time");
            return this;
        }

        /** Probabilistic early refresh of entries {@code getOrSet} stored (XFetch; see {@link LoadPolicy}). */
        public Builder earlyRefresh(boolean earlyRefresh) {
            once(this.earlyRefresh, "earlyRefresh");
            this.earlyRefresh = earlyRefresh;
            return this;
        }

        /** How long {@code getOrSet} serves a stale entry while one caller reloads it (RFC 5861 §3). */
        public Builder staleWhileRevalidate(Duration window) {
            once(this.staleWhileRevalidate, "staleWhileRevalidate");
            this.staleWhileRevalidate = atMost(positive(window, "stale-while-revalidate"), MAX_STALE_WINDOW,
                    "stale-while-revalidate");
            return this;
        }

        /** How long {@code getOrSet} serves a stale entry while loading or the store fails (RFC 5861 §4). */
        public Builder staleIfError(Duration window) {
            once(this.staleIfError, "staleIfError");
            this.staleIfError = atMost(positive(window, "stale-if-error"), MAX_STALE_WINDOW, "stale-if-error");
            return this;
        }

        /** A serializer of your own in place of the default. */
        public Builder serializer(Serializer serializer) {
            once(this.serializer, "serializer");
            this.serializer = Objects.requireNonNull(serializer, "serializer");
            return this;
        }

        /**
         * A backend option such as {@code max-entries}; the backend checks names and values.
         * The core options {@code strict-keys} and {@code allow-classes} are the same as
         * {@link #strictKeys} and {@link #allowClasses}.
         */
        public Builder option(String name, String value) {
            nonBlank(name, "option name");
            if (!ConfigNames.isPlain(name)) {
                throw new IllegalArgumentException("option name " + ConfigNames.quoted(name)
                        + " has whitespace or a control character in it (shown escaped)");
            }
            Objects.requireNonNull(value, "value of option " + name);
            if (name.equals("strict-keys")) {
                return strictKeys(parseBoolean(value.trim()));
            }
            if (name.equals("allow-classes")) {
                return allowClasses(value.trim());
            }
            if (options.putIfAbsent(name, value.trim()) != null) {
                throw new IllegalStateException("option '" + name + "' was already set to '"
                        + Secrets.maskSetting(name, options.get(name)) + "'");
            }
            return this;
        }

        /**
         * Hands the backend an object that cannot be written in a properties file, such as the
         * application's {@code javax.sql.DataSource} for the {@code jdbc} backend:
         * {@code .backend("jdbc").location("cache_table").attach(DataSource.class, dataSource)}.
         */
        public <T> Builder attach(Class<T> type, T object) {
            Objects.requireNonNull(type, "type");
            if (!type.isInstance(Objects.requireNonNull(object, "object"))) {
                throw new IllegalArgumentException(object.getClass().getName() + " is not a " + type.getName());
            }
            if (attachments.putIfAbsent(type, object) != null) {
                throw new IllegalStateException("a " + type.getName() + " was already attached");
            }
            return this;
        }

        public CacheConfig build() {
            return new CacheConfig(this);
        }

        /** {@code true} or {@code false}, in any case; for the settings read from text too. */
        static boolean parseBoolean(String value) {
            return switch (value.toLowerCase(Locale.ROOT)) {
                case "true" -> true;
                case "false" -> false;
                default -> throw new IllegalArgumentException("'" + value + "' is not true or false");
            };
        }

        private static Duration positive(Duration d, String what) {
            Objects.requireNonNull(d, what);
            if (d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException(what + " must be positive, was " + d);
            }
            return d;
        }

        private static Duration atMost(Duration d, Duration max, String what) {
            if (d.compareTo(max) > 0) {
                throw new IllegalArgumentException(what + " must be at most " + max + ", was " + d);
            }
            return d;
        }

        private static void once(Object current, String name) {
            if (current != null) {
                throw new IllegalStateException(name + " was already set to '" + current + "'");
            }
        }

        private static String nonBlank(String value, String name) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(name + " must not be blank, was '" + value + "'");
            }
            return value.trim();
        }
    }
}
