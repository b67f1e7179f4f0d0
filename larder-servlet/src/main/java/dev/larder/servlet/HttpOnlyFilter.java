package dev.larder.servlet;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The base of Larder's filters: a request that is not HTTP passes through untouched (Jakarta's
 * own {@code HttpFilter} fails it instead), and an HTTP one goes to {@link #filter}.
 */
abstract class HttpOnlyFilter implements Filter {

    /** Filters one HTTP request. */
    abstract void filter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException;

    @Override
    public final void doFilter(ServletRequest req, ServletResponse resp, FilterChain chain)
            throws IOException, ServletException {
        if (req instanceof HttpServletRequest request && resp instanceof HttpServletResponse response) {
            filter(request, response, chain);
        } else {
            chain.doFilter(req, resp);
        }
    }
}
