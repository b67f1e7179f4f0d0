package dev.larder.servlet;

import dev.larder.http.StaleWindows;
import dev.larder.http.StoragePolicy;
import dev.larder.support.SingleFlight;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * What {@link CacheFilter} and {@link FetchFromCacheFilter} share: the settings, and the
 * request side of Django §5.1. Only GET and HEAD are looked up; a hit is answered here; a
 * failing backend bypasses the cache; a miss joins the page's flight (stampede control), and
 * a request that is not its leader waits for the leader's page. What a leader does with its
 * miss is the subclass's {@link #miss}.
 *
 * <p>A found page past its freshness (RFC 5861): inside its while-revalidate window, the
 * request that leads the page's flight renders it again and the others are answered with it at
 * once, without waiting; past that window, inside its if-error window, it is a miss whose
 * failed rendering the stale page replaces; past both, a miss.
 */
abstract class PageFilter extends HttpOnlyFilter {
    PageCache pages;

    PageFilter(PageCache pages) {
        this.pages = pages;
    }

    @Override
    public void init(FilterConfig config) throws ServletException {
        if (pages == null) {
            pages = FilterSettings.pageCache(config);
        }
    }

    /** The page cache this filter reads (and, for {@link CacheFilter}, writes). */
    public PageCache pageCache() {
        return pages;
    }

    /**
     * Renders a miss this request leads; it must complete {@code ticket}, whatever happens.
     *
     * @param fallback a stale page to answer with if the rendering fails, or {@code null}
     */
    abstract void miss(HttpServletRequest request, HttpServletResponse response, FilterChain chain, Lookup lookup,
            SingleFlight<String, StoredPage>.Flight ticket, StoredPage fallback) throws IOException, ServletException;

    @Override
    void filter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        Lookup lookup = StoragePolicy.mayLookup(request.getMethod()) ? pages.lookup(request) : null;
        if (lookup == null || lookup.failed()) {
            pages.bypass(response);
            chain.doFilter(request, response);
        } else if (lookup.hit() == null) {
            render(request, response, chain, lookup, null);
        } else {
            found(request, response, chain, lookup);
        }
    }

    private void found(HttpServletRequest request, HttpServletResponse response, FilterChain chain, Lookup lookup)
            throws IOException, ServletException {
        StoredPage page = lookup.hit();
        switch (pages.phase(page)) {
            case FRESH -> pages.serve(page, request, response);
            case REVALIDATE -> revalidate(request, response, chain, lookup, page);
            case IF_ERROR -> render(request, response, chain, lookup.withoutHit(), page);
            case EXPIRED -> render(request, response, chain, lookup.withoutHit(), null);
        }
    }

    /** Inside the while-revalidate window: the flight's leader renders, the others get the stale page now. */
    private void revalidate(HttpServletRequest request, HttpServletResponse response, FilterChain chain,
            Lookup lookup, StoredPage stale) throws IOException, ServletException {
        SingleFlight<String, StoredPage>.Flight ticket = pages.join(lookup.flightKey());
        if (!ticket.leader()) {
            pages.serveStale(stale, request, response);
            return;
        }
        // A leader that finished between this request's lookup and its join stored a fresh page: read once more.
        StoredPage now = pages.lookup(request).hit();
        if (now != null && pages.phase(now) == StaleWindows.Phase.FRESH) {
            ticket.complete(now);
            pages.serve(now, request, response);
        } else {
            miss(request, response, chain, lookup.withoutHit(), ticket, pages.fallback(stale));
        }
    }

    /** A miss: joins the page's flight, waits for its leader or leads it. */
    private void render(HttpServletRequest request, HttpServletResponse response, FilterChain chain, Lookup lookup,
            StoredPage stale) throws IOException, ServletException {
        SingleFlight<String, StoredPage>.Flight ticket = pages.join(lookup.flightKey());
        if (!pages.answeredByLeader(ticket, request, response)) {
            miss(request, response, chain, lookup, ticket, pages.fallback(stale));
        }
    }
}
