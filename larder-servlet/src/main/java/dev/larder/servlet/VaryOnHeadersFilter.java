package dev.larder.servlet;

import dev.larder.http.Vary;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * Django's {@code vary_on_headers(*names)}: adds the names to the response's {@code Vary}
 * after the view (case-insensitively, order kept). {@link #cookie()} is {@code vary_on_cookie}.
 * In {@code web.xml}: init-param {@code headers}, comma-separated.
 */
public class VaryOnHeadersFilter extends HeaderPatchingFilter {
    private List<String> headers = List.of();

    public VaryOnHeadersFilter() {
    }

    public VaryOnHeadersFilter(String... headers) {
        this.headers = Vary.parse(String.join(",", headers));
        if (this.headers.isEmpty()) {
            throw new IllegalArgumentException("VaryOnHeadersFilter needs at least one header name");
        }
    }

    /** Django's {@code vary_on_cookie}. */
    public static VaryOnHeadersFilter cookie() {
        return new VaryOnHeadersFilter("Cookie");
    }

    @Override
    public void init(FilterConfig config) throws ServletException {
        String value = config.getInitParameter("headers");
        if (value != null) {
            headers = Vary.parse(value);
        }
        if (headers.isEmpty()) {
            throw new ServletException("filter '" + config.getFilterName() + "' needs init-param headers, e.g. 'Cookie'");
        }
    }

    @Override
    void patch(HttpServletRequest request, HttpServletResponse response) {
        patchVary(response, headers);
    }

    /**
     * Django's {@code patch_vary_headers(response, names)} on a servlet response: the names added
     * to its {@code Vary} headers, merged into one (case-insensitively, order kept). For filters
     * of other integrations that add to {@code Vary} themselves.
     */
    public static void patchVary(HttpServletResponse response, List<String> names) {
        String existing = String.join(", ", new ArrayList<>(response.getHeaders("Vary")));
        response.setHeader("Vary", Vary.patch(existing, names));
    }
}
