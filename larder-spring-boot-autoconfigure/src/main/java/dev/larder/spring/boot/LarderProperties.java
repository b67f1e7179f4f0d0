package dev.larder.spring.boot;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code larder.caches.<alias>.*}: the same settings as {@code larder.properties}, read from
 * Spring's environment (application.properties or YAML, profiles, environment variables).
 * Every value is kept as written and parsed by Larder itself, so a bad one fails start-up with
 * Larder's message naming the property ({@code larder.caches.pages.timeout='soon': ...}).
 *
 * <pre>
 * larder.caches.default.backend=redis
 * larder.caches.default.location=redis://cache.internal:6379/0
 * larder.caches.default.timeout=10m
 * larder.caches.default.options.max-value-size=2MB
 * </pre>
 */
@ConfigurationProperties("larder")
public class LarderProperties {
    /** The named caches, by alias; {@code default} must be one of them when any is given. */
    private final Map<String, CacheSettings> caches = new LinkedHashMap<>();

    public Map<String, CacheSettings> getCaches() {
        return caches;
    }

    /** The settings as {@code larder.properties} would hold them, for Larder's own parser. */
    Properties asLarderProperties() {
        Properties p = new Properties();
        caches.forEach((alias, s) -> s.putInto(p, "larder.caches." + alias + "."));
        return p;
    }

    /** One cache's settings; see {@code larder.properties} in Larder's README for each. */
    public static class CacheSettings {
        /** The backend: locmem, file, dummy, jdbc, redis, memcached, or a factory's class name. */
        private String backend;
        /** Backend-specific: the store name, directory, server URLs or table. */
        private String location;
        /** Default entry timeout: seconds, or 500ms, 30s, 5m, 2h, 1d, PT5M, or "never". */
        private String timeout;
        /** Put in front of every key, so several applications can share one store. */
        private String keyPrefix;
        /** The version every key is made with unless a call names another. */
        private String version;
        /** Class name of a dev.larder.KeyFunction replacing prefix:version:key. */
        private String keyFunction;
        /** How long getOrSet waits for another thread's load of the same key (default 30s). */
        private String loadWait;
        /** One getOrSet load across processes: true (a 10s lease), false, or the lease's time. */
        private String lease;
        /** Probabilistic early refresh (XFetch) of entries getOrSet stored: true or false. */
        private String earlyRefresh;
        /** How long getOrSet serves a stale entry while one caller reloads it (RFC 5861). */
        private String staleWhileRevalidate;
        /** How long getOrSet serves a stale entry while loading or the store fails (RFC 5861). */
        private String staleIfError;
        /** Backend and core options: max-entries, max-value-size, allow-classes, strict-keys, ... */
        private final Map<String, String> options = new LinkedHashMap<>();
        /** Redis only: the near cache (enabled, max-entries, max-local-age, mode, heartbeat). */
        private final Map<String, String> nearCache = new LinkedHashMap<>();

        void putInto(Properties p, String prefix) {
            put(p, prefix + "backend", backend);
            put(p, prefix + "location", location);
            put(p, prefix + "timeout", timeout);
            put(p, prefix + "key-prefix", keyPrefix);
            put(p, prefix + "version", version);
            put(p, prefix + "key-function", keyFunction);
            put(p, prefix + "load-wait", loadWait);
            put(p, prefix + "lease", lease);
            put(p, prefix + "early-refresh", earlyRefresh);
            put(p, prefix + "stale-while-revalidate", staleWhileRevalidate);
            put(p, prefix + "stale-if-error", staleIfError);
            options.forEach((name, value) -> put(p, prefix + "options." + name, value));
            nearCache.forEach((name, value) -> put(p, prefix + "near-cache." + name, value));
        }

        private static void put(Properties p, String name, String value) {
            if (value != null) {
                p.setProperty(name, value);
            }
        }

        public String getBackend() {
            return backend;
        }

        public void setBackend(String backend) {
            this.backend = backend;
        }

        public String getLocation() {
            return location;
        }

        public void setLocation(String location) {
            this.location = location;
        }

        public String getTimeout() {
            return timeout;
        }

        public void setTimeout(String timeout) {
            this.timeout = timeout;
        }

        public String getKeyPrefix() {
            return keyPrefix;
        }

        public void setKeyPrefix(String keyPrefix) {
            this.keyPrefix = keyPrefix;
        }

        public String getVersion() {
            return version;
        }

        public void setVersion(String version) {
            this.version = version;
        }

        public String getKeyFunction() {
            return keyFunction;
        }

        public void setKeyFunction(String keyFunction) {
            this.keyFunction = keyFunction;
        }

        public String getLoadWait() {
            return loadWait;
        }

        public void setLoadWait(String loadWait) {
            this.loadWait = loadWait;
        }

        public String getLease() {
            return lease;
        }

        public void setLease(String lease) {
            this.lease = lease;
        }

        public String getEarlyRefresh() {
            return earlyRefresh;
        }

        public void setEarlyRefresh(String earlyRefresh) {
            this.earlyRefresh = earlyRefresh;
        }

        public String getStaleWhileRevalidate() {
            return staleWhileRevalidate;
        }

        public void setStaleWhileRevalidate(String staleWhileRevalidate) {
            this.staleWhileRevalidate = staleWhileRevalidate;
        }

        public String getStaleIfError() {
            return staleIfError;
        }

        public void setStaleIfError(String staleIfError) {
            this.staleIfError = staleIfError;
        }

        public Map<String, String> getOptions() {
            return options;
        }

        public Map<String, String> getNearCache() {
            return nearCache;
        }
    }
}
