package dev.larder.jdbc;

import dev.larder.spi.CacheKey;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The {@code cache_key} of a stored key. The column holds 255 characters (Django's width);
 * a longer key (which already logged a warning, or was refused under {@code strict-keys}) is
 * stored as its first 190 characters, {@code #}, and the SHA-256 of the whole key, so it
 * still fits and stays distinct, instead of failing in the database.
 */
final class StoredKeys {
    static final int MAX = 255;
    private static final int KEPT = MAX - 1 - 64;

    private StoredKeys() {
    }

    static String of(CacheKey key) {
        String value = key.value();
        if (value.length() <= MAX) {
            return value;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return value.substring(0, KEPT) + "#" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
