package dev.larder.support;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * For integrations that fail open (the page cache, the model cache): counts cache failures
 * and logs each incident once. The first failure after a success is a warning with its
 * cause, the rest of the incident only counts, and the first success after it is logged as
 * the recovery. A dead backend under load would otherwise write one stack trace per request.
 * Thread-safe.
 *
 * <pre>{@code
 * FailOpen failures = new FailOpen(log, "page cache on 'default'", "serving without the cache");
 * try { page = cache.get(key); failures.succeeded(); } catch (CacheException e) { failures.failed("lookup", e); }
 * }</pre>
 */
public final class FailOpen {
    private final Logger log;
    private final String what;
    private final String fallback;
    private final AtomicBoolean failing = new AtomicBoolean();
    private final LongAdder count = new LongAdder();

    /**
     * @param what who fails, for the log: {@code "page cache on 'default'"}
     * @param fallback what happens instead, for the log: {@code "serving without the cache"}
     */
    public FailOpen(Logger log, String what, String fallback) {
        this.log = Objects.requireNonNull(log, "log");
        this.what = Objects.requireNonNull(what, "what");
        this.fallback = Objects.requireNonNull(fallback, "fallback");
    }

    /** Counts a failure of {@code operation}; logs it when it starts an incident. */
    public void failed(String operation, RuntimeException e) {
        count.increment();
        if (failing.compareAndSet(false, true)) {
            log.log(Level.WARNING, what + ": cache " + operation + " failed; " + fallback
                    + " until it answers again (further failures are counted, not logged)", e);
        }
    }

    /** Ends an incident, if one is under way, with one line. */
    public void succeeded() {
        if (failing.get() && failing.compareAndSet(true, false)) {
            log.log(Level.INFO, what + ": the cache answers again after " + count.sum() + " failures in all");
        }
    }

    /** Failures counted since this was built. */
    public long count() {
        return count.sum();
    }
}
