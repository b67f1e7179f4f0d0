package dev.larder.servlet;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts cache failures and logs each incident once: the first failure after a success is a
 * warning with its cause, the rest of the incident only counts, and the first success after
 * it is logged as the recovery. A dead backend under load would otherwise write one stack
 * trace per request.
 */
final class Failures {
    private static final Logger LOG = System.getLogger("dev.larder.servlet");

    private final String what;
    private final AtomicBoolean failing = new AtomicBoolean();
    private final LongAdder count = new LongAdder();

    Failures(String what) {
        this.what = what;
    }

    void failed(String operation, RuntimeException e) {
        count.increment();
        if (failing.compareAndSet(false, true)) {
            LOG.log(Level.WARNING, what + ": cache " + operation + " failed; serving without the cache"
                    + " until it answers again (further failures are counted, not logged)", e);
        }
    }

    void succeeded() {
        if (failing.get() && failing.compareAndSet(true, false)) {
            LOG.log(Level.INFO, what + ": the cache answers again after " + count.sum() + " failures in all");
        }
    }

    long count() {
        return count.sum();
    }
}
