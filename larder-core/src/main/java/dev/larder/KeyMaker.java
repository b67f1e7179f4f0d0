package dev.larder;

import dev.larder.spi.CacheKey;
import dev.larder.spi.Keys;
import java.lang.System.Logger.Level;
import java.util.Objects;

/**
 * Makes stored keys with the cache's key function and validates them (Django's
 * {@code make_key} and {@code validate_key}). With the default key function the
 * {@code prefix:version:} head is built and checked once, so a call only scans the key it was
 * given.
 *
 * <p>A key that is not valid Unicode (an unpaired surrogate) is always refused, strict or not:
 * every backend stores keys as UTF-8, which writes such a character as {@code ?}, so
 * <code>"user:&#92;uD800"</code>, <code>"user:&#92;uDBFF"</code> and {@code "user:?"} would be one entry.
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

    /** @throws InvalidCacheKeyException if the prefix is not valid Unicode */
    KeyMaker(KeyFunction function, String prefix, int version, boolean strict) {
        this.function = Objects.requireNonNull(function, "function");
        this.prefix = Objects.requireNonNull(prefix, "prefix");
        int bad = firstUnpairedSurrogate(prefix, 0);
        if (bad >= 0) {
            throw new InvalidCacheKeyException("the key prefix '" + Keys.printable(prefix) + "' is not valid Unicode: "
                    + describe(prefix, bad));
        }
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
            int bad = firstBadChar(key);
            if (bad >= 0) {
                requireUnicode(key, bad, "Cache key '" + Keys.printable(key) + "'");
            }
            if (made.length() > MAX_KEY_LENGTH || bad >= 0) {
                report(made.value());
            }
            return made;
        }
        String made = function.makeKey(key, prefix, version);
        if (made == null || made.isEmpty()) {
            throw new InvalidCacheKeyException("the key function made an empty key from '" + Keys.printable(key) + "'");
        }
        int bad = firstBadChar(made);
        if (bad >= 0) {
            requireUnicode(made, bad, "The key function made '" + Keys.printable(made) + "' from '"
                    + Keys.printable(key) + "', which");
        }
        if (made.length() > MAX_KEY_LENGTH || bad >= 0) {
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

    /** Refuses {@code s} if it has an unpaired surrogate at or after {@code from}, its first bad character. */
    private static void requireUnicode(String s, int from, String subject) {
        int surrogate = firstUnpairedSurrogate(s, from);
        if (surrogate >= 0) {
            throw new InvalidCacheKeyException(subject + " is not valid Unicode: " + describe(s, surrogate));
        }
    }

    private static String describe(String s, int index) {
        return "unpaired surrogate " + Keys.printable(s.substring(index, index + 1)) + " at index " + index
                + " (UTF-8 would store it as '?', the same key as others)";
    }

    /** Django's two checks, each a warning, or an exception when strict. */
    private void report(String made) {
        if (made.length() > MAX_KEY_LENGTH) {
            complain("Cache key will cause errors if used with memcached: '" + Keys.printable(made) + "' (longer than "
                    + MAX_KEY_LENGTH + ")");
        }
        if (firstBadChar(made) >= 0) {
            complain("Cache key contains characters that will cause errors if used with memcached: '"
                    + Keys.printable(made) + "'");
        }
    }

    private void complain(String message) {
        if (strict) {
            throw new InvalidCacheKeyException(message);
        }
        LOG.log(Level.WARNING, message);
    }

    /**
     * The index of the first control character, space, DEL or unpaired surrogate, or -1. One
     * scan finds both kinds, so a clean key (the usual case) is read once.
     */
    static int firstBadChar(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c <= 0x20 || c == 0x7f) {
                return i;
            }
            if (Character.isSurrogate(c)) {
                if (!isPair(s, i)) {
                    return i;
                }
                i++;
            }
        }
        return -1;
    }

    /** The index of the first unpaired surrogate at or after {@code from}, or -1. */
    static int firstUnpairedSurrogate(String s, int from) {
        for (int i = from, n = s.length(); i < n; i++) {
            if (Character.isSurrogate(s.charAt(i))) {
                if (!isPair(s, i)) {
                    return i;
                }
                i++;
            }
        }
        return -1;
    }

    private static boolean isPair(String s, int i) {
        return Character.isHighSurrogate(s.charAt(i)) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
    }
}
