package dev.larder.resilience;

import dev.larder.CacheBackendException;
import dev.larder.CacheUnavailableException;
import dev.larder.spi.BackendOptions;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowSynchronizationStrategy;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType;
import java.time.Duration;
import java.util.Optional;

/**
 * One cache's {@code options.circuit-breaker.*} settings, read and checked.
 *
 * @param failureRate  percent of the calls in the window that, once failed, open the breaker
 * @param minimumCalls calls recorded before the failure rate is judged at all
 * @param window       the number of most recent calls the failure rate is computed over
 * @param openFor      how long an open breaker fails every call before it lets probes through
 * @param probes       calls let through while half-open; their outcome closes or reopens it
 */
record BreakerSettings(int failureRate, int minimumCalls, int window, Duration openFor, int probes) {
    static final String ENABLED = "circuit-breaker";
    static final String FAILURE_RATE = "circuit-breaker.failure-rate";
    static final String MINIMUM_CALLS = "circuit-breaker.minimum-calls";
    static final String WINDOW = "circuit-breaker.window";
    static final String OPEN_FOR = "circuit-breaker.open-for";
    static final String PROBES = "circuit-breaker.probes";

    static final BreakerSettings DEFAULTS = new BreakerSettings(50, 10, 20, Duration.ofSeconds(2), 3);

    /** The settings of these options, defaults for those unset; a bad value is a config error naming it. */
    static BreakerSettings read(BackendOptions options) {
        int rate = options.intValue(FAILURE_RATE, DEFAULTS.failureRate, 1);
        if (rate > 100) {
            throw options.error(FAILURE_RATE, options.string(FAILURE_RATE).orElseThrow(), "must be a percentage from 1 to 100");
        }
        int window = options.intValue(WINDOW, DEFAULTS.window, 1);
        int minimum = options.intValue(MINIMUM_CALLS, DEFAULTS.minimumCalls, 1);
        if (minimum > window) {
            throw options.error(MINIMUM_CALLS, options.string(MINIMUM_CALLS).orElse(Integer.toString(minimum)),
                    "must be at most " + WINDOW + " (" + window + "): the window holds no more calls than that");
        }
        return new BreakerSettings(rate, minimum, window, options.duration(OPEN_FOR, DEFAULTS.openFor),
                options.intValue(PROBES, DEFAULTS.probes, 1));
    }

    /** The option whose value differs from {@code other}'s, if any. */
    Optional<String> firstDifference(BreakerSettings other) {
        if (failureRate != other.failureRate) {
            return Optional.of(FAILURE_RATE);
        }
        if (minimumCalls != other.minimumCalls) {
            return Optional.of(MINIMUM_CALLS);
        }
        if (window != other.window) {
            return Optional.of(WINDOW);
        }
        if (!openFor.equals(other.openFor)) {
            return Optional.of(OPEN_FOR);
        }
        return probes != other.probes ? Optional.of(PROBES) : Optional.empty();
    }

    /**
     * A count-based breaker that records only store failures: a missing key, a value of the wrong
     * type or one too large is the caller's problem, not the store's, and counts as a success.
     * The breaker's own refusal is never recorded, so an open breaker cannot keep itself open.
     * Every call of every cache on the store records its outcome in one window: the lock-free
     * window keeps request threads from queueing on one monitor per store (the synchronized
     * one, resilience4j's default, takes a lock per call).
     */
    CircuitBreakerConfig config() {
        return CircuitBreakerConfig.custom()
                .slidingWindow(window, minimumCalls, SlidingWindowType.COUNT_BASED,
                        SlidingWindowSynchronizationStrategy.LOCK_FREE)
                .failureRateThreshold(failureRate)
                .waitDurationInOpenState(openFor)
                .permittedNumberOfCallsInHalfOpenState(probes)
                .recordException(BreakerSettings::isStoreFailure)
                .build();
    }

    static boolean isStoreFailure(Throwable e) {
        return e instanceof CacheBackendException && !(e instanceof CacheUnavailableException);
    }
}
