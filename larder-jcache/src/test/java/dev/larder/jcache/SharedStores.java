package dev.larder.jcache;

import java.net.URI;
import java.util.Properties;
import javax.cache.CacheManager;

/**
 * Two JCache "nodes" over one shared store: two provider instances, so two managers whose
 * caches share nothing in this JVM (no lock, no listener, no statistics) but the Larder store
 * under them, as two JVMs sharing a Redis or a database would.
 */
final class SharedStores {
    private SharedStores() {
    }

    static CacheManager node(Properties larder) {
        return new LarderCachingProvider().getCacheManager(URI.create("larder:default"),
                SharedStores.class.getClassLoader(), larder);
    }

    static Properties redis(String uri) {
        Properties p = base();
        p.setProperty("larder.caches.default.backend", "redis");
        p.setProperty("larder.caches.default.location", uri);
        // Generous on a loaded test machine: these tests are about atomicity, not latency.
        p.setProperty("larder.caches.default.options.connect-timeout", "10s");
        p.setProperty("larder.caches.default.options.command-timeout", "5s");
        return p;
    }

    static Properties postgresql(String url) {
        Properties p = base();
        p.setProperty("larder.caches.default.backend", "jdbc");
        p.setProperty("larder.caches.default.options.url", url);
        p.setProperty("larder.caches.default.options.create-table", "true");
        p.setProperty("larder.caches.default.options.max-entries", "100000");
        p.setProperty("larder.caches.default.options.pool-size", "4");
        p.setProperty("larder.caches.default.options.command-timeout", "5s");
        return p;
    }

    private static Properties base() {
        Properties p = new Properties();
        p.setProperty("larder.caches.default.options.allow-classes", "dev.larder.jcache.**");
        return p;
    }
}
