package dev.larder.servlet;

import dev.larder.http.StaleWindows;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.Map;

/**
 * The stale half of the page cache (RFC 5861): what a found page may be used for now, and
 * answering with a stale page, while another request renders it again or in place of a
 * rendering that failed.
 */
final class StalePages {
    private static final System.Logger LOG = System.getLogger("dev.larder.servlet");

    private final PageSettings settings;
    private final Clock clock;
    private final Hits hits;
    /** Names the page cache in log lines, as its other parts do. */
    private final String what;

    StalePages(PageSettings settings, Clock clock, Hits hits, String what) {
        this.settings = settings;
        this.clock = clock;
        this.hits = hits;
        this.what = what;
    }

    StaleWindows.Phase phase(StoredPage page) {
        return page.phase(clock.millis());
    }

    /** {@code page}, if it may stand in for a failed rendering of it now; else {@code null}. */
    StoredPage fallback(StoredPage page) {
        return page != null && page.coversError(clock.millis()) ? page : null;
    }

    void serve(StoredPage page, HttpServletRequest request, HttpServletResponse response) throws IOException {
        hits.serve(page, request, response, PageEvent.STALE);
    }

    /**
     * For a rendering that failed ({@code failure} thrown, or {@code rendered} a 500, 502, 503
     * or 504): answers with {@code fallback} instead, when there is one and nothing of the
     * failed response has gone out. The headers that filters further out had set are kept; the
     * failed rendering's are dropped with it.
     *
     * @return false when the failure must be answered as it is
     */
    boolean answeredStale(StoredPage fallback, HttpServletRequest request, HttpServletResponse response,
            CapturedResponse rendered, Throwable failure) throws IOException {
        if (fallback == null || rendered.passedThrough() || response.isCommitted()) {
            return false;
        }
        try {
            response.reset();
        } catch (IllegalStateException committed) {
            return false;
        }
        for (Map.Entry<String, String> h : rendered.preexisting()) {
            if (!settings.isStatusMark(h.getKey(), h.getValue())) {
                response.addHeader(h.getKey(), h.getValue());
            }
        }
        // The failure is hidden from the client, so it must not be hidden from the log.
        LOG.log(System.Logger.Level.WARNING, () -> what + ": serving a stale page of " + request.getRequestURI()
                + " in place of a failed rendering (" + (failure != null ? failure : "status " + rendered.getStatus())
                + ")");
        serve(fallback, request, response);
        return true;
    }
}
