package dev.larder.servlet;

import dev.larder.http.CacheControl;
import dev.larder.http.Conditional;
import dev.larder.http.ETag;
import dev.larder.http.HttpDates;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;

/**
 * Django's {@code ConditionalGetMiddleware}: for a GET, gives a 2xx response without an ETag a
 * strong one from the MD5 of its body (unless it says {@code no-store}), then answers the
 * request's {@code If-None-Match} / {@code If-Modified-Since} with a 304 and no body when the
 * response's validators match (RFC 9110 §13.2.2). Other methods, other statuses and streamed
 * bodies pass through unchanged (Django ticket #22440: never a 304 for a non-2xx).
 */
public class ConditionalGetFilter extends HttpOnlyFilter {

    @Override
    void filter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!request.getMethod().equals("GET")) {
            chain.doFilter(request, response);
            return;
        }
        CapturedResponse captured = new CapturedResponse(response, PageCache.DEFAULT_MAX_PAGE_BYTES, () -> { });
        chain.doFilter(request, captured);
        if (request.isAsyncStarted() || captured.streamed()) {
            captured.passThrough();
            return;
        }
        int status = captured.getStatus();
        byte[] body = captured.body();
        if (status < 200 || status > 299) {
            captured.send(body);
            return;
        }
        ETag etag = etag(captured, body);
        Instant lastModified = HttpDates.parse(captured.getHeader("Last-Modified")).orElse(null);
        if (Conditional.evaluate("GET", Exchanges.requestHeaders(request), etag, lastModified)
                == Conditional.Outcome.NOT_MODIFIED) {
            captured.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            keepOnlyNotModifiedHeaders(captured);
            captured.send(null);
        } else {
            captured.send(body);
        }
    }

    /** RFC 9110 §15.4.5: a 304 carries the validators and caching headers, not representation metadata. */
    private static void keepOnlyNotModifiedHeaders(HttpServletResponse response) {
        for (String name : new ArrayList<>(response.getHeaderNames())) {
            // Django keeps cookies on a 304: a new session cookie must not be lost.
            boolean kept = name.equalsIgnoreCase("Set-Cookie")
                    || Conditional.NOT_MODIFIED_HEADERS.stream().anyMatch(name::equalsIgnoreCase);
            if (!kept) {
                response.setHeader(name, null);
            }
        }
        response.setContentType(null);
    }

    private static ETag etag(HttpServletResponse response, byte[] body) {
        String existing = response.getHeader("ETag");
        if (existing != null) {
            return ETag.parse(existing).orElse(null);
        }
        boolean noStore = CacheControl.parse(new ArrayList<>(response.getHeaders("Cache-Control"))).has("no-store");
        if (noStore || body.length == 0) {
            return null;
        }
        ETag etag = ETag.ofContent(body);
        response.setHeader("ETag", etag.toString());
        return etag;
    }
}
