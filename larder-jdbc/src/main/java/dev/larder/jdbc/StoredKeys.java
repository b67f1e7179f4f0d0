package dev.larder.jdbc;

import dev.larder.spi.CacheKey;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The {@code cache_key} of a stored key. The column holds 255 characters (Django's width).
 * A key that fits and does not start with {@value #MARKER} is stored as it is. Any other key
 * (longer, which already logged a warning or was refused under {@code strict-keys}, or
 * starting with the marker) is stored as {@value #MARKER}, its first characters, {@code #}
 * and the SHA-256 of the whole key, 255 characters at most.
 *
 * <p>So a key stored as it is never starts with the marker and a shortened one always does:
 * no key can be spelled as another key's shortened form, and two shortened forms are equal
 * only if the whole keys' digests are. (A shortened form that kept the key's own first
 * character, as Larder's did before, could be written out as a key of 255 characters and read
 * the long key's value.)
 */
final class StoredKeys {
    static final int MAX = 255;
    static final String MARKER = "#";
    private static final int DIGEST = 64;
    private static final int KEPT = MAX - MARKER.length() - 1 - DIGEST;

    private StoredKeys() {
    }

    static String of(CacheKey key) {
        String value = key.value();
        if (value.length() <= MAX && !value.startsWith(MARKER)) {
            return value;
        }
        int kept = Math.min(KEPT, value.length());
        if (kept > 0 && Character.isHighSurrogate(value.charAt(kept - 1))) {
            // Half a character cannot be stored in a UTF-8 column.
            kept--;
        }
        return MARKER + value.substring(0, kept) + "#" + sha256(value);
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
