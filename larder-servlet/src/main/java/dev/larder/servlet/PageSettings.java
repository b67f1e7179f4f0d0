package dev.larder.servlet;

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
 */
record PageSettings(Duration timeout, Duration pageTimeout, String statusHeader, Duration stampedeWait,
        int maxPageBytes) {

    void markStatus(HttpServletResponse response, String status) {
        if (statusHeader != null) {
            response.setHeader(statusHeader, status);
        }
    }
}
