package dev.larder.servlet;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * A filter that changes response headers after the view, as Django's header decorators do.
 * The body is held back (up to {@link PageCache#DEFAULT_MAX_PAGE_BYTES}) so the headers can
 * still change when the view returns; a view that streams or flushes gets its headers patched
 * just before the first byte goes out.
 */
abstract class HeaderPatchingFilter extends HttpOnlyFilter {

    /** Changes the headers of {@code response}; runs once per request, before anything is sent. */
    abstract void patch(HttpServletRequest request, HttpServletResponse response);

    @Override
    void filter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        CapturedResponse[] holder = new CapturedResponse[1];
        CapturedResponse captured = new CapturedResponse(response, PageCache.DEFAULT_MAX_PAGE_BYTES,
                () -> patch(request, holder[0]));
        holder[0] = captured;
        chain.doFilter(request, captured);
        if (request.isAsyncStarted()) {
            captured.passThrough();
        } else {
            captured.send();
        }
    }
}
