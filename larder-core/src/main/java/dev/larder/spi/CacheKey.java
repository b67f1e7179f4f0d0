package dev.larder.spi;

import dev.larder.support.Keys;
import java.util.Objects;

/**
 * A stored key: the text a backend stores under ({@link #value()}), kept in two parts, the
 * {@code prefix:version:} head and the key the caller gave, so that an in-memory store can
 * hash and compare it without first building the joined string. Its hash code is the hash
 * code of {@link #value()}, computed from the parts' cached hashes.
 *
 * <p>Keys are ordered as their {@link #value()}s are, consistently with {@code equals}, so that
 * a hash map (local memory's) can keep keys whose hash codes collide in a balanced tree instead
 * of a list: a caller who picks keys with one {@code String} hash code cannot make every
 * lookup scan them all.
 *
 * <p>Backends that talk to a server or a disk use {@link #value()}; local memory uses the
 * object itself as its map key. Messages use {@link #toString()}, which escapes. Immutable and
 * thread-safe.
 */
public final class CacheKey implements Comparable<CacheKey> {
    private static final int[] POW31 = new int[257];

    static {
        POW31[0] = 1;
        for (int i = 1; i < POW31.length; i++) {
            POW31[i] = POW31[i - 1] * 31;
        }
    }

    private final String head;
    private final String tail;
    private final int hash;
    private String value;

    private CacheKey(String head, String tail) {
        this.head = head;
        this.tail = tail;
        // Every use of a key starts with a hash lookup, so compute it now, from the parts'
        // cached hashes, and keep the lookup path free of branches.
        this.hash = head.hashCode() * pow31(tail.length()) + tail.hashCode();
    }

    /** The key {@code head + tail}, kept in its two parts. */
    public static CacheKey of(String head, String tail) {
        return new CacheKey(Objects.requireNonNull(head, "head"), Objects.requireNonNull(tail, "tail"));
    }

    /** A key already joined, as a custom key function makes it. */
    public static CacheKey of(String value) {
        return new CacheKey("", Objects.requireNonNull(value, "value"));
    }

    /** The stored key as text, as {@code prefix:version:key} by default. */
    public String value() {
        String v = value;
        if (v == null) {
            v = head.isEmpty() ? tail : head.concat(tail);
            value = v;
        }
        return v;
    }

    /** The length of {@link #value()}. */
    public int length() {
        return head.length() + tail.length();
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof CacheKey k) || k.hash != hash) {
            return false;
        }
        if (head.length() == k.head.length()) {
            return head.equals(k.head) && tail.equals(k.tail);
        }
        return value().equals(k.value());
    }

    /**
     * Compares the {@link #value()}s lexicographically (as {@link String#compareTo} does), without
     * joining either key's parts.
     */
    @Override
    public int compareTo(CacheKey other) {
        if (head.equals(other.head)) {
            return tail.compareTo(other.tail);
        }
        int n = Math.min(length(), other.length());
        for (int i = 0; i < n; i++) {
            char a = charAt(i);
            char b = other.charAt(i);
            if (a != b) {
                return a - b;
            }
        }
        return length() - other.length();
    }

    private char charAt(int i) {
        int h = head.length();
        return i < h ? head.charAt(i) : tail.charAt(i - h);
    }

    /**
     * The key for a message or a log line: {@link #value()} with control characters escaped and
     * a very long key shortened (see {@link Keys#printable}). Never the text to store under.
     */
    @Override
    public String toString() {
        return Keys.printable(value());
    }

    /** 31 to the power n, as {@code int} arithmetic wraps it (String's hash). */
    private static int pow31(int n) {
        if (n < POW31.length) {
            return POW31[n];
        }
        int result = POW31[POW31.length - 1];
        for (int i = POW31.length - 1; i < n; i++) {
            result *= 31;
        }
        return result;
    }
}
