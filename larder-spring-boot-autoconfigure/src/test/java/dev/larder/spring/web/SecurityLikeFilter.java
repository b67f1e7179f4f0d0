package dev.larder.spring.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Stands where Spring Security's filter chain stands (order -100) and does what two of its
 * filters do after the handler: a CSRF token cookie saved late ({@code /guarded}), and
 * {@code HeaderWriterFilter}'s default {@code Cache-Control} ({@code /secured}). A page cache
 * registered inside it would store both pages; Larder's must see these headers and store neither.
 */
class SecurityLikeFilter extends OncePerRequestFilter {
    static final int ORDER = -100;
    private final AtomicInteger tokens = new AtomicInteger();

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(request, response);
        String path = request.getRequestURI();
        if (path.endsWith("/guarded")) {
            response.addHeader("Set-Cookie", "XSRF-TOKEN=" + tokens.incrementAndGet() + "; Path=/");
        } else if (path.endsWith("/secured") && !response.containsHeader("Cache-Control")) {
            response.setHeader("Cache-Control", "no-cache, no-store, max-age=0, must-revalidate");
        }
    }
}
