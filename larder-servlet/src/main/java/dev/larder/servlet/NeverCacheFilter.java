package dev.larder.servlet;

import dev.larder.http.CacheHeaders;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.util.Objects;

/**
 * Django's {@code never_cache}: after the view, the response says
 * {@code Cache-Control: max-age=0, no-cache, no-store, must-revalidate, private} and, unless it
 * has one, {@code Expires} now. No cache, Larder's or downstream, stores it.
 */
public class NeverCacheFilter extends HeaderPatchingFilter {
    private final Clock clock;

    public NeverCacheFilter() {
        this(Clock.systemUTC());
    }

    public NeverCacheFilter(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    void patch(HttpServletRequest request, HttpServletResponse response) {
        CacheHeaders.neverCacheHeaders(Exchanges.responseHeaders(response), clock.instant())
                .forEach(response::setHeader);
    }
}
