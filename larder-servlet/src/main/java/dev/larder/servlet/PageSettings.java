package dev.larder.servlet;

import dev.larder.http.StaleWindows;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;

/**
 * The page cache's settings that its parts read, each checked by the builder.
 *
 * @param timeout how long to keep a page whose response has no max-age
 * @param pageTimeout Django's {@code cache_page(timeout)}, or {@code null}
 * @param statusHeader the header that says HIT, MISS or BYPASS, or {@code null} for none
 * @param stampedeWait how long a request waits for another rendering the same page; zero: not at all
 * @param maxPageBytes bodies larger than this are sent as they are written and not stored
 * @param serverTiming whether to add a {@code Server-Timing} entry naming HIT, MISS or BYPASS
 * @param stale the configured stale windows (RFC 5861), which a response's own directives beat
 */
record PageSettings(Duration timeout, Duration pageTimeout, String statusHeader, Duration stampedeWait,
        int maxPageBytes, boolean serverTiming, StaleWindows stale) {
    /** The Server-Timing metric name (W3C Server Timing); a page's script reads it from the navigation entry. */
    static final String TIMING_METRIC = "larder-page";

    void markStatus(HttpServletResponse response, String status) {
        if (statusHeader != null) {
            response.setHeader(statusHeader, status);
        }
        if (serverTiming) {
            response.addHeader("Server-Timing", TIMING_METRIC + ";desc=\"" + status + "\"");
        }
    }

    /** Whether a response header line is one {@link #markStatus} wrote: it belongs to one request, never to a stored page. */
    boolean isStatusMark(String name, String value) {
        return name.equalsIgnoreCase(statusHeader)
                || serverTiming && name.equalsIgnoreCase("Server-Timing") && value.startsWith(TIMING_METRIC + ";");
    }
}
