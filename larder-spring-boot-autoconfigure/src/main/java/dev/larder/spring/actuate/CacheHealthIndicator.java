package dev.larder.spring.actuate;

import dev.larder.Cache;
import dev.larder.support.Secrets;
import java.util.function.LongSupplier;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * Probes one cache kept outside the process with a cheap call, {@code hasKey} of a key no one
 * writes ({@value #PROBE_KEY}, under the cache's key prefix and version), bounded by the
 * backend's own timeout (Redis {@code command-timeout}, Memcached {@code operation-timeout},
 * the database's query timeout).
 *
 * <p>{@code UP} with {@code backend}, {@code location} (masked) and {@code latencyMillis} when
 * it answers; otherwise {@link #DEGRADED}, with the same details and the masked
 * {@code error}. Not {@code DOWN}: Larder's integrations fail open (a page is rendered, a model
 * read from the database), so a lost cache server slows the application but does not fail it,
 * and must not take it out of a load balancer. With Boot's default status order a status it
 * does not know is left out of the aggregate, so the application stays {@code UP}; add
 * {@code degraded} to {@code management.endpoint.health.status.order} to see it in the aggregate
 * (Boot still answers 200, as for any status but {@code DOWN} and {@code OUT_OF_SERVICE}).
 *
 * <p>Thread-safe. The probe does not touch the cache's hit and miss counters.
 */
public final class CacheHealthIndicator implements HealthIndicator {
    /** Reachable but not doing its work: the application runs on without this cache. */
    public static final Status DEGRADED = new Status("DEGRADED", "The cache does not answer; the application runs without it");
    /** The key the probe asks about; it is never written. */
    public static final String PROBE_KEY = "larder:health-probe";

    private final Cache cache;
    private final CacheOrigin origin;
    private final LongSupplier nanoTime;

    public CacheHealthIndicator(Cache cache, CacheOrigin origin) {
        this(cache, origin, System::nanoTime);
    }

    CacheHealthIndicator(Cache cache, CacheOrigin origin, LongSupplier nanoTime) {
        this.cache = cache;
        this.origin = origin;
        this.nanoTime = nanoTime;
    }

    @Override
    public Health health() {
        Health.Builder health = new Health.Builder().withDetail("backend", origin.backend());
        if (origin.location() != null) {
            health.withDetail("location", origin.location());
        }
        long start = nanoTime.getAsLong();
        try {
            cache.hasKey(PROBE_KEY);
            return health.up().withDetail("latencyMillis", millisSince(start)).build();
        } catch (RuntimeException e) {
            // Larder's own messages are masked already; a driver's may quote a URL its own way.
            String error = e.getClass().getSimpleName() + ": " + Secrets.NONE.redact(String.valueOf(e.getMessage()));
            return health.status(DEGRADED).withDetail("latencyMillis", millisSince(start)).withDetail("error", error)
                    .build();
        }
    }

    private double millisSince(long start) {
        return Math.round((nanoTime.getAsLong() - start) / 1_000.0) / 1_000.0;
    }
}
