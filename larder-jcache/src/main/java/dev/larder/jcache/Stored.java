package dev.larder.jcache;

import dev.larder.support.Keys;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What one JCache entry is in the store: the key itself (for iteration and to check a read
 * against hash collisions), the value, when it expires ({@link #ETERNAL} for never, so that
 * every JVM sees the same expiry whatever the backend's clock granularity), and a random
 * stamp drawn at each write. Two stored entries are equal when their stamps are: a
 * conditional write asks "is this still the write I read?", which holds whatever the value's
 * class does with {@code equals}.
 */
record Stored(Object key, Object value, long expiresAt, long stamp) {
    static final long ETERNAL = Long.MAX_VALUE;

    static Stored of(Object key, Object value, long expiresAt) {
        return new Stored(key, value, expiresAt, ThreadLocalRandom.current().nextLong());
    }

    boolean expiredAt(long nowMillis) {
        return expiresAt <= nowMillis;
    }

    Stored withValue(Object next, long nextExpiresAt) {
        return of(key, next, nextExpiresAt);
    }

    Stored withExpiry(long nextExpiresAt) {
        return of(key, value, nextExpiresAt);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Stored s && s.stamp == stamp && s.expiresAt == expiresAt;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(stamp);
    }

    @Override
    public String toString() {
        return "Stored[" + Keys.printable(String.valueOf(key)) + ", expires " + expiresAt + "]";
    }
}
