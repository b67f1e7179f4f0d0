package dev.larder.servlet;

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

    /** Renders a miss this request leads; it must complete {@code ticket}, whatever happens. */
    abstract void miss(HttpServletRequest request, HttpServletResponse response, FilterChain chain, Lookup lookup,
            SingleFlight<String, StoredPage>.Flight ticket) throws IOException, ServletException;

    @Override
    void filter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        Lookup lookup = StoragePolicy.mayLookup(request.getMethod()) ? pages.lookup(request) : null;
        if (lookup == null || lookup.failed()) {
            pages.bypass(response);
            chain.doFilter(request, response);
        } else if (lookup.hit() != null) {
            pages.serve(lookup.hit(), request, response);
        } else {
            SingleFlight<String, StoredPage>.Flight ticket = pages.join(lookup.flightKey());
            if (!pages.answeredByLeader(ticket, request, response)) {
                miss(request, response, chain, lookup, ticket);
            }
        }
    }
}
