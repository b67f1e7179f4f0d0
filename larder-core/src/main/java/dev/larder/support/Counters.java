package dev.larder.support;

import dev.larder.CacheValueTypeException;
import dev.larder.spi.CacheKey;

/** The arithmetic of {@code incr} for backends that compute it themselves. */
public final class Counters {
    private Counters() {
    }

    /**
     * {@code current + delta}, where {@code current} is the decoded stored value (null when it
     * did not decode).
     *
     * @throws CacheValueTypeException if the value is not a {@code Long} or the sum overflows
     */
    public static long add(CacheKey key, Object current, long delta) {
        if (!(current instanceof Long n)) {
            throw new CacheValueTypeException("cannot incr key '" + key + "': it holds a "
                    + (current == null ? "value that does not decode" : current.getClass().getName())
                    + ", not an integer");
        }
        try {
            return Math.addExact(n, delta);
        } catch (ArithmeticException e) {
            throw new CacheValueTypeException("incr of key '" + key + "' by " + delta + " overflows long (value " + n + ")");
        }
    }
}
