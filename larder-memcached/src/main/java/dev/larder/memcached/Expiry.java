package dev.larder.memcached;

import dev.larder.Timeout;
import java.time.Clock;
import java.time.Duration;

/**
 * Memcached's expiry argument. {@code 0} means "never"; a negative number, "already expired";
 * up to 30 days, seconds from now; above that, the server reads the number as a Unix time,
 * so longer timeouts are sent as one (Django's tickets 12399 and 22845). The server's clock
 * decides, so the Unix time comes from the wall clock, never a cache's test clock.
 *
 * <p>Memcached's clock ticks once a second, and an entry set just before a tick with expiry
 * {@code n} is gone {@code n - 1} seconds and a fraction later. One second is added to relative
 * expiries so that an entry lives at least its timeout (and less than a second more).
 */
final class Expiry {
    static final long THIRTY_DAYS = Duration.ofDays(30).toSeconds();

    private final Clock wallClock;

    Expiry(Clock wallClock) {
        this.wallClock = wallClock;
    }

    /** The expiry to send for a resolved timeout. Sub-second remainders round up. */
    int of(Timeout timeout) {
        if (timeout.isNever()) {
            return 0;
        }
        if (timeout.isExpired()) {
            return -1;
        }
        long millis = timeout.toMillis();
        long seconds = millis / 1000 + (millis % 1000 == 0 ? 0 : 1);
        if (seconds < THIRTY_DAYS) {
            return (int) seconds + 1;
        }
        long at = wallClock.millis() / 1000 + seconds;
        // Past 2038 the server's 32-bit time cannot say it; for a cache that is forever.
        return at > Integer.MAX_VALUE || at < 0 ? 0 : (int) at;
    }
}
