package dev.larder.demo.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Set;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses, with a 403, a request that changes something (every method but GET, HEAD and
 * OPTIONS) sent by another site: the demo's forms rename, edit, sign in and clear caches, and
 * a page elsewhere must not submit them for a visitor. Browsers say where a request comes from
 * in {@code Sec-Fetch-Site}, and older ones in {@code Origin}; a client that sends neither (curl,
 * a test) is not a browser acting for someone, and passes.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class SameSitePosts extends OncePerRequestFilter {
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");
    private static final Set<String> OWN = Set.of("same-origin", "none");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!SAFE.contains(request.getMethod()) && fromAnotherSite(request)) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN, "cross-site request refused");
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean fromAnotherSite(HttpServletRequest request) {
        String site = request.getHeader("Sec-Fetch-Site");
        if (site != null) {
            return !OWN.contains(site);
        }
        String origin = request.getHeader("Origin");
        if (origin == null) {
            return false;
        }
        try {
            URI from = URI.create(origin);
            String host = request.getHeader("Host");
            return host == null || from.getAuthority() == null || !from.getAuthority().equalsIgnoreCase(host);
        } catch (IllegalArgumentException e) {
            return true;
        }
    }
}
