package dev.larder;

import dev.larder.serial.AllowList;
import dev.larder.serial.DefaultSerializer;
import dev.larder.spi.BackendContext;
import dev.larder.spi.BackendDecorator;
import dev.larder.spi.BackendOptions;
import dev.larder.spi.CacheBackend;
import dev.larder.spi.CacheBackendFactory;
import dev.larder.spi.Serializer;
import dev.larder.spi.StatsCounter;
import dev.larder.spi.ValueCodec;
import dev.larder.support.Keys;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;

/** Turns a {@link CacheConfig} into a {@link Cache}: finds the backend, checks options, wires it. */
final class CacheFactory {
    /** Options every cache understands, whatever its backend. */
    static final Set<String> CORE_OPTIONS = Set.of("strict-keys", "allow-classes", "serializer", "max-value-size");
    /** No byte array can hold much more, and no cache value should come near it. */
    static final long MAX_VALUE_SIZE_CEILING = 1L << 30;
    private static final System.Logger LOG = System.getLogger("dev.larder.config");

    private final Clock clock;
    private final Map<String, CacheBackendFactory> byName = new HashMap<>();
    private final Map<String, CacheBackendFactory> byClass = new HashMap<>();
    private final List<BackendDecorator> decorators = new ArrayList<>();

    CacheFactory(Clock clock) {
        this.clock = clock;
        for (CacheBackendFactory f : ServiceLoader.load(CacheBackendFactory.class, classLoader())) {
            byName.putIfAbsent(f.name(), f);
            byClass.putIfAbsent(f.getClass().getName(), f);
        }
        ServiceLoader.load(BackendDecorator.class, classLoader()).forEach(decorators::add);
    }

    DefaultCache create(String alias, CacheConfig config) {
        CacheBackendFactory factory = factory(alias, config.backend());
        checkOptions(alias, config, factory);
        StatsCounter stats = new StatsCounter();
        BackendOptions options = new BackendOptions(alias, config.options());
        long maxValueSize = options.size("max-value-size", factory.defaultMaxValueSize(), 1, MAX_VALUE_SIZE_CEILING);
        ValueCodec codec = new ValueCodec(alias, serializer(alias, config), stats, maxValueSize);
        // Every check that can fail comes before the backend exists, so a refused config leaves
        // no store or connection behind.
        KeyMaker keys = keyMaker(alias, config);
        checkPrefix(alias, config);
        checkLeaseTime(alias, config);
        BackendContext context = new BackendContext(alias, config.location(), options, clock, codec, stats,
                config.keyPrefix(), config.keyFunction() == KeyFunction.DEFAULT, config.attachments());
        CacheBackend backend = decorate(factory.create(context), context, factory.name());
        checkLease(alias, config, backend);
        if (backend.capabilities().refusesLongKeys()) {
            // Django's memcached backends raise the warning instead of logging it: one outcome,
            // before anything is sent.
            keys = keys.strict();
        }
        Loads loads = new Loads(alias, backend, stats, clock, config.loadWait(), codec.serializer(), config.loadPolicy(),
                keys::leaseKey);
        return new DefaultCache(alias, backend, keys, config.timeout(), stats, clock, loads);
    }

    /** The process's other callers wait for its lease holder at most load-wait. */
    private static void checkLeaseTime(String alias, CacheConfig config) {
        Duration lease = config.loadPolicy().leaseTime();
        if (config.loadPolicy().leases() && lease.compareTo(config.loadWait()) >= 0) {
            throw new CacheConfigException(ConfigNames.setting(alias, "lease") + ": the lease time (" + lease
                    + ") must be shorter than " + ConfigNames.setting(alias, "load-wait") + " (" + config.loadWait()
                    + "): waiters in this process would give up before another process's lease ends");
        }
    }

    /**
     * A lease works only where other processes see it and where adding is atomic; anywhere else
     * it would promise one load across processes and give one per process. Checked once the
     * backend says what it is, so the refused backend is discarded here.
     */
    private static void checkLease(String alias, CacheConfig config, CacheBackend backend) {
        Capabilities can = backend.capabilities();
        if (config.loadPolicy().leases() && !(can.outOfProcess() && can.atomicAdd())) {
            backend.discard();
            throw new CacheConfigException(ConfigNames.setting(alias, "lease") + ": backend '" + config.backend()
                    + "' is not shared between processes with an atomic add; a lease needs redis, memcached,"
                    + " jdbc or file");
        }
    }

    private CacheBackendFactory factory(String alias, String backend) {
        CacheBackendFactory f = byName.get(backend);
        if (f == null) {
            f = byClass.get(backend);
        }
        if (f == null && backend.contains(".")) {
            f = instantiate(alias, "backend", backend, CacheBackendFactory.class);
        }
        if (f == null) {
            throw new CacheConfigException(ConfigNames.setting(alias, "backend") + "='" + backend
                    + "' is not a known backend; known: " + new TreeSet<>(byName.keySet())
                    + " (or the class name of a dev.larder.spi.CacheBackendFactory on the class path)");
        }
        return f;
    }

    private CacheBackend decorate(CacheBackend created, BackendContext context, String backendName) {
        CacheBackend backend = created;
        try {
            for (BackendDecorator d : decorators) {
                backend = d.decorate(backend, context, backendName);
            }
            return backend;
        } catch (RuntimeException | Error e) {
            backend.discard();
            throw e;
        }
    }

    private void checkOptions(String alias, CacheConfig config, CacheBackendFactory factory) {
        Set<String> known = new TreeSet<>(factory.options());
        known.addAll(CORE_OPTIONS);
        decorators.forEach(d -> known.addAll(d.options()));
        for (String name : config.options().keySet()) {
            if (known.contains(name)) {
                continue;
            }
            if (isBreakerOption(name) && known.stream().noneMatch(CacheFactory::isBreakerOption)) {
                throw new CacheConfigException(ConfigNames.option(alias, name) + " needs the circuit breaker module:"
                        + " add dev.larder:larder-resilience to the class path");
            }
            if (name.startsWith(ConfigNames.NEAR_CACHE)) {
                throw new CacheConfigException(ConfigNames.option(alias, name) + ": a near cache is a local tier in front"
                        + " of a shared Redis; the '" + factory.name() + "' backend has none");
            }
            throw new CacheConfigException(ConfigNames.option(alias, name) + " is not an option of the '"
                    + factory.name() + "' backend; known: " + known);
        }
    }

    private static boolean isBreakerOption(String name) {
        return name.equals("circuit-breaker") || name.startsWith("circuit-breaker.");
    }

    Serializer serializer(String alias, CacheConfig config) {
        AllowList allow;
        try {
            allow = AllowList.defaults().and(config.options().getOrDefault("allow-classes", "")).and(config.allowClasses())
                    .andRecords(config.allowedRecords());
        } catch (IllegalArgumentException e) {
            throw new CacheConfigException(ConfigNames.option(alias, "allow-classes") + ": " + e.getMessage(), e);
        }
        if (config.serializer().isPresent()) {
            return config.serializer().get();
        }
        String named = config.options().get("serializer");
        if (named == null) {
            return new DefaultSerializer(allow);
        }
        try {
            Class<?> type = Class.forName(named, true, classLoader());
            if (!Serializer.class.isAssignableFrom(type)) {
                throw new CacheConfigException(ConfigNames.option(alias, "serializer") + "='" + named
                        + "' does not implement " + Serializer.class.getName());
            }
            try {
                return (Serializer) type.getConstructor(AllowList.class).newInstance(allow);
            } catch (NoSuchMethodException e) {
                return (Serializer) type.getConstructor().newInstance();
            }
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new CacheConfigException(ConfigNames.option(alias, "serializer") + "='" + named
                    + "' cannot be created: " + e, e);
        }
    }

    private static KeyMaker keyMaker(String alias, CacheConfig config) {
        try {
            return new KeyMaker(config.keyFunction(), config.keyPrefix(), config.version(), config.strictKeys());
        } catch (InvalidCacheKeyException e) {
            throw new CacheConfigException(ConfigNames.setting(alias, "key-prefix") + "='" + Keys.printable(config.keyPrefix())
                    + "': " + e.getMessage(), e);
        }
    }

    private static void checkPrefix(String alias, CacheConfig config) {
        if (KeyMaker.firstBadChar(config.keyPrefix()) < 0) {
            return;
        }
        String message = ConfigNames.setting(alias, "key-prefix") + "='" + Keys.printable(config.keyPrefix())
                + "' contains a space or control character, which Memcached cannot take";
        if (config.strictKeys()) {
            throw new CacheConfigException(message + ", so every key would be refused");
        }
        LOG.log(Level.WARNING, message);
    }

    static <T> T instantiate(String alias, String setting, String className, Class<T> type) {
        String property = ConfigNames.setting(alias, setting);
        try {
            Class<?> c = Class.forName(className, true, classLoader());
            if (!type.isAssignableFrom(c)) {
                throw new CacheConfigException(property + "='" + className + "' does not implement " + type.getName());
            }
            return type.cast(c.getConstructor().newInstance());
        } catch (ClassNotFoundException e) {
            throw new CacheConfigException(property + "='" + className + "': no such class on the class path", e);
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new CacheConfigException(property + "='" + className
                    + "' cannot be created (it needs a public no-argument constructor): " + e, e);
        }
    }

    static ClassLoader classLoader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : CacheFactory.class.getClassLoader();
    }
}
