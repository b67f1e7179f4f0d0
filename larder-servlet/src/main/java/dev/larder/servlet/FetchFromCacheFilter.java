package dev.larder.servlet;

import dev.larder.http.StoragePolicy;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
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
public class FetchFromCacheFilter implements Filter {
    /** Request attribute carrying the pending store from fetch to update (Django's {@code _cache_update_cache}). */
    static final String PENDING_ATTRIBUTE = "dev.larder.servlet.pendingUpdate";
    /** Set by {@link UpdateCacheFilter} on the way in, so a missing update filter is noticed. */
    static final String UPDATE_PRESENT_ATTRIBUTE = "dev.larder.servlet.updatePresent";

    private final AtomicBoolean warnedAlone = new AtomicBoolean();
    private PageCache pages;

    public FetchFromCacheFilter() {
    }

    public FetchFromCacheFilter(PageCache pages) {
        this.pages = pages;
    }

    @Override
    public void init(FilterConfig config) throws ServletException {
        if (pages == null) {
            pages = FilterSettings.pageCache(config);
        }
    }

    public PageCache pageCache() {
        return pages;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse resp, FilterChain chain)
            throws IOException, ServletException {
        if (!(req instanceof HttpServletRequest request) || !(resp instanceof HttpServletResponse response)
                || !StoragePolicy.mayLookup(request.getMethod())) {
            chain.doFilter(req, resp);
            return;
        }
        Lookup lookup = pages.lookup(request);
        if (lookup.hit() != null) {
            Hits.serve(pages, lookup.hit(), request, response);
            return;
        }
        if (lookup.failed()) {
            pages.bypass(response);
            chain.doFilter(request, response);
            return;
        }
        Flights.Ticket ticket = pages.flights.join(lookup.flightKey());
        if (pages.answeredByLeader(ticket, request, response)) {
            return;
        }
        miss(request, response, chain, new Pending(pages, lookup, ticket));
    }

    private void miss(HttpServletRequest request, HttpServletResponse response, FilterChain chain, Pending pending)
            throws IOException, ServletException {
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

    /** A miss waiting for the update filter: what to store it with, and who waits for it. */
    record Pending(PageCache pages, Lookup lookup, Flights.Ticket ticket) {
        void complete(StoredPage page) {
            ticket.complete(page);
        }
    }
}
