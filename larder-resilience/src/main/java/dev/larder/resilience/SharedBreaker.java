package dev.larder.resilience;

import dev.larder.CacheUnavailableException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreaker.State;
import io.github.resilience4j.circuitbreaker.CircuitBreaker.StateTransition;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The circuit breaker of one shared store, used by every cache on that store, and the caches
 * using it. Logs each state change once, naming the store by its masked location.
 * Thread-safe.
 */
final class SharedBreaker {
    private static final System.Logger LOG = System.getLogger("dev.larder.resilience");

    private final String store;
    private final BreakerSettings settings;
    private final CircuitBreaker breaker;
    /** Users by alias: two registries may each have a cache of the same alias on one store. */
    private final Map<String, Integer> aliases = new TreeMap<>();
    private volatile Instant probeAt;

    /**
     * @param store    the backend's name and masked location, as messages show it: {@code redis 'redis://...'}
     * @param settings the settings every cache on the store shares
     */
    SharedBreaker(String store, BreakerSettings settings) {
        this.store = store;
        this.settings = settings;
        this.breaker = CircuitBreaker.of(store, settings.config());
        breaker.getEventPublisher().onStateTransition(e -> changed(e.getStateTransition()));
    }

    BreakerSettings settings() {
        return settings;
    }

    CircuitBreaker breaker() {
        return breaker;
    }

    String store() {
        return store;
    }

    synchronized void addUser(String alias) {
        aliases.merge(alias, 1, Integer::sum);
    }

    /** Removes a user; true when none is left. */
    synchronized boolean removeUser(String alias) {
        aliases.computeIfPresent(alias, (a, n) -> n == 1 ? null : n - 1);
        return aliases.isEmpty();
    }

    /** The aliases of the caches using the breaker, sorted. */
    synchronized Set<String> users() {
        return new TreeSet<>(aliases.keySet());
    }

    /** What a refused call of this cache throws. */
    CacheUnavailableException unavailable(String alias) {
        if (breaker.getState() != State.OPEN) {
            return new CacheUnavailableException(alias, store, null);
        }
        Instant now = Instant.now();
        Instant at = probeAt;
        // The breaker publishes its opening after it opened: a refusal in between sees the
        // last outage's time, or none, and the breaker has only just opened.
        boolean stale = at == null || at.isBefore(now);
        return new CacheUnavailableException(alias, store, stale ? now.plus(settings.openFor()) : at);
    }

    /** The breaker's state and counts, for {@code inspect()}. */
    Map<String, String> inspect() {
        CircuitBreaker.Metrics m = breaker.getMetrics();
        Map<String, String> out = new LinkedHashMap<>();
        out.put("circuit-breaker.state", breaker.getState().name());
        float rate = m.getFailureRate();
        out.put("circuit-breaker.failure-rate", rate < 0 ? "n/a" : rate + "%");
        out.put("circuit-breaker.buffered-calls", Integer.toString(m.getNumberOfBufferedCalls()));
        out.put("circuit-breaker.failed-calls", Integer.toString(m.getNumberOfFailedCalls()));
        out.put("circuit-breaker.not-permitted-calls", Long.toString(m.getNumberOfNotPermittedCalls()));
        return out;
    }

    /**
     * An outage logs a warning when the breaker opens and a note when it closes; the open and
     * half-open swings between (one pair per {@code open-for} while the store stays down) are
     * logged at DEBUG, so a long outage does not flood the log.
     */
    private void changed(StateTransition t) {
        if (t.getToState() == State.OPEN) {
            probeAt = Instant.now().plus(settings.openFor());
        }
        String what = "circuit breaker of " + store + " (caches " + users() + "): " + t.getFromState() + " -> "
                + t.getToState();
        if (t == StateTransition.CLOSED_TO_OPEN) {
            LOG.log(Level.WARNING, what + " after " + breaker.getMetrics().getFailureRate() + "% of the last "
                    + breaker.getMetrics().getNumberOfBufferedCalls() + " calls failed; calls fail at once for "
                    + settings.openFor().toMillis() + " ms, then up to " + settings.probes() + " probe calls");
        } else if (t.getToState() == State.CLOSED) {
            LOG.log(Level.INFO, what + ": the store answers again");
        } else {
            LOG.log(Level.DEBUG, what);
        }
    }
}
