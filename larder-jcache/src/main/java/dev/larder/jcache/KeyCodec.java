package dev.larder.jcache;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.UUID;

/**
 * Turns a JCache key (any object) into a Larder key. Equal keys must give equal Larder keys on
 * every JVM, so the form comes from the key's value, never its identity: short printable
 * strings and the usual value types are kept readable ({@code s:order-17}, {@code long:42}), and
 * every other key is named by a SHA-256 of its Java-serialised form, which for value types
 * (strings, numbers, enums, records of them) is the same for equal keys; keys that are equal
 * but serialise differently ({@code List.of("a")} and an {@code ArrayList} of "a") are
 * different keys here. The stored entry
 * holds the key itself, so a read also checks {@code equals}: a mismatch is a miss, never
 * another key's value.
 */
final class KeyCodec {
    /**
     * Longest readable form kept as is: with the prefix (at most about 140 characters, see
     * {@code Stores}) a stored key stays under Memcached's 250 bytes and the database's 255.
     */
    private static final int READABLE = 96;

    private KeyCodec() {
    }

    static String encode(Object key) {
        if (key instanceof String s) {
            return readable(s) ? "s:" + s : "S:" + digest(s.getBytes(StandardCharsets.UTF_8));
        }
        if (key instanceof Long || key instanceof Integer || key instanceof Short || key instanceof Byte
                || key instanceof BigInteger || key instanceof Boolean || key instanceof UUID) {
            return key.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT) + ":" + key;
        }
        if (key instanceof Character c) {
            return "char:" + (int) c;
        }
        if (key instanceof Enum<?> e && readable(e.getDeclaringClass().getName())) {
            return "enum:" + e.getDeclaringClass().getName() + "." + e.name();
        }
        return "h:" + digest(serialized(key));
    }

    /** Whether the key has a form made from its value alone (else {@link #encode} refuses it). */
    static boolean hasValueForm(Object key) {
        return key instanceof Serializable;
    }

    private static boolean readable(String s) {
        if (s.length() > READABLE) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= ' ' || c >= 0x7f) {
                return false;
            }
        }
        return true;
    }

    private static byte[] serialized(Object key) {
        if (!(key instanceof Serializable)) {
            throw new IllegalArgumentException("a key of type " + key.getClass().getName()
                    + " is neither a string, a number, a UUID nor Serializable, so it has no form that is equal"
                    + " on every JVM; use a record or a string as the key");
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(key);
        } catch (IOException e) {
            throw new IllegalArgumentException("the key of type " + key.getClass().getName()
                    + " could not be serialised: " + e.getMessage(), e);
        }
        return bytes.toByteArray();
    }

    /** SHA-256 of the bytes in URL-safe base64 without padding: 43 characters of {@code [A-Za-z0-9_-]}. */
    static String digest(byte[] bytes) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(bytes);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
