package dev.larder.support;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.List;

/**
 * What an entry needed last time, by key, so that the next read can ask for it in the same
 * round trip: the page cache's header list for a URL, the model cache's stamps for an entry.
 * A hint only: it may be missing or out of date, and the entry it leads to decides. Bounded,
 * so that keys chosen by web requests cannot grow it without limit. Thread-safe.
 */
public final class Hints {
    private final Cache<String, List<String>> hints;

    /** Hints for at most {@code maximum} keys, the least used dropped first. */
    public Hints(long maximum) {
        if (maximum < 1) {
            throw new IllegalArgumentException("maximum must be at least 1, not " + maximum);
        }
        this.hints = Caffeine.newBuilder().maximumSize(maximum).build();
    }

    /** The hint for {@code key}, or {@code null}. */
    public List<String> get(String key) {
        return hints.getIfPresent(key);
    }

    /** Remembers {@code hint} (copied) for {@code key}. */
    public void put(String key, List<String> hint) {
        hints.put(key, List.copyOf(hint));
    }

    /** Forgets the hint for {@code key}: it led to an entry that did not match. */
    public void forget(String key) {
        hints.invalidate(key);
    }
}
