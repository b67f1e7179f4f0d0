package dev.larder.servlet;

import dev.larder.http.AbsoluteUri;
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

    /**
     * Django's {@code build_absolute_uri()} for the request (see {@link AbsoluteUri}): the
     * request URI as the client sent it, the query, the scheme and {@link #host}.
     *
     * <p>What this relies on: {@code getRequestURI()} is neither decoded nor normalised (Jetty
     * 12 hands over {@code /x/./y/../z} and {@code /p;jsessionid=A} as sent), and the container
     * routes by the canonical path (Servlet 6.0 URI path canonicalization): escapes decoded,
     * path parameters stripped, dot segments removed. So the spellings {@code AbsoluteUri}
     * merges reach one resource, and it keeps apart the ones the container routes apart
     * ({@code %2F}, {@code %3B}). Jetty refuses the ambiguous ones ({@code %2F}, {@code %2e}
     * segments, {@code //}, invalid UTF-8) with a 400 before any filter runs; a container that
     * lets them through still gets keys of their own.
     *
     * @throws IllegalArgumentException if the host or the request URI cannot be part of a URI
     */
    static String absoluteUri(HttpServletRequest request) {
        String query = request.getQueryString();
        String target = query == null || query.isEmpty() ? request.getRequestURI() : request.getRequestURI() + "?" + query;
        return AbsoluteUri.of(request.getScheme(), host(request), target);
    }

    /**
     * Django's {@code get_host()}: the Host header as sent (its case, and a default port if
     * given), else {@code SERVER_NAME[:SERVER_PORT]} without the scheme's default port. A Host
     * header that names another host or port than the container's {@code getServerName()} and
     * {@code getServerPort()} is not used: the container took them from elsewhere (an absolute
     * request target, or X-Forwarded-Host through a forwarded-headers customizer), the page is
     * rendered for those, and a key from the header would let a request store that page under
     * another host's key.
     */
    static String host(HttpServletRequest request) {
        String header = request.getHeader("Host");
        String name = request.getServerName();
        int port = request.getServerPort();
        int defaultPort = "https".equalsIgnoreCase(request.getScheme()) ? 443 : 80;
        if (header != null && names(header, name, port, defaultPort)) {
            return header;
        }
        String host = name.indexOf(':') >= 0 && !name.startsWith("[") ? "[" + name + "]" : name;
        return port <= 0 || port == defaultPort ? host : host + ":" + port;
    }

    /**
     * True if the Host header names {@code name} (any case) and {@code port} (or no port, when
     * that is the default). Compared in place: this runs on every lookup.
     */
    private static boolean names(String header, String name, int port, int defaultPort) {
        int close = header.lastIndexOf(']');
        int colon = header.indexOf(':', close + 1);
        int from = 0;
        int to = colon < 0 ? header.length() : colon;
        boolean samePort = colon < 0 ? port == defaultPort : isPort(header, colon + 1, port);
        if (to - from >= 2 && header.charAt(from) == '[' && header.charAt(to - 1) == ']') {
            from++;
            to--;
        }
        String bare = strip(name);
        return samePort && to - from == bare.length() && header.regionMatches(true, from, bare, 0, bare.length());
    }

    /** Whether {@code header} from {@code start} is {@code Integer.toString(port)}: no sign, no leading zeros. */
    private static boolean isPort(String header, int start, int port) {
        if (port < 0) {
            return header.substring(start).equals(Integer.toString(port));
        }
        int i = header.length();
        int rest = port;
        do {
            i--;
            if (i < start || header.charAt(i) != (char) ('0' + rest % 10)) {
                return false;
            }
            rest /= 10;
        } while (rest > 0);
        return i == start;
    }

    private static String strip(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
}
