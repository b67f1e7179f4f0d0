package dev.larder.spring.actuate;

import dev.larder.Cache;
import dev.larder.CacheConfig;
import dev.larder.CacheRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;

/**
 * The {@code larder} health group: one {@link CacheHealthIndicator} per distinct store kept
 * outside the process ({@code capabilities().outOfProcess()}: Redis, Memcached, the database,
 * and the file backend, whose disk can fail too). Aliases with the same backend and location
 * share a store, so they share one indicator, named after them in configuration order
 * ({@code default+sessions}), and the store is probed once per health call, through the first
 * of them. Caches in local memory have nothing to probe and are left out; so are caches created
 * at run time ({@link CacheRegistry#create}), which share a configured cache's store.
 *
 * <pre>
 * GET /actuator/health/larder
 * {"status":"UP","components":{"default+sessions":{"status":"UP","details":{"backend":"redis",
 *   "location":"redis://:***@cache.internal:6379/0","latencyMillis":0.412}}}}
 * </pre>
 *
 * Thread-safe.
 */
public final class LarderHealthContributor implements CompositeHealthContributor {
    private final CacheRegistry registry;
    /** The aliases when the application started: those created later share these caches' stores. */
    private final List<String> configured;

    public LarderHealthContributor(CacheRegistry registry) {
        this.registry = registry;
        this.configured = List.copyOf(registry.aliases());
    }

    @Override
    public HealthContributor getContributor(String name) {
        Cache probe = stores().get(name);
        return probe == null ? null : indicator(probe);
    }

    @Override
    public Stream<Entry> stream() {
        return stores().entrySet().stream().map(e -> new Entry(e.getKey(), indicator(e.getValue())));
    }

    /** Each distinct store's name ({@code a+b}) and the cache it is probed through. */
    private Map<String, Cache> stores() {
        Map<Store, List<Cache>> byStore = new LinkedHashMap<>();
        configured.stream().map(registry::cache).filter(c -> c.capabilities().outOfProcess()).forEach(c -> {
            CacheConfig config = registry.config(c.alias());
            byStore.computeIfAbsent(new Store(config.backend(), config.location()), s -> new ArrayList<>()).add(c);
        });
        Map<String, Cache> named = new LinkedHashMap<>();
        byStore.values().forEach(caches -> named.put(
                caches.stream().map(Cache::alias).collect(Collectors.joining("+")), caches.get(0)));
        return named;
    }

    private CacheHealthIndicator indicator(Cache cache) {
        return new CacheHealthIndicator(cache, CacheOrigin.of(registry.config(cache.alias())));
    }

    /** What makes two caches one store to probe; the location is kept unmasked here, in memory only. */
    private record Store(String backend, String location) {
    }
}
