package dev.larder.servlet;

import dev.larder.http.StoragePolicy;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The update half of Django's two-phase per-site cache: it goes <em>first</em> in the filter
 * chain, holds the response back while the rest of the chain runs, and stores it when
 * {@link FetchFromCacheFilter} (last in the chain) missed and the storage rules allow. A
 * request the fetch filter answered, or never looked up, passes through unchanged: update
 * without fetch stores nothing (Django §5.2 step 1).
 *
 * <p>Its only setting is {@code max-page-bytes} (init-param or constructor), the largest body
 * it holds back; the cache settings are the fetch filter's.
 */
public class UpdateCacheFilter extends HttpOnlyFilter {
    private int maxPageBytes = PageCache.DEFAULT_MAX_PAGE_BYTES;

    public UpdateCacheFilter() {
    }

    public UpdateCacheFilter(int maxPageBytes) {
        if (maxPageBytes <= 0) {
            throw new IllegalArgumentException("maxPageBytes must be positive, got " + maxPageBytes);
        }
        this.maxPageBytes = maxPageBytes;
    }

    @Override
    public void init(FilterConfig config) throws ServletException {
        if (config.getInitParameter("max-page-bytes") != null) {
            long n = FilterSettings.number(config, "max-page-bytes", maxPageBytes);
            maxPageBytes = (int) Math.max(1, Math.min(Integer.MAX_VALUE, n));
        }
    }

    @Override
    void filter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!StoragePolicy.mayLookup(request.getMethod())) {
            chain.doFilter(request, response);
            return;
        }
        request.setAttribute(FetchFromCacheFilter.UPDATE_PRESENT_ATTRIBUTE, Boolean.TRUE);
        // The fetch filter decides on the way in whether a stale page may replace an error.
        CapturedResponse captured = new CapturedResponse(response, maxPageBytes, () -> { },
                () -> fallback(request) != null && !request.isAsyncStarted());
        try {
            if (!rendered(request, response, chain, captured)) {
                return;
            }
            FetchFromCacheFilter.Pending pending = pending(request);
            if (pending != null && request.isAsyncStarted()) {
                captured.releaseHeldError();
                captured.passThrough();
                return;
            }
            if (captured.failed() && pending != null
                    && pending.pages().answeredStale(pending.fallback(), request, response, captured, null)) {
                return;
            }
            captured.releaseHeldError();
            if (pending != null) {
                // Keyed by the request the fetch filter looked up, not this outer one: a wrapper
                // between the two may change headers the page varies on.
                pending.complete(pending.pages().update(pending.request(), captured, pending.lookup()));
            }
            captured.send();
        } finally {
            FetchFromCacheFilter.Pending pending = pending(request);
            if (pending != null) {
                request.removeAttribute(FetchFromCacheFilter.PENDING_ATTRIBUTE);
                pending.complete(null);
            }
        }
    }

    /** Runs the chain; false when the view threw and a stale page answered instead (RFC 5861 §4). */
    private static boolean rendered(HttpServletRequest request, HttpServletResponse response, FilterChain chain,
            CapturedResponse captured) throws IOException, ServletException {
        try {
            chain.doFilter(request, captured);
            return true;
        } catch (IOException | ServletException | RuntimeException e) {
            FetchFromCacheFilter.Pending pending = pending(request);
            if (pending != null && pending.pages().answeredStale(pending.fallback(), request, response, captured, e)) {
                return false;
            }
            throw e;
        }
    }

    private static StoredPage fallback(HttpServletRequest request) {
        FetchFromCacheFilter.Pending pending = pending(request);
        return pending == null ? null : pending.fallback();
    }

    private static FetchFromCacheFilter.Pending pending(HttpServletRequest request) {
        Object value = request.getAttribute(FetchFromCacheFilter.PENDING_ATTRIBUTE);
        return value instanceof FetchFromCacheFilter.Pending p ? p : null;
    }
}
