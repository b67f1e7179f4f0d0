package dev.larder.servlet;

import dev.larder.http.HeaderSource;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/** Servlet requests and responses seen through larder-http's servlet-free types. */
final class Exchanges {
    private Exchanges() {
    }

    static HeaderSource requestHeaders(HttpServletRequest request) {
        return name -> {
            Enumeration<String> values = request.getHeaders(name);
            return values == null ? List.of() : Collections.list(values);
        };
    }

    /**
     * The response's headers. A cookie added through {@code addCookie} counts as a
     * {@code Set-Cookie} field even where a container keeps cookies apart from the other
     * headers, so the storage rule for cookies cannot be missed.
     */
    static HeaderSource responseHeaders(HttpServletResponse response) {
        return name -> {
            Collection<String> values = response.getHeaders(name);
            List<String> list = values == null ? new ArrayList<>() : new ArrayList<>(values);
            if (list.isEmpty() && "Set-Cookie".equalsIgnoreCase(name)
                    && response instanceof CapturedResponse captured && captured.setsCookie()) {
                list.add("(a cookie added with addCookie)");
            }
            return list;
        };
    }

    /** Scheme, host, port when not the default, path and query: Django's build_absolute_uri. */
    static String absoluteUri(HttpServletRequest request) {
        StringBuffer url = request.getRequestURL();
        String query = request.getQueryString();
        if (query != null) {
            url.append('?').append(query);
        }
        return url.toString();
    }
}
