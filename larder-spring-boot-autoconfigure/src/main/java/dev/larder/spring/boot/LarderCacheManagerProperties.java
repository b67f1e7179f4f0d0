package dev.larder.spring.boot;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code larder.cache-manager.*}: the Spring {@code CacheManager} over Larder's caches.
 *
 * <pre>
 * larder.cache-manager.template=default
 * larder.cache-manager.cache-names=books,authors
 * larder.cache-manager.timeouts.books=5m
 * larder.cache-manager.allow-null-values=false
 * </pre>
 */
@ConfigurationProperties("larder.cache-manager")
public class LarderCacheManagerProperties {
    /** Whether Larder provides the application's CacheManager when caching is enabled (@EnableCaching). */
    private boolean enabled = true;
    /**
     * Whether a cache name that is no Larder alias gets a Larder cache of its own on first use,
     * made from the template with the name in its key prefix. When false, only the cache-names
     * exist (or, with none given, the Larder aliases).
     */
    private boolean dynamic = true;
    /** The Larder cache alias whose configuration caches created at run time copy. */
    private String template = "default";
    /** Caches created at start-up: Larder aliases, or names made from the template. */
    private List<String> cacheNames = new ArrayList<>();
    /** Whether null values may be cached (stored as Optional.empty(), never through Java serialisation). */
    private boolean allowNullValues = true;
    /** Entry timeout per cache name (300, 30s, 5m, 2h, 1d, PT5M or never); else the Larder cache's default. */
    private Map<String, String> timeouts = new LinkedHashMap<>();
    /** Threads of the default executor running the Larder calls of asynchronous (CompletableFuture) caching. */
    private int asyncThreads = Math.max(2, Runtime.getRuntime().availableProcessors());
    /** Tasks the default executor queues before refusing, when asynchronous calls fail open (miss, no store). */
    private int asyncQueueCapacity = 10_000;

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public boolean isDynamic() {
        return dynamic;
    }

    public void setDynamic(boolean dynamic) {
        this.dynamic = dynamic;
    }

    public String getTemplate() {
        return template;
    }

    public void setTemplate(String template) {
        this.template = template;
    }

    public List<String> getCacheNames() {
        return cacheNames;
    }

    public void setCacheNames(List<String> cacheNames) {
        this.cacheNames = cacheNames;
    }

    public boolean isAllowNullValues() {
        return allowNullValues;
    }

    public void setAllowNullValues(boolean allowNullValues) {
        this.allowNullValues = allowNullValues;
    }

    public Map<String, String> getTimeouts() {
        return timeouts;
    }

    public void setTimeouts(Map<String, String> timeouts) {
        this.timeouts = timeouts;
    }

    public int getAsyncThreads() {
        return asyncThreads;
    }

    public void setAsyncThreads(int asyncThreads) {
        this.asyncThreads = asyncThreads;
    }

    public int getAsyncQueueCapacity() {
        return asyncQueueCapacity;
    }

    public void setAsyncQueueCapacity(int asyncQueueCapacity) {
        this.asyncQueueCapacity = asyncQueueCapacity;
    }
}
