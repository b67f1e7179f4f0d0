package dev.larder.jcache;

import dev.larder.CacheConfig;
import dev.larder.CacheConfigException;
import dev.larder.CacheRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.WeakHashMap;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.OptionalFeature;
import javax.cache.spi.CachingProvider;

/**
 * Larder's JSR-107 provider, found by {@code Caching.getCachingProvider()} through
 * {@code META-INF/services} (or named: {@code dev.larder.jcache.LarderCachingProvider}).
 *
 * <p>A manager's URI says which Larder configuration it uses:
 * <ul>
 *   <li>{@code larder:default} (the default URI), and any URI of another scheme: the
 *       configuration {@link CacheRegistry#load()} finds ({@code larder.properties} through
 *       {@code larder.config}, {@code LARDER_CONFIG} or the class path, then environment
 *       variables and system properties); the URI only names the manager;</li>
 *   <li>{@code file:/etc/app/larder.properties}: that file;</li>
 *   <li>{@code classpath:app/larder.properties}: that resource of the manager's class loader;</li>
 *   <li>{@code jar:file:/opt/app.jar!/larder.properties}: that entry of the jar (what a class
 *       path resource packaged in a jar resolves to).</li>
 * </ul>
 * Properties given to {@link #getCacheManager(URI, ClassLoader, Properties)} that hold
 * {@code larder.caches.*} keys are the configuration instead. One manager per URI and class
 * loader; class loaders are held weakly. Thread-safe.
 *
 * <p>Entries are stored under the cache's name, prefixed by the manager's URI except for the
 * default manager and managers configured by a {@code file:}, {@code classpath:} or
 * {@code jar:} URI: those name entries alike on every node whatever the configuration's path,
 * so that nodes sharing a store share their caches (give the Larder caches distinct
 * {@code key-prefix}es to keep two such managers apart).
 *
 * <pre>{@code
 * CachingProvider provider = Caching.getCachingProvider();
 * CacheManager manager = provider.getCacheManager();
 * Cache<String, Order> orders = manager.createCache("orders",
 *         new MutableConfiguration<String, Order>().setTypes(String.class, Order.class)
 *                 .setExpiryPolicyFactory(CreatedExpiryPolicy.factoryOf(Duration.TEN_MINUTES)));
 * }</pre>
 */
public final class LarderCachingProvider implements CachingProvider {
    /** The default manager's URI: the configuration Larder finds by itself. */
    public static final URI DEFAULT_URI = URI.create("larder:default");

    private final Map<ClassLoader, Map<URI, LarderCacheManager>> managers = new WeakHashMap<>();

    @Override
    public CacheManager getCacheManager(URI uri, ClassLoader classLoader, Properties properties) {
        URI at = uri == null ? getDefaultURI() : uri;
        ClassLoader loader = classLoader == null ? getDefaultClassLoader() : classLoader;
        Properties given = properties == null ? getDefaultProperties() : properties;
        synchronized (managers) {
            Map<URI, LarderCacheManager> byUri = managers.computeIfAbsent(loader, l -> new HashMap<>());
            LarderCacheManager manager = byUri.get(at);
            if (manager == null || manager.isClosed()) {
                CacheRegistry registry = registry(at, loader, given);
                LarderCacheManager[] made = new LarderCacheManager[1];
                // The manager is the value of a map weakly keyed by the loader: it must not hold the loader strongly.
                java.lang.ref.WeakReference<ClassLoader> weakLoader = new java.lang.ref.WeakReference<>(loader);
                made[0] = new LarderCacheManager(this, at, sharesDefaultNames(at, given), loader, given, registry,
                        () -> release(weakLoader.get(), at, made[0]));
                manager = made[0];
                byUri.put(at, manager);
            }
            return manager;
        }
    }

    /**
     * Whether the manager names its caches' entries as the default manager does, without its
     * URI. A manager configured by a file or resource does: its URI says where the configuration
     * lies, which differs between nodes (install directory, a jar's name after a deploy) while
     * what it says does not, and nodes sharing a store must share their entries, or one node's
     * writes never reach what another has cached.
     */
    private static boolean sharesDefaultNames(URI uri, Properties given) {
        if (uri.equals(DEFAULT_URI)) {
            return true;
        }
        boolean configuredByUri = !holdsConfiguration(given);
        String scheme = uri.getScheme() == null ? "" : uri.getScheme();
        return configuredByUri && (scheme.equals("file") || scheme.equals("classpath") || scheme.equals("jar"));
    }

    /** Whether properties given to {@code getCacheManager} are a Larder configuration, not just a manager's. */
    private static boolean holdsConfiguration(Properties given) {
        return given.stringPropertyNames().stream().anyMatch(k -> k.startsWith("larder.caches."));
    }

    private static CacheRegistry registry(URI uri, ClassLoader loader, Properties given) {
        try {
            if (holdsConfiguration(given)) {
                return CacheRegistry.fromProperties(given);
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme();
            return switch (scheme) {
                case "file" -> CacheRegistry.fromProperties(read(Path.of(uri)));
                // What a class-path resource packaged in a jar resolves to; hibernate-jcache
                // hands its hibernate.javax.cache.uri to the provider resolved this way.
                case "jar" -> CacheRegistry.fromProperties(read(uri));
                case "classpath" -> CacheRegistry.fromProperties(resource(loader, uri.getSchemeSpecificPart()));
                default -> CacheRegistry.load();
            };
        } catch (CacheConfigException e) {
            throw new CacheException("the Larder configuration of cache manager " + uri + " is refused: "
                    + e.getMessage(), e);
        }
    }

    private static Properties read(Path path) {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(path)) {
            p.load(in);
        } catch (IOException e) {
            throw new CacheException("cannot read the Larder configuration " + path + ": " + e.getMessage(), e);
        }
        return p;
    }

    private static Properties read(URI uri) {
        Properties p = new Properties();
        try {
            URLConnection connection = uri.toURL().openConnection();
            // A cached jar stays open and keeps its old entries after the jar is replaced.
            connection.setUseCaches(false);
            try (InputStream in = connection.getInputStream()) {
                p.load(in);
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new CacheException("cannot read the Larder configuration " + uri + ": " + e.getMessage(), e);
        }
        return p;
    }

    private static Properties resource(ClassLoader loader, String name) {
        String path = name.startsWith("/") ? name.substring(1) : name;
        Properties p = new Properties();
        try (InputStream in = loader.getResourceAsStream(path)) {
            if (in == null) {
                throw new CacheException("no class path resource " + path + " holds a Larder configuration");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    private void release(ClassLoader loader, URI uri, LarderCacheManager manager) {
        if (loader == null) {
            return;
        }
        synchronized (managers) {
            Map<URI, LarderCacheManager> byUri = managers.get(loader);
            if (byUri != null) {
                byUri.remove(uri, manager);
                if (byUri.isEmpty()) {
                    managers.remove(loader);
                }
            }
        }
    }

    @Override
    public ClassLoader getDefaultClassLoader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : LarderCachingProvider.class.getClassLoader();
    }

    @Override
    public URI getDefaultURI() {
        return DEFAULT_URI;
    }

    @Override
    public Properties getDefaultProperties() {
        return new Properties();
    }

    @Override
    public CacheManager getCacheManager(URI uri, ClassLoader classLoader) {
        return getCacheManager(uri, classLoader, getDefaultProperties());
    }

    @Override
    public CacheManager getCacheManager() {
        return getCacheManager(getDefaultURI(), getDefaultClassLoader());
    }

    @Override
    public void close() {
        closeAll(null, null);
    }

    @Override
    public void close(ClassLoader classLoader) {
        closeAll(Objects.requireNonNullElseGet(classLoader, this::getDefaultClassLoader), null);
    }

    @Override
    public void close(URI uri, ClassLoader classLoader) {
        closeAll(Objects.requireNonNullElseGet(classLoader, this::getDefaultClassLoader),
                Objects.requireNonNullElseGet(uri, this::getDefaultURI));
    }

    /** Closes the managers of that class loader (null: all) and URI (null: all). */
    private void closeAll(ClassLoader loader, URI uri) {
        List<LarderCacheManager> closing = new ArrayList<>();
        synchronized (managers) {
            managers.forEach((l, byUri) -> {
                if (loader == null || loader == l) {
                    byUri.forEach((u, m) -> {
                        if (uri == null || uri.equals(u)) {
                            closing.add(m);
                        }
                    });
                }
            });
        }
        closing.forEach(LarderCacheManager::close);
    }

    /**
     * Store-by-reference is supported when the default configuration's template cache is on
     * locmem, the one backend that can hold a reference: caches in the same JVM's memory.
     */
    @Override
    public boolean isSupported(OptionalFeature feature) {
        return feature == OptionalFeature.STORE_BY_REFERENCE && templateInMemory();
    }

    private static boolean templateInMemory() {
        try {
            Map<String, CacheConfig> configs = CacheRegistry.configured().configs();
            CacheConfig template = configs.get(System.getProperty(LarderCacheManager.TEMPLATE, CacheRegistry.DEFAULT_ALIAS));
            // An empty configuration means the implicit local-memory default.
            return template == null ? configs.isEmpty() : template.backend().equals("locmem");
        } catch (CacheConfigException e) {
            return false;
        }
    }
}
