package dev.larder.support;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * MD5 as Larder's keys use it (file names, Django's page and fragment keys, ETags): never for
 * security, only where Django's formats or a short fixed-length name need it. Digests are
 * cloned from one prototype, cheaper than a provider lookup per call. Thread-safe.
 */
public final class Md5 {
    // Every Java SE platform must provide MD5 (MessageDigest Javadoc).
    private static final MessageDigest PROTOTYPE = lookup();

    private Md5() {
    }

    /** A fresh digest, for input given in pieces. */
    public static MessageDigest newDigest() {
        try {
            return (MessageDigest) PROTOTYPE.clone();
        } catch (CloneNotSupportedException e) {
            return lookup();
        }
    }

    /** The lower-case hex MD5 of {@code bytes}. */
    public static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(newDigest().digest(bytes));
    }

    /** The lower-case hex MD5 of {@code text} in UTF-8. */
    public static String hex(String text) {
        return hex(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The lower-case hex of what {@code digest} has taken in so far (which it then resets). */
    public static String hex(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest lookup() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is missing from this JVM", e);
        }
    }
}
