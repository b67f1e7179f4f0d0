package dev.larder.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link Clock} that moves only when told to, for testing expiry without sleeping.
 *
 * <pre>{@code
 * FakeClock clock = new FakeClock();
 * CacheRegistry caches = CacheRegistry.builder().clock(clock).build();
 * caches.defaultCache().set("k", "v", Timeout.ofSeconds(10));
 * clock.advance(Duration.ofSeconds(10));   // now "k" has expired
 * }</pre>
 *
 * <p>Thread-safe. Two fake clocks are equal only if they are the same object.
 */
public final class FakeClock extends Clock {
    /** Where a new clock starts: 2026-01-01T00:00:00Z. */
    public static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private final AtomicLong millis;
    private final ZoneId zone;

    public FakeClock() {
        this(START);
    }

    public FakeClock(Instant start) {
        this(new AtomicLong(start.toEpochMilli()), ZoneOffset.UTC);
    }

    private FakeClock(AtomicLong millis, ZoneId zone) {
        this.millis = millis;
        this.zone = zone;
    }

    /** Moves the clock forward (or back, for a negative duration). */
    public FakeClock advance(Duration by) {
        millis.addAndGet(by.toMillis());
        return this;
    }

    public FakeClock advanceSeconds(long seconds) {
        return advance(Duration.ofSeconds(seconds));
    }

    public void set(Instant instant) {
        millis.set(instant.toEpochMilli());
    }

    @Override
    public long millis() {
        return millis.get();
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis.get());
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    /** A view in another zone that shares this clock's time. */
    @Override
    public Clock withZone(ZoneId newZone) {
        return new FakeClock(millis, Objects.requireNonNull(newZone));
    }

    @Override
    public String toString() {
        return "FakeClock[" + instant() + "]";
    }
}
