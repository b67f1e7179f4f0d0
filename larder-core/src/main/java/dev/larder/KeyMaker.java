package dev.larder;

import dev.larder.spi.CacheKey;
import java.lang.System.Logger.Level;
import java.util.Objects;

/**
 * Makes stored keys with the cache's key function and validates them (Django's
 * {@code make_key} and {@code validate_key}). With the default key function the
 * {@code prefix:version:} head is built and checked once, so a call only scans the key it was
 * given.
 */
final class KeyMaker {
    static final int MAX_KEY_LENGTH = 250;
    private static final System.Logger LOG = System.getLogger("dev.larder.keys");

    private final KeyFunction function;
    private final String prefix;
    private final int version;
    private final boolean strict;
    private final String head;
    private final boolean headIsClean;

    KeyMaker(KeyFunction function, String prefix, int version, boolean strict) {
        this.function = Objects.requireNonNull(function, "function");
        this.prefix = Objects.requireNonNull(prefix, "prefix");
        this.version = version;
        this.strict = strict;
        this.head = function == KeyFunction.DEFAULT ? prefix + ":" + version + ":" : null;
        this.headIsClean = head != null && firstBadChar(head) < 0;
    }

    KeyMaker withVersion(int newVersion) {
        return newVersion == version ? this : new KeyMaker(function, prefix, newVersion, strict);
    }

    int version() {
        return version;
    }

    /** The stored key for {@code key} at this maker's version, validated. */
    CacheKey make(String key) {
        checkGiven(key);
        if (headIsClean) {
            CacheKey made = CacheKey.of(head, key);
            if (made.length() > MAX_KEY_LENGTH || firstBadChar(key) >= 0) {
                report(made.value());
            }
            return made;
        }
        String made = function.makeKey(key, prefix, version);
        if (made == null || made.isEmpty()) {
            throw new InvalidCacheKeyException("the key function made an empty key from '" + key + "'");
        }
        if (made.length() > MAX_KEY_LENGTH || firstBadChar(made) >= 0) {
            report(made);
        }
        return CacheKey.of(made);
    }

    private static void checkGiven(String key) {
        if (key == null) {
            throw new InvalidCacheKeyException("cache key must not be null");
        }
        if (key.isEmpty()) {
            throw new InvalidCacheKeyException("cache key must not be empty");
        }
    }

    /** Django's two checks, each a warning, or an exception when strict. */
    private void report(String made) {
        if (made.length() > MAX_KEY_LENGTH) {
            complain("Cache key will cause errors if used with memcached: '" + made + "' (longer than "
                    + MAX_KEY_LENGTH + ")");
        }
        if (firstBadChar(made) >= 0) {
            complain("Cache key contains characters that will cause errors if used with memcached: '" + made + "'");
        }
    }

    private void complain(String message) {
        if (strict) {
            throw new InvalidCacheKeyException(message);
        }
        LOG.log(Level.WARNING, message);
    }

    /** The index of the first control character, space or DEL, or -1. */
    static int firstBadChar(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c <= 0x20 || c == 0x7f) {
                return i;
            }
        }
        return -1;
    }
}
