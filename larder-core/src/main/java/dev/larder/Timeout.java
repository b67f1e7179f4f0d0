package dev.larder;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long an entry is kept: the cache's {@linkplain #DEFAULT default}, {@linkplain #NEVER
 * never expire}, or a {@link Duration}. A zero duration means "do not keep" (a {@code set}
 * stores nothing and removes what was there; an {@code add} reports success but a following
 * {@code get} misses, as in Django); a negative duration given to a call is already expired
 * and behaves the same (Django's negative timeout). Configuration takes no negative timeout:
 * {@link #parse} refuses one, and so does a cache's default timeout
 * ({@link CacheConfig.Builder#timeout}), because {@code -1} there reads as "no limit" to many
 * and would store nothing.
 *
 * <p>Durations are kept to the millisecond, rounding a sub-millisecond remainder up, so a
 * positive duration never becomes "do not keep". An expiry that would fall beyond what a
 * {@code long} of epoch milliseconds can hold is treated as "never": a timeout of a billion
 * years is, for a cache, forever.
 *
 * <pre>{@code
 * cache.set("greeting", "hello", Timeout.ofMinutes(5));
 * cache.set("config", config, Timeout.NEVER);
 * cache.touch("session:42", Timeout.of(Duration.ofHours(1)));
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class Timeout {
    /** The cache's configured default timeout. */
    public static final Timeout DEFAULT = new Timeout(Kind.DEFAULT, 0);
    /** The entry never expires (it may still be evicted to honour a size bound). */
    public static final Timeout NEVER = new Timeout(Kind.NEVER, 0);
    /**
     * Do not keep (Django's {@code 0}): the entry expires at once. Not to be confused with
     * {@code parse("none")}, which is Django's {@code None}, that is {@link #NEVER}.
     */
    public static final Timeout ZERO = new Timeout(Kind.DURATION, 0);

    private static final Pattern SIMPLE = Pattern.compile("(-?\\d+)\\s*(ms|s|m|h|d)?");

    private enum Kind { DEFAULT, NEVER, DURATION }

    private final Kind kind;
    private final long millis;

    private Timeout(Kind kind, long millis) {
        this.kind = kind;
        this.millis = millis;
    }

    /**
     * A timeout of the given duration; zero means "do not keep", a negative duration is
     * already expired.
     *
     * @throws NullPointerException if {@code duration} is null
     */
    public static Timeout of(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        return new Timeout(Kind.DURATION, toMillisRoundingUp(duration));
    }

    /** A timeout of whole seconds; an amount too large for a {@code long} of milliseconds is "never". */
    public static Timeout ofSeconds(long seconds) {
        return ofUnits(seconds, 1000);
    }

    /** A timeout of whole minutes; an amount too large for a {@code long} of milliseconds is "never". */
    public static Timeout ofMinutes(long minutes) {
        return ofUnits(minutes, 60_000);
    }

    /** A timeout in milliseconds; zero means "do not keep", a negative amount is already expired. */
    public static Timeout ofMillis(long millis) {
        return new Timeout(Kind.DURATION, millis);
    }

    private static Timeout ofUnits(long amount, long millisPerUnit) {
        long high = Math.multiplyHigh(amount, millisPerUnit);
        long low = amount * millisPerUnit;
        if ((high == 0 && low >= 0) || (high == -1 && low < 0)) {
            return new Timeout(Kind.DURATION, low);
        }
        // Beyond ±292 million years: forever, or already expired.
        return amount > 0 ? new Timeout(Kind.DURATION, Long.MAX_VALUE) : new Timeout(Kind.DURATION, Long.MIN_VALUE);
    }

    /**
     * Parses a timeout as written in configuration: whole seconds ({@code 300}), a number
     * with a unit ({@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 7d}), an
     * ISO-8601 duration ({@code PT5M}), or {@code never}/{@code forever}/{@code none}.
     * {@code 0} means "do not keep".
     *
     * @throws IllegalArgumentException naming the text when it is none of these, or negative
     */
    public static Timeout parse(String text) {
        Objects.requireNonNull(text, "text");
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("never") || t.equals("forever") || t.equals("none")) {
            return NEVER;
        }
        Duration duration = parseDuration(text, t);
        if (duration.isNegative()) {
            throw new IllegalArgumentException("'" + text + "' is a negative timeout: write 0 to keep nothing"
                    + " or 'never' for no expiry");
        }
        return of(duration);
    }

    private static Duration parseDuration(String text, String t) {
        Matcher m = SIMPLE.matcher(t);
        try {
            if (m.matches()) {
                long amount = Long.parseLong(m.group(1));
                String unit = m.group(2) == null ? "s" : m.group(2);
                return switch (unit) {
                    case "ms" -> Duration.ofMillis(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    case "h" -> Duration.ofHours(amount);
                    case "d" -> Duration.ofDays(amount);
                    default -> Duration.ofSeconds(amount);
                };
            }
            if (t.startsWith("p") || t.startsWith("-p")) {
                return Duration.parse(t.toUpperCase(Locale.ROOT));
            }
        } catch (ArithmeticException | DateTimeParseException | NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a valid timeout: " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("'" + text + "' is not a valid timeout: use seconds (300), "
                + "a number with a unit (500ms, 30s, 5m, 2h, 7d), an ISO-8601 duration (PT5M) or 'never'");
    }

    /** True when this is a duration below zero, which a call takes as "already expired". */
    boolean isNegative() {
        return kind == Kind.DURATION && millis < 0;
    }

    /** True for {@link #DEFAULT}. */
    public boolean isDefault() {
        return kind == Kind.DEFAULT;
    }

    /** True for {@link #NEVER}. */
    public boolean isNever() {
        return kind == Kind.NEVER;
    }

    /** True when an entry with this timeout expires at once (zero or negative duration). */
    public boolean isExpired() {
        return kind == Kind.DURATION && millis <= 0;
    }

    /**
     * The duration of this timeout.
     *
     * @throws IllegalStateException for {@link #DEFAULT} and {@link #NEVER}, which have none
     */
    public Duration duration() {
        if (kind != Kind.DURATION) {
            throw new IllegalStateException("Timeout." + kind + " has no duration");
        }
        return Duration.ofMillis(millis);
    }

    /** The duration in milliseconds; only meaningful when neither default nor never. */
    public long toMillis() {
        return millis;
    }

    /** This timeout, or {@code fallback} when this is {@link #DEFAULT}. */
    public Timeout orDefault(Timeout fallback) {
        return kind == Kind.DEFAULT ? fallback : this;
    }

    /**
     * The absolute expiry in epoch milliseconds for an entry written at {@code nowMillis}:
     * {@link Long#MAX_VALUE} for never (and for an expiry too far away to represent). An
     * entry is expired when its expiry is at or before the current time.
     *
     * @throws IllegalStateException for {@link #DEFAULT}, which must be resolved first
     */
    public long expiresAt(long nowMillis) {
        return switch (kind) {
            case NEVER -> Long.MAX_VALUE;
            case DURATION -> saturatedAdd(nowMillis, millis);
            case DEFAULT -> throw new IllegalStateException("Timeout.DEFAULT must be resolved to the cache's default first");
        };
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        // Overflow happened iff both operands have the sign opposite to the result.
        if (((a ^ sum) & (b ^ sum)) < 0) {
            return b > 0 ? Long.MAX_VALUE : Long.MIN_VALUE;
        }
        return sum;
    }

    private static long toMillisRoundingUp(Duration d) {
        try {
            long ms = d.toMillis();
            Duration rest = d.minusMillis(ms);
            boolean remainder = !rest.isZero() && !rest.isNegative();
            // ms + 1 would wrap to Long.MIN_VALUE (already expired) just above Long.MAX_VALUE ms.
            return remainder && ms < Long.MAX_VALUE ? ms + 1 : ms;
        } catch (ArithmeticException e) {
            return d.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Timeout t && t.kind == kind && t.millis == millis;
    }

    @Override
    public int hashCode() {
        return kind.hashCode() * 31 + Long.hashCode(millis);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case DEFAULT -> "Timeout.DEFAULT";
            case NEVER -> "Timeout.NEVER";
            case DURATION -> "Timeout.of(" + Duration.ofMillis(millis) + ")";
        };
    }
}
