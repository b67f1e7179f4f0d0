package dev.larder;

import dev.larder.spi.CacheKey;
import dev.larder.support.Keys;
import dev.larder.support.Md5;
import dev.larder.support.Utf16;
import java.lang.System.Logger.Level;
import java.util.Objects;

/**
 * Makes stored keys with the cache's key function and validates them (Django's
 * {@code make_key} and {@code validate_key}). With the default key function the
 * {@code prefix:version:} head is built and checked once, so a call only scans the key it was
 * given.
 *
 * <p>Django's two warnings, word for word ({@link Keys#memcacheKeyWarnings}): a stored key over
 * 250 code points (Python's {@code len}, so an emoji counts once), and one with a space or an
 * ASCII control character. They are logged, or thrown as {@link InvalidCacheKeyException} when
 * strict: with {@code strict-keys}, and always for a backend that refuses such keys (Memcached,
 * as Django's memcached backends raise {@code InvalidCacheKey} instead of warning). An empty key
 * is a key like any other, as in Django ({@code ":1:"} with the default key function).
 *
 * <p>A key that is not valid Unicode (an unpaired surrogate) is always refused, strict or not:
 * every backend stores keys as UTF-8, which writes such a character as {@code ?}, so
 * <code>"user:&#92;uD800"</code>, <code>"user:&#92;uDBFF"</code> and {@code "user:?"} would be one entry.
 */
final class KeyMaker {
    /** Django's limit; a key over it in UTF-16 units is then counted in code points. */
    static final int MAX_KEY_LENGTH = Keys.MEMCACHE_MAX_KEY_LENGTH;
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
        int bad = Utf16.firstUnpairedSurrogate(prefix, 0);
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

    /** This maker, throwing instead of warning: for a backend that cannot store the keys Django warns about. */
    KeyMaker strict() {
        return strict ? this : new KeyMaker(function, prefix, version, true);
    }

    int version() {
        return version;
    }

    /**
     * The {@code prefix:version:} every stored key of this version starts with, or null with a
     * custom key function, whose keys cannot be turned back into the keys given.
     */
    String head() {
        return head;
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
            if (bad >= 0 || made.length() > MAX_KEY_LENGTH) {
                report(made.value());
            }
            return made;
        }
        String made = function.makeKey(key, prefix, version);
        if (made == null) {
            throw new InvalidCacheKeyException("the key function made null from '" + Keys.printable(key) + "'");
        }
        int bad = firstBadChar(made);
        if (bad >= 0) {
            requireUnicode(made, bad, "The key function made '" + Keys.printable(made) + "' from '"
                    + Keys.printable(key) + "', which");
        }
        if (bad >= 0 || made.length() > MAX_KEY_LENGTH) {
            report(made);
        }
        return CacheKey.of(made);
    }

    /**
     * The key of {@code made}'s lease ({@link Leases}): {@code prefix:lease:} and the md5 of the
     * stored key. No key the default function makes starts so, since a version is a number; the
     * prefix keeps it among the cache's keys for {@code clear()}, and the digest keeps it within
     * Memcached's 250 bytes however long the key is.
     */
    CacheKey leaseKey(CacheKey made) {
        return CacheKey.of(prefix + ":lease:" + Md5.hex(made.value()));
    }

    private static void checkGiven(String key) {
        if (key == null) {
            throw new InvalidCacheKeyException("cache key must not be null");
        }
    }

    /** Refuses {@code s} if it has an unpaired surrogate at or after {@code from}, its first bad character. */
    private static void requireUnicode(String s, int from, String subject) {
        int surrogate = Utf16.firstUnpairedSurrogate(s, from);
        if (surrogate >= 0) {
            throw new InvalidCacheKeyException(subject + " is not valid Unicode: " + describe(s, surrogate));
        }
    }

    private static String describe(String s, int index) {
        return "unpaired surrogate " + Keys.printable(s.substring(index, index + 1)) + " at index " + index
                + " (UTF-8 would store it as '?', the same key as others)";
    }

    /**
     * Django's {@code validate_key}: each warning logged, or the first thrown when strict (as
     * Django's memcached backends raise the first). A key only over 250 UTF-16 units, not code
     * points, gives none.
     */
    private void report(String made) {
        for (String warning : Keys.memcacheKeyWarnings(made)) {
            if (strict) {
                throw new InvalidCacheKeyException(warning);
            }
            LOG.log(Level.WARNING, warning);
        }
    }

    /** The index of the first control character, space, DEL or unpaired surrogate, or -1. */
    static int firstBadChar(String s) {
        return Utf16.firstBadKeyChar(s);
    }
}
