package dev.larder.servlet;

import dev.larder.support.SingleFlight;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Django's {@code CacheMiddleware}: looks a GET or HEAD up, answers hits from the cache, and
 * renders and stores misses, in one filter. Map it to {@code /*} for the whole site, or to
 * URL patterns or servlet names with a {@link PageCache.Builder#pageTimeout page timeout} for
 * per-view caching (Django's {@code cache_page}):
 *
 * <pre>{@code
 * PageCache news = PageCache.builder(caches.defaultCache()).pageTimeout(Duration.ofMinutes(15)).build();
 * context.addFilter("newsCache", new CacheFilter(news))
 *        .addMappingForServletNames(null, false, "newsServlet");
 * }</pre>
 *
 * <p>Register it <em>before</em> (outside) every filter that adds {@code Vary} or cookies
 * (sessions, compression, locale): it must see the response they produce, or the key it
 * learns misses their headers (Django ticket #15855).
 *
 * <p>While one request renders a page, others for the same page wait for it (bounded by
 * {@link PageCache.Builder#stampedeWait}) and are answered from its result. Without a
 * {@link PageCache} given, it is configured from init-params (see {@code FilterSettings}).
 */
public class CacheFilter extends PageFilter {

    /** Configured from init-params when the container initialises it. */
    public CacheFilter() {
        super(null);
    }

    public CacheFilter(PageCache pages) {
        super(pages);
    }

    @Override
    void miss(HttpServletRequest request, HttpServletResponse response, FilterChain chain, Lookup lookup,
            SingleFlight<String, StoredPage>.Flight ticket, StoredPage fallback) throws IOException, ServletException {
        try {
            pages.miss(response);
            // An async view's errors go out as sent: no one would be left to release them.
            CapturedResponse captured = new CapturedResponse(response, pages.maxPageBytes(), () -> { },
                    () -> fallback != null && !request.isAsyncStarted());
            if (!rendered(request, response, chain, captured, fallback)) {
                return;
            }
            if (request.isAsyncStarted()) {
                captured.releaseHeldError();
                captured.passThrough();
                return;
            }
            if (captured.failed() && pages.answeredStale(fallback, request, response, captured, null)) {
                return;
            }
            captured.releaseHeldError();
            // Waiters get the page before it is sent: they need not wait for this client to read it.
            ticket.complete(pages.update(request, captured, lookup));
            captured.send();
        } finally {
            ticket.complete(null);
        }
    }

    /** Runs the view; false when it threw and a stale page answered instead (RFC 5861 §4). */
    private boolean rendered(HttpServletRequest request, HttpServletResponse response, FilterChain chain,
            CapturedResponse captured, StoredPage fallback) throws IOException, ServletException {
        try {
            chain.doFilter(request, captured);
            return true;
        } catch (IOException | ServletException | RuntimeException e) {
            if (pages.answeredStale(fallback, request, response, captured, e)) {
                return false;
            }
            throw e;
        }
    }
}
