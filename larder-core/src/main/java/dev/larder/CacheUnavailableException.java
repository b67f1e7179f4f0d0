package dev.larder;

import java.time.Instant;
import java.util.Optional;

/**
 * The store behind a cache is being skipped: its circuit breaker ({@code larder-resilience}) is
 * open after repeated failures, so the call failed at once, without any network I/O. The
 * message names the cache, the store (its backend and location, passwords masked) and when the
 * breaker lets probe calls through again. Like any {@link CacheBackendException} the direct {@link Cache}
 * API throws it and the integrations treat it as a miss.
 */
public class CacheUnavailableException extends CacheBackendException {
    private final String alias;
    private final Instant probeAt;

    /**
     * @param alias    the cache's alias
     * @param store    the store as messages name it, its backend and location with passwords
     *                 masked: {@code redis 'redis://:***@10.0.0.5:6379'}
     * @param probeAt  when probe calls are let through; null when probes are under way now
     */
    public CacheUnavailableException(String alias, String store, Instant probeAt) {
        super("cache '" + alias + "': " + store + " is skipped after repeated failures (circuit breaker open);"
                + " calls fail at once " + (probeAt == null ? "while probe calls find out whether it answers again"
                : "until it is probed again at " + probeAt));
        this.alias = alias;
        this.probeAt = probeAt;
    }

    /** The alias of the cache whose call was refused. */
    public String alias() {
        return alias;
    }

    /** When the breaker lets probe calls through, or empty when probes are under way now. */
    public Optional<Instant> probeAt() {
        return Optional.ofNullable(probeAt);
    }
}
