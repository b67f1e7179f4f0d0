package dev.larder.spring.web;

import dev.larder.servlet.VaryOnHeadersFilter;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.List;

/**
 * Django's {@code SessionMiddleware} rule for caches: a response rendered with a session varies
 * on {@code Cookie}. Without it, a page that shows one user's session data and sets no cookie
 * (the session already existed) would be stored by a page cache under the URL alone and served
 * to every other client.
 *
 * <p>A session counts as used when a {@code getSession} call below this filter returns one.
 * {@code Vary: Cookie} is added at that moment, so a response that is streamed still carries it,
 * and again when the chain returns, in case the handler replaced {@code Vary}. A
 * {@code getSession(false)} that finds no session adds nothing. Spring MVC looks the session up
 * for flash attributes on every request, so in practice every response to a client with a live
 * session varies on {@code Cookie}: its pages are cached per session, and never shared.
 *
 * <p>Register it inside (after) any filter that replaces the container's sessions, such as
 * Spring Session's {@code SessionRepositoryFilter}, so the calls it watches are the
 * application's; and inside the page caches, so they see the header.
 */
public class SessionVaryFilter implements Filter {

    @Override
    public void doFilter(ServletRequest req, ServletResponse resp, FilterChain chain)
            throws IOException, ServletException {
        if (!(req instanceof HttpServletRequest request && resp instanceof HttpServletResponse response)) {
            chain.doFilter(req, resp);
            return;
        }
        SessionWatch watch = new SessionWatch(request, response);
        chain.doFilter(watch, response);
        if (watch.used) {
            varyOnCookie(response);
        }
    }

    /** Django's {@code patch_vary_headers(response, ('Cookie',))}, while headers can still change. */
    static void varyOnCookie(HttpServletResponse response) {
        if (!response.isCommitted()) {
            VaryOnHeadersFilter.patchVary(response, List.of("Cookie"));
        }
    }

    private static final class SessionWatch extends HttpServletRequestWrapper {
        private final HttpServletResponse response;
        private volatile boolean used;

        SessionWatch(HttpServletRequest request, HttpServletResponse response) {
            super(request);
            this.response = response;
        }

        @Override
        public HttpSession getSession(boolean create) {
            return seen(super.getSession(create));
        }

        @Override
        public HttpSession getSession() {
            return seen(super.getSession());
        }

        private HttpSession seen(HttpSession session) {
            if (session != null && !used) {
                used = true;
                varyOnCookie(response);
            }
            return session;
        }
    }
}
