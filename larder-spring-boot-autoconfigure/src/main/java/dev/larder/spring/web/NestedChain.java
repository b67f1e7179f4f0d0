package dev.larder.spring.web;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.io.IOException;
import java.util.List;

/** Runs {@code filters} in order, then the rest of the container's chain. */
final class NestedChain implements FilterChain {
    private final List<Filter> filters;
    private final int position;
    private final FilterChain rest;

    NestedChain(List<Filter> filters, FilterChain rest) {
        this(filters, 0, rest);
    }

    private NestedChain(List<Filter> filters, int position, FilterChain rest) {
        this.filters = filters;
        this.position = position;
        this.rest = rest;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response) throws IOException, ServletException {
        if (position == filters.size()) {
            rest.doFilter(request, response);
        } else {
            filters.get(position).doFilter(request, response, new NestedChain(filters, position + 1, rest));
        }
    }
}
