package dev.larder.spring.actuate;

import dev.larder.Cache;
import dev.larder.CacheRegistry;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;

/**
 * The {@code larder} health group: one {@link CacheHealthIndicator} per cache whose entries
 * live outside the process ({@code capabilities().outOfProcess()}: Redis, Memcached, the
 * database, and the file backend, whose disk can fail too), named by alias. Caches in local
 * memory have nothing to probe and are left out; so are caches created at run time
 * ({@link CacheRegistry#create}), which share a configured cache's store.
 *
 * <pre>
 * GET /actuator/health/larder
 * {"status":"UP","components":{"default":{"status":"UP","details":{"backend":"redis",
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
        return probed().filter(c -> c.alias().equals(name)).findFirst().map(this::indicator).orElse(null);
    }

    @Override
    public Stream<Entry> stream() {
        return probed().map(c -> new Entry(c.alias(), indicator(c)));
    }

    private Stream<Cache> probed() {
        return configured.stream().map(registry::cache).filter(c -> c.capabilities().outOfProcess());
    }

    private CacheHealthIndicator indicator(Cache cache) {
        return new CacheHealthIndicator(cache, CacheOrigin.of(registry.config(cache.alias())));
    }
}
