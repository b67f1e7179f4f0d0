package dev.larder.thymeleaf;

import dev.larder.Cache;
import dev.larder.Timeout;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * What the dialect needs of the model cache's stamps, without naming a Hibernate type: the
 * dialect and its processor must load when larder-hibernate is not on the class path, so only
 * {@link HibernateStamps} refers to it, and that class is loaded only when a
 * {@code ModelStamps} is given.
 */
interface Stamps {

    /** The stamp keys that move when {@code what} changes; IllegalArgumentException naming anything else. */
    List<String> keysOf(Object what);

    /** The values to record for {@code keys}; a failing cache throws. */
    Map<String, Long> read(Collection<String> keys);

    /** The values the thread's open recording saw for these keys, as the data was read (no I/O). */
    Map<String, Long> recorded(Collection<String> keys);

    /** Whether a writer is in flight for any of these stamps. */
    boolean anyPending(Map<String, Long> stamps);

    /** The text stored under {@code key} while all its stamps still hold; null otherwise. */
    StampedText get(Cache cache, String key);

    /** Stores text with its stamps; false when one is pending or moved. */
    boolean put(Cache cache, String key, String text, Timeout timeout, Map<String, Long> stamps);

    /** A fragment's text and the stamps it was rendered under. */
    record StampedText(String text, Map<String, Long> stamps) {
    }
}
