package dev.larder.servlet;

import dev.larder.support.SingleFlight;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The fetch half of Django's two-phase per-site cache. It goes <em>last</em> in the filter
 * chain (it runs last on the request), {@link UpdateCacheFilter} goes <em>first</em> (it runs
 * last on the response), and every filter that adds {@code Vary} or cookies sits between
 * them, so the stored key sees their headers (Django §5).
 *
 * <p>On a hit it answers from the cache and the view does not run; on a miss it tells the
 * update filter, through a request attribute, to store what the view renders. The cache
 * settings (alias, prefix, timeouts) are this filter's; the update filter stores with them.
 */
public class FetchFromCacheFilter extends PageFilter {
    /** Request attribute carrying the pending store from fetch to update (Django's {@code _cache_update_cache}). */
    static final String PENDING_ATTRIBUTE = "dev.larder.servlet.pendingUpdate";
    /** Set by {@link UpdateCacheFilter} on the way in, so a missing update filter is noticed. */
    static final String UPDATE_PRESENT_ATTRIBUTE = "dev.larder.servlet.updatePresent";

    private final AtomicBoolean warnedAlone = new AtomicBoolean();

    /** Configured from init-params when the container initialises it. */
    public FetchFromCacheFilter() {
        super(null);
    }

    public FetchFromCacheFilter(PageCache pages) {
        super(pages);
    }

    @Override
    void miss(HttpServletRequest request, HttpServletResponse response, FilterChain chain, Lookup lookup,
            SingleFlight<String, StoredPage>.Flight ticket, StoredPage fallback) throws IOException, ServletException {
        Pending pending = new Pending(pages, request, lookup, ticket, fallback);
        pages.miss(response);
        if (request.getAttribute(UPDATE_PRESENT_ATTRIBUTE) == null) {
            pending.complete(null);
            if (warnedAlone.compareAndSet(false, true)) {
                System.getLogger("dev.larder.servlet").log(Level.WARNING, "FetchFromCacheFilter runs without an"
                        + " UpdateCacheFilter before it in the chain: pages are looked up but never stored");
            }
            chain.doFilter(request, response);
            return;
        }
        request.setAttribute(PENDING_ATTRIBUTE, pending);
        chain.doFilter(request, response);
    }

    /**
     * A miss waiting for the update filter: what to store it with, who waits for it, and the
     * stale page that answers if its rendering fails ({@code null} if none).
     */
    record Pending(PageCache pages, HttpServletRequest request, Lookup lookup,
            SingleFlight<String, StoredPage>.Flight ticket, StoredPage fallback) {
        void complete(StoredPage page) {
            ticket.complete(page);
        }
    }
}
