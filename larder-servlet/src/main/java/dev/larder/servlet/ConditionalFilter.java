package dev.larder.servlet;

import dev.larder.http.Conditional;
import dev.larder.http.ETag;
import dev.larder.http.HttpDates;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.Function;

/**
 * Django's {@code condition(etag_func, last_modified_func)}, {@code etag} and
 * {@code last_modified}: the functions compute the resource's validators from the request
 * <em>before</em> the view runs, the request's preconditions are evaluated (RFC 9110
 * §13.2.2), and a 304 or 412 is answered without running the view. Otherwise, for GET and
 * HEAD, the validators are added to the response when the view did not set them.
 *
 * <pre>{@code
 * context.addFilter("articleEtag", ConditionalFilter.etag(r -> articles.version(r.getPathInfo())))
 *        .addMappingForUrlPatterns(null, false, "/articles/*");
 * }</pre>
 *
 * <p>An ETag function may return the tag quoted or not ({@code "v7"}, {@code W/"v7"} or
 * {@code v7}); either function may return {@code null} for "none".
 */
public class ConditionalFilter extends HeaderPatchingFilter {
    private final String attribute = ConditionalFilter.class.getName() + "@" + System.identityHashCode(this);
    private final Function<HttpServletRequest, String> etagFunction;
    private final Function<HttpServletRequest, Instant> lastModifiedFunction;

    public ConditionalFilter(Function<HttpServletRequest, String> etag, Function<HttpServletRequest, Instant> lastModified) {
        if (etag == null && lastModified == null) {
            throw new IllegalArgumentException("ConditionalFilter needs an ETag function, a Last-Modified function or both");
        }
        this.etagFunction = etag;
        this.lastModifiedFunction = lastModified;
    }

    public static ConditionalFilter etag(Function<HttpServletRequest, String> etag) {
        return new ConditionalFilter(etag, null);
    }

    public static ConditionalFilter lastModified(Function<HttpServletRequest, Instant> lastModified) {
        return new ConditionalFilter(null, lastModified);
    }

    @Override
    void filter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        Validators v = new Validators(etag(request), lastModified(request));
        request.setAttribute(attribute, v);
        switch (Conditional.evaluate(request.getMethod(), Exchanges.requestHeaders(request), v.etag, v.lastModified)) {
            case NOT_MODIFIED -> {
                response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
                patch(request, response);
            }
            case PRECONDITION_FAILED -> response.setStatus(HttpServletResponse.SC_PRECONDITION_FAILED);
            case PROCEED -> super.filter(request, response, chain);
        }
    }

    @Override
    void patch(HttpServletRequest request, HttpServletResponse response) {
        String method = request.getMethod();
        if (!(method.equals("GET") || method.equals("HEAD")) || !(request.getAttribute(attribute) instanceof Validators v)) {
            return;
        }
        if (v.lastModified != null && !response.containsHeader("Last-Modified")) {
            response.setHeader("Last-Modified", HttpDates.format(v.lastModified));
        }
        if (v.etag != null && !response.containsHeader("ETag")) {
            response.setHeader("ETag", v.etag.toString());
        }
    }

    private ETag etag(HttpServletRequest request) {
        String value = etagFunction == null ? null : etagFunction.apply(request);
        return value == null ? null : ETag.fromUser(value);
    }

    private Instant lastModified(HttpServletRequest request) {
        Instant value = lastModifiedFunction == null ? null : lastModifiedFunction.apply(request);
        // HTTP dates have whole seconds (RFC 9110 §5.6.7); compare what the client can send back.
        return value == null ? null : value.truncatedTo(ChronoUnit.SECONDS);
    }

    private record Validators(ETag etag, Instant lastModified) {
    }
}
