package dev.larder.spi;

import java.util.Objects;

/**
 * A value stored by {@code getOrSet} with its freshness, when the cache's
 * {@link dev.larder.LoadPolicy} asks for early refresh or a stale window. The store keeps it
 * past {@code freshUntilMillis} (by the longer stale window); caches read it as a miss once it
 * is no longer fresh, except where the policy lets {@code getOrSet} serve it stale.
 *
 * <p>The default serializer writes it as a record and always allows it. A serializer of your
 * own must write and read it back if a cache using it sets a load policy.
 *
 * @param value            the cached value, never null
 * @param freshUntilMillis when it stops being fresh, in epoch milliseconds of the writer's clock
 * @param loadMillis       how long the load that made it took (XFetch's δ), at least 1
 * @param loadId           a random number naming the load, so that a reloader can tell whether
 *                         the entry it read is still the one stored, whatever the writers' clocks
 */
public record TimedValue(Object value, long freshUntilMillis, long loadMillis, long loadId) {
    public TimedValue {
        Objects.requireNonNull(value, "value");
        if (value instanceof TimedValue) {
            throw new IllegalArgumentException("a TimedValue cannot hold another");
        }
        if (loadMillis < 0) {
            throw new IllegalArgumentException("loadMillis must not be negative, was " + loadMillis);
        }
    }

    /** Whether the value is fresh at {@code nowMillis}. */
    public boolean freshAt(long nowMillis) {
        return nowMillis < freshUntilMillis;
    }

    /** Whether {@code read} is this very entry, from the same load. */
    public boolean sameLoad(Object read) {
        return read instanceof TimedValue other && other.loadId == loadId && other.freshUntilMillis == freshUntilMillis;
    }

    /** {@code value} itself, or the value a {@code TimedValue} holds while fresh, else null. */
    public static Object unwrap(Object value, long nowMillis) {
        if (value instanceof TimedValue timed) {
            return timed.freshAt(nowMillis) ? timed.value : null;
        }
        return value;
    }
}
