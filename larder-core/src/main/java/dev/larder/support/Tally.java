package dev.larder.support;

import java.util.concurrent.atomic.LongAdder;

/**
 * A bundle of counters, one per constant of {@code E}: what the page and model caches count
 * for their stats. Striped ({@link LongAdder}), so counting stays cheap when many threads
 * count at once. Thread-safe.
 *
 * @param <E> the events counted
 */
public final class Tally<E extends Enum<E>> {
    private final LongAdder[] counts;

    public Tally(Class<E> events) {
        counts = new LongAdder[events.getEnumConstants().length];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = new LongAdder();
        }
    }

    /** Counts one {@code event}. */
    public void count(E event) {
        counts[event.ordinal()].increment();
    }

    /** Counts {@code n} of {@code event}. */
    public void count(E event, long n) {
        counts[event.ordinal()].add(n);
    }

    /** How many of {@code event} were counted. */
    public long sum(E event) {
        return counts[event.ordinal()].sum();
    }
}
