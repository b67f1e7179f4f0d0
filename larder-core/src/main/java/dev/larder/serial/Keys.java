package dev.larder.serial;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * The rule for the members of a hashed or sorted set and the keys of a map in Larder's format:
 * all of one class, and that class {@link Comparable}; big numbers of at most 4,096 bits and a
 * scale of at most 1,000; and in a hashed one, at most {@value #MAX_SHARED_HASH} keys sharing
 * one hash code, so keys chosen to collide cannot turn one read into a quadratic one. (Sets of sets are the classic case: never comparable, and with Java serialisation's
 * shared references, exponential to hash.)
 */
final class Keys {
    private Keys() {
    }

    /**
     * The most members of one hashed set or map that may share a hash code. A hash table
     * orders colliding keys in a tree only when their class is {@code Comparable} to itself
     * ({@code LocalDateTime} is not, and its hash codes are easy to make collide), so colliding
     * keys could otherwise cost a search each; past this many, real data has not collided by
     * chance. Checked in one pass when writing and when reading.
     */
    static final int MAX_SHARED_HASH = 16;

    /** Above this many bits a big number's comparisons (powers of ten of its scale) are not cheap. */
    static final int MAX_KEY_BITS = 4096;
    static final int MAX_KEY_SCALE = 1000;

    /** Null when the keys follow the rule, else why not. */
    static String violation(Object[] keys, boolean sorted) {
        String why = kinds(keys, sorted);
        return why != null || sorted ? why : collisions(keys);
    }

    private static String collisions(Object[] keys) {
        if (keys.length <= MAX_SHARED_HASH) {
            return null;
        }
        // Sorted hash codes: four bytes a key, and runs of equal ones are the collisions.
        int[] hashes = new int[keys.length];
        for (int i = 0; i < keys.length; i++) {
            hashes[i] = keys[i] == null ? 0 : keys[i].hashCode();
        }
        Arrays.sort(hashes);
        for (int i = MAX_SHARED_HASH; i < hashes.length; i++) {
            if (hashes[i] == hashes[i - MAX_SHARED_HASH]) {
                return "more than " + MAX_SHARED_HASH + " keys share the hash code " + hashes[i];
            }
        }
        return null;
    }

    private static String kinds(Object[] keys, boolean sorted) {
        Class<?> first = null;
        for (Object k : keys) {
            if (k == null) {
                if (sorted) {
                    return "a sorted collection holds null";
                }
                continue;
            }
            Class<?> c = classOf(k);
            if (first == null) {
                if (!Comparable.class.isAssignableFrom(c)) {
                    return "keys of " + c.getName() + " are not Comparable";
                }
                first = c;
            } else if (c != first) {
                return "keys of two classes, " + first.getName() + " and " + c.getName();
            }
            if (k instanceof BigDecimal d && (Math.abs(d.scale()) > MAX_KEY_SCALE
                    || d.unscaledValue().bitLength() > MAX_KEY_BITS)) {
                return "a BigDecimal key of scale " + d.scale() + " and " + d.unscaledValue().bitLength() + " bits";
            }
            if (k instanceof BigInteger b && b.bitLength() > MAX_KEY_BITS) {
                return "a BigInteger key of " + b.bitLength() + " bits";
            }
        }
        return null;
    }

    private static Class<?> classOf(Object k) {
        return k instanceof Enum<?> e ? e.getDeclaringClass() : k.getClass();
    }
}
