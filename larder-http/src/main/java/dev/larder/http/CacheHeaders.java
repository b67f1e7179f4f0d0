package dev.larder.http;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Django's {@code patch_response_headers} and {@code add_never_cache_headers} as pure
 * functions: each reads the response's current headers and returns the ones to set, replacing
 * any field of the same name. A header that is to stay as it is, such as an existing
 * {@code Expires}, is not in the returned map.
 *
 * <pre>{@code
 * Map<String, String> set = CacheHeaders.responseHeaders(response, Duration.ofSeconds(2), now);
 * // {Expires=Sun, 17 Jul 2016 10:00:02 GMT, Cache-Control=max-age=2}
 * set.forEach(servletResponse::setHeader);
 * }</pre>
 *
 * <p>Stateless and thread-safe; the returned maps are unmodifiable and iterate in the order
 * {@code Expires}, {@code Cache-Control}.
 */
public final class CacheHeaders {
    private static final String EXPIRES = "Expires";
    private static final String CACHE_CONTROL = "Cache-Control";

    private CacheHeaders() {
    }

    /**
     * Django's {@code patch_response_headers}: {@code Expires = now + timeout} when the response
     * has no Expires, and {@code max-age} merged into Cache-Control keeping the smaller of the
     * existing value and the timeout. The timeout counts in whole seconds (fractions dropped);
     * a negative one counts as 0.
     */
    public static Map<String, String> responseHeaders(HeaderSource response, Duration timeout, Instant now) {
        long seconds = Math.max(0, timeout.getSeconds());
        Map<String, String> set = new LinkedHashMap<>();
        putExpiresIfAbsent(set, response, now, seconds);
        set.put(CACHE_CONTROL, cacheControl(response).withMaxAge(seconds).toString());
        return Collections.unmodifiableMap(set);
    }

    /**
     * Django's {@code add_never_cache_headers}: {@code Expires = now} when absent, then
     * Cache-Control patched with {@code max-age=0, no-cache, no-store, must-revalidate, private}.
     * Existing directives stay in their place; {@code private} replaces a {@code public}.
     */
    public static Map<String, String> neverCacheHeaders(HeaderSource response, Instant now) {
        Map<String, String> set = new LinkedHashMap<>();
        putExpiresIfAbsent(set, response, now, 0);
        CacheControl never = cacheControl(response).withMaxAge(0)
                .withAll("no-cache", "no-store", "must-revalidate", "private");
        set.put(CACHE_CONTROL, never.toString());
        return Collections.unmodifiableMap(set);
    }

    private static void putExpiresIfAbsent(Map<String, String> set, HeaderSource response, Instant now, long seconds) {
        Objects.requireNonNull(now, "now");
        if (!HeaderSyntax.present(response, EXPIRES)) {
            set.put(EXPIRES, HttpDates.format(plusSaturating(now, seconds)));
        }
    }

    /** A timeout of centuries is "forever", not an overflow. */
    private static Instant plusSaturating(Instant now, long seconds) {
        long room = Instant.MAX.getEpochSecond() - now.getEpochSecond();
        return seconds >= room ? Instant.MAX : now.plusSeconds(seconds);
    }

    private static CacheControl cacheControl(HeaderSource response) {
        return CacheControl.parse(HeaderSyntax.values(response, CACHE_CONTROL));
    }
}
