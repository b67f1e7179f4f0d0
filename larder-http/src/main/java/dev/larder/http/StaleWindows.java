package dev.larder.http;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * How long a shared cache may serve a page past its freshness (RFC 5861): for
 * {@link #whileRevalidate} while one request renders it again, and for {@link #ifError} when
 * rendering it again fails (an exception, or a 500, 502, 503 or 504).
 *
 * <pre>{@code
 * StaleWindows configured = StaleWindows.of(Duration.ofSeconds(30), Duration.ofMinutes(10));
 * StaleWindows w = StaleWindows.resolve(response, configured);   // the response's directives win
 * Duration keep = w.keep(decision.timeout());                    // how long to keep the page physically
 * StaleWindows.Phase p = w.phase(storedAt, decision.timeout(), now);
 * }</pre>
 *
 * <p><b>Precedence.</b> A response's own {@code stale-while-revalidate=N} or
 * {@code stale-if-error=N} beats the configured window of the same name, in both directions
 * ({@code =0} turns it off), as a response's {@code max-age} beats a configured default
 * timeout: the origin knows how stale its content may be. A directive that is bare or whose
 * value is not delta-seconds is ignored (RFC 9111 §4.2.1, §5.2: a cache ignores an invalid
 * directive value), and the configured window applies. Request directives are not read.
 *
 * <p>Immutable and thread-safe; every function is pure, with the time passed in.
 *
 * @param whileRevalidate how long a stale page is served while one request renders it again
 * @param ifError how long a stale page is served in place of a failed rendering
 */
public record StaleWindows(Duration whileRevalidate, Duration ifError) {
    /** The longest window: 2^31 seconds, about 68 years (declared first: {@link #NONE} needs it). */
    public static final Duration MAX_WINDOW = Duration.ofSeconds(1L << 31);
    /** No stale serving: a page is served while fresh, never after. */
    public static final StaleWindows NONE = new StaleWindows(Duration.ZERO, Duration.ZERO);

    /** RFC 5861 §3 and §4's directive names. */
    public static final String WHILE_REVALIDATE = "stale-while-revalidate";
    public static final String IF_ERROR = "stale-if-error";

    /** What a stored page may be used for at a given moment. */
    public enum Phase {
        /** Fresh: served as a hit. */
        FRESH,
        /** Stale inside the while-revalidate window: one request renders, the others get it at once. */
        REVALIDATE,
        /** Stale past the while-revalidate window, inside the if-error window: render, and fall back to it on failure. */
        IF_ERROR,
        /** Past every window: a miss. */
        EXPIRED
    }

    /**
     * @throws NullPointerException if a window is null
     * @throws IllegalArgumentException if a window is negative, naming it and its value; a window
     *                                  over {@link #MAX_WINDOW} is taken as that
     */
    public StaleWindows {
        nonNegative(WHILE_REVALIDATE, whileRevalidate);
        nonNegative(IF_ERROR, ifError);
        // RFC 9111 §1.2.2: a delta-seconds past 2^31 is taken as 2^31; so is any longer window,
        // so that no sum of times made from one can overflow.
        whileRevalidate = capped(whileRevalidate);
        ifError = capped(ifError);
    }

    private static Duration capped(Duration d) {
        return d.compareTo(MAX_WINDOW) > 0 ? MAX_WINDOW : d;
    }

    /** The two windows; zero turns one off. */
    public static StaleWindows of(Duration whileRevalidate, Duration ifError) {
        return new StaleWindows(whileRevalidate, ifError);
    }

    /** Whether both windows are zero: pages are kept and served exactly as without this feature. */
    public boolean isNone() {
        return whileRevalidate.isZero() && ifError.isZero();
    }

    /**
     * The windows for a response: each of its {@code stale-while-revalidate} and
     * {@code stale-if-error} directives with a delta-seconds value, else the configured window.
     */
    public static StaleWindows resolve(HeaderSource response, StaleWindows configured) {
        return resolve(CacheControl.parse(HeaderSyntax.values(response, "Cache-Control")), configured);
    }

    /** {@link #resolve(HeaderSource, StaleWindows)} on a parsed {@code Cache-Control}. */
    public static StaleWindows resolve(CacheControl cc, StaleWindows configured) {
        Objects.requireNonNull(configured, "configured");
        return new StaleWindows(window(cc, WHILE_REVALIDATE, configured.whileRevalidate),
                window(cc, IF_ERROR, configured.ifError));
    }

    /** How long to keep a page that is fresh for {@code fresh}: through the longer of the two windows. */
    public Duration keep(Duration fresh) {
        return fresh.plus(whileRevalidate.compareTo(ifError) >= 0 ? whileRevalidate : ifError);
    }

    /**
     * What a page stored at {@code storedAt}, fresh for {@code fresh}, may be used for at
     * {@code now}. Freshness ends at {@code storedAt + fresh} exactly (RFC 9111 §4.2: fresh
     * while its age is less than its lifetime); each window ends the same way after it.
     */
    public Phase phase(Instant storedAt, Duration fresh, Instant now) {
        Duration stale = Duration.between(storedAt.plus(fresh), now);
        if (stale.isNegative()) {
            return Phase.FRESH;
        }
        if (stale.compareTo(whileRevalidate) < 0) {
            return Phase.REVALIDATE;
        }
        return stale.compareTo(ifError) < 0 ? Phase.IF_ERROR : Phase.EXPIRED;
    }

    /**
     * Whether a page stored at {@code storedAt}, fresh for {@code fresh}, may be served at
     * {@code now} in place of a rendering that failed: it is fresh, or stale by less than
     * {@link #ifError} (RFC 5861 §4).
     */
    public boolean coversError(Instant storedAt, Duration fresh, Instant now) {
        return Duration.between(storedAt.plus(fresh), now).compareTo(ifError) < 0;
    }

    /**
     * Whether a rendering that ended this way is a failure a stale page may stand in for
     * (RFC 5861 §4: "an error is any situation that would result in a 500, 502, 503, or 504").
     */
    public static boolean isError(int status) {
        return status == 500 || status == 502 || status == 503 || status == 504;
    }

    private static Duration window(CacheControl cc, String directive, Duration configured) {
        OptionalLong seconds = cc.argument(directive).map(CacheControl::deltaSeconds).orElse(OptionalLong.empty());
        return seconds.isPresent() ? Duration.ofSeconds(seconds.getAsLong()) : configured;
    }

    private static void nonNegative(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, got " + d);
        }
    }
}
