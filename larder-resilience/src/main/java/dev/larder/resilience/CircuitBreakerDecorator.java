package dev.larder.resilience;

import dev.larder.spi.BackendContext;
import dev.larder.spi.BackendDecorator;
import dev.larder.spi.CacheBackend;
import dev.larder.support.Secrets;
import java.util.Set;

/**
 * Puts a circuit breaker (resilience4j) in front of every backend on a shared store: Redis,
 * Memcached, a database, any backend whose {@link dev.larder.Capabilities#outOfProcess()} is
 * true, unless {@code options.circuit-breaker=false}. In-process backends ({@code locmem},
 * {@code dummy}) and the {@code file} backend, whose directory is local, are never wrapped.
 *
 * <p>Caches on one store (the same backend name and location, as configured) share one
 * breaker, so they must give it the same settings; a cache whose {@code circuit-breaker.*}
 * options differ from those of a cache already on the store is refused with a
 * {@link dev.larder.CacheConfigException}. Found through {@link java.util.ServiceLoader}: adding
 * the module to the class path is the whole installation.
 */
public final class CircuitBreakerDecorator implements BackendDecorator {
    /** Out of process, but on this machine's disk: nothing to wait for that a breaker could skip. */
    private static final Set<String> LOCAL_BACKENDS = Set.of("file");

    @Override
    public Set<String> options() {
        return Set.of(BreakerSettings.ENABLED, BreakerSettings.FAILURE_RATE, BreakerSettings.MINIMUM_CALLS,
                BreakerSettings.WINDOW, BreakerSettings.OPEN_FOR, BreakerSettings.PROBES);
    }

    @Override
    public CacheBackend decorate(CacheBackend backend, BackendContext context, String backendName) {
        // Read every setting first: a bad value is an error even where no breaker would apply.
        boolean enabled = context.options().booleanValue(BreakerSettings.ENABLED, true);
        BreakerSettings settings = BreakerSettings.read(context.options());
        if (!enabled || !backend.capabilities().outOfProcess() || LOCAL_BACKENDS.contains(backendName)) {
            return backend;
        }
        String key = storeKey(backendName, context);
        String store = backendName + " '" + Secrets.mask(context.options().string("url").orElse(context.location())) + "'";
        SharedBreaker shared = Breakers.acquire(key, store, context.alias(), settings);
        return new GuardedBackend(backend, shared, key, context.alias(), context.stats());
    }

    /**
     * What tells one store from another: the backend, its location and, where the location
     * names something inside a server (the jdbc backend's table), the server too: its
     * {@code url} option, or the identity of the objects attached in code (a DataSource).
     */
    private static String storeKey(String backendName, BackendContext context) {
        StringBuilder key = new StringBuilder(backendName).append('\u0000').append(context.location());
        context.options().string("url").ifPresent(url -> key.append('\u0000').append(url));
        context.attachments().values().forEach(a -> key.append('\u0000').append(System.identityHashCode(a)));
        return key.toString();
    }
}
