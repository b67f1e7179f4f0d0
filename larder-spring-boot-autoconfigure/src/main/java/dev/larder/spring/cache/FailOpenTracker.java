package dev.larder.spring.cache;

import dev.larder.support.FailOpen;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * One Spring cache's backend failures: Larder's {@link FailOpen} logs each incident once (its
 * start with the cause, its end in one line) and counts the calls; this adds the count of
 * incidents, which {@code FailOpen} does not keep, for the {@code larder.cache.fail.open} meter.
 * An incident starts at a failure after a success and ends at the next success. Thread-safe.
 */
final class FailOpenTracker {
    private final FailOpen log;
    private final AtomicBoolean failing = new AtomicBoolean();
    private final LongAdder incidents = new LongAdder();

    FailOpenTracker(String cacheName) {
        this.log = new FailOpen(System.getLogger(LarderSpringCache.class.getPackageName()),
                "Spring cache '" + cacheName + "'", "reads miss and writes are skipped");
    }

    /** Counts a call that failed open: a failing store, a refused task, a load that could not be waited for. */
    void failed(String operation, RuntimeException e) {
        if (failing.compareAndSet(false, true)) {
            incidents.increment();
        }
        log.failed(operation, e);
    }

    void succeeded() {
        // Read first: the common case, no incident under way, costs one volatile read.
        if (failing.get() && failing.compareAndSet(true, false)) {
            log.succeeded();
        }
    }

    long incidents() {
        return incidents.sum();
    }

    long calls() {
        return log.count();
    }
}
