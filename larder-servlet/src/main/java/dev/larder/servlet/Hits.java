package dev.larder.servlet;

import dev.larder.http.Conditional;
import dev.larder.support.Tally;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;

/** The serving half of the page cache: answers a request from a stored page. */
final class Hits {
    private final PageSettings settings;
    private final Clock clock;
    private final Tally<PageEvent> tally;

    Hits(PageSettings settings, Clock clock, Tally<PageEvent> tally) {
        this.settings = settings;
        this.clock = clock;
        this.tally = tally;
    }

    /**
     * Writes the stored page: a 304 or 412 when the request's preconditions say so (RFC 9110
     * §13.2.2, against the stored ETag and Last-Modified), headers without a body for HEAD,
     * and an {@code Age} header (RFC 9111 §5.1) so downstream caches do not extend the
     * page's freshness by the time it already spent here.
     */
    void serve(StoredPage page, HttpServletRequest request, HttpServletResponse response) throws IOException {
        serve(page, request, response, PageEvent.HIT);
    }

    /**
     * {@link #serve(StoredPage, HttpServletRequest, HttpServletResponse)}, saying and counting
     * {@code event} ({@link PageEvent#HIT} or {@link PageEvent#STALE}). A stale page is
     * answered exactly as a hit is, 304s included; its {@code Age} is past its max-age, which
     * tells downstream caches it is stale (RFC 9111 §4.2.4). No {@code Warning} header: RFC
     * 9111 §5.5 made it obsolete.
     */
    void serve(StoredPage page, HttpServletRequest request, HttpServletResponse response, PageEvent event)
            throws IOException {
        Conditional.Outcome outcome = isConditional(request)
                ? Conditional.evaluate(request.getMethod(), Exchanges.requestHeaders(request), page.etag(),
                        page.lastModified())
                : Conditional.Outcome.PROCEED;
        response.setStatus(switch (outcome) {
            case PROCEED -> HttpServletResponse.SC_OK;
            case NOT_MODIFIED -> HttpServletResponse.SC_NOT_MODIFIED;
            case PRECONDITION_FAILED -> HttpServletResponse.SC_PRECONDITION_FAILED;
        });
        // RFC 9110 §15.4.5: a 304 carries the validator and caching headers, nothing else.
        page.addHeaders(response, outcome != Conditional.Outcome.PROCEED);
        response.setHeader("Age", page.ageAt(clock.millis()));
        settings.markStatus(response, event.name());
        tally.count(event);
        if (outcome == Conditional.Outcome.PROCEED) {
            // A stored HEAD has no body: its Content-Length is stored, or unknown (RFC 9110 §8.6).
            boolean headWithoutBody = "HEAD".equals(request.getMethod()) && page.bodyLength() == 0;
            if (!page.hasContentLength() && !headWithoutBody) {
                response.setContentLength(page.bodyLength());
            }
            if (!"HEAD".equals(request.getMethod())) {
                page.writeBody(response.getOutputStream());
            }
        }
    }

    /** Most requests carry no precondition: skip evaluating one for them. */
    private static boolean isConditional(HttpServletRequest request) {
        return request.getHeader("If-None-Match") != null || request.getHeader("If-Modified-Since") != null
                || request.getHeader("If-Match") != null || request.getHeader("If-Unmodified-Since") != null;
    }
}
