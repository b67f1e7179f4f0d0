package dev.larder.hibernate;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/** The latest stamp moves, newest first, for dashboards and debugging; bounded. Thread-safe. */
final class InvalidationLog {
    /** Enough to see what one edit moved; a busy writer overwrites it within a second. */
    static final int CAPACITY = 50;

    private final Clock clock;
    private final ArrayDeque<ModelInvalidation> latest = new ArrayDeque<>(CAPACITY);

    InvalidationLog(Clock clock) {
        this.clock = clock;
    }

    void moved(String cause, List<String> stamps) {
        ModelInvalidation entry = new ModelInvalidation(clock.instant(), cause, stamps);
        synchronized (latest) {
            if (latest.size() == CAPACITY) {
                latest.removeLast();
            }
            latest.addFirst(entry);
        }
    }

    List<ModelInvalidation> latest() {
        synchronized (latest) {
            return new ArrayList<>(latest);
        }
    }
}
