package dev.larder.thymeleaf;

import dev.larder.Cache;
import dev.larder.Timeout;
import dev.larder.support.FailOpen;
import dev.larder.support.Keys;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;

/**
 * One cache as the fragments see it: the calls {@code FragmentCache} makes for plain text (so
 * Django reads the same entries), the stamped calls for fragments with dependencies, and
 * fail-open handling for all of them. A failing call is counted and logged once per incident;
 * the caller gets {@link #FAILED} (or false) and renders without the cache. Thread-safe.
 */
final class FragmentStore {
    private static final System.Logger LOG = System.getLogger("dev.larder.thymeleaf");
    /** What a lookup returns when the cache failed: neither a hit nor a clean miss. */
    static final Stamps.StampedText FAILED = new Stamps.StampedText("", Map.of());

    private final Cache cache;
    private final FailOpen failures;
    /** Fragment keys already reported as holding a visitor's private value (bounded). */
    private final java.util.Set<String> warned = java.util.concurrent.ConcurrentHashMap.newKeySet();

    FragmentStore(Cache cache) {
        this.cache = Objects.requireNonNull(cache, "cache");
        this.failures = new FailOpen(LOG, "fragment cache on '" + cache.alias() + "'", "rendering without the cache");
    }

    /**
     * The cached text and the stamps it holds (none for plain text), null on a miss, or
     * {@link #FAILED}. Plain text is read as {@code FragmentCache} reads it; anything else
     * is checked through {@code stamps}, when there are any.
     */
    Stamps.StampedText get(String key, Stamps stamps, boolean stamped) {
        try {
            Stamps.StampedText found;
            if (stamped) {
                found = stamps.get(cache, key);
            } else {
                Object value = cache.get(key);
                found = value instanceof String text ? new Stamps.StampedText(text, Map.of())
                        : value != null && stamps != null ? stamps.get(cache, key) : null;
            }
            failures.succeeded();
            return found;
        } catch (RuntimeException e) {
            failures.failed("get of " + Keys.printable(key), e);
            return FAILED;
        }
    }

    /** The stamps to record for {@code keys}, or null when the cache failed. */
    Map<String, Long> read(Stamps stamps, Collection<String> keys) {
        try {
            Map<String, Long> read = stamps.read(keys);
            failures.succeeded();
            return read;
        } catch (RuntimeException e) {
            failures.failed("read of the stamps " + keys, e);
            return null;
        }
    }

    /** Stores the text: plain when it depends on nothing, else with its stamps. */
    void put(String key, String text, Timeout timeout, Stamps stamps, Map<String, Long> recorded) {
        try {
            if (recorded.isEmpty()) {
                cache.set(key, text, timeout);
            } else if (!stamps.anyPending(recorded)) {
                stamps.put(cache, key, text, timeout, recorded);
            }
            failures.succeeded();
        } catch (RuntimeException e) {
            failures.failed("set of " + Keys.printable(key), e);
        }
    }

    /**
     * A rendered fragment holds a value of one visitor (a session id, a CSRF token): it is
     * served to that visitor and stored for no one, and said once per fragment key.
     */
    void refusePrivate(String key) {
        if (warned.size() < 1_000 && warned.add(key)) {
            LOG.log(System.Logger.Level.WARNING, "fragment " + Keys.printable(key) + " contains this visitor's session id"
                    + " or CSRF token (a form or a rewritten link inside it): not cached; move the form out of the"
                    + " fragment, or vary it on the user");
        }
    }

    /** Django's set with a timeout of 0 or less: whatever was there goes. */
    void delete(String key) {
        try {
            cache.delete(key);
            failures.succeeded();
        } catch (RuntimeException e) {
            failures.failed("delete of " + Keys.printable(key), e);
        }
    }
}
