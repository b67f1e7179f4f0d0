package dev.larder.spring.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import org.springframework.web.util.UrlPathHelper;

/**
 * Path prefixes a page cache leaves alone, matched segment by segment on the request's path
 * within the application (after the context path, decoded, {@code ;} parameters and doubled
 * slashes removed, as Spring MVC matches it): {@code /actuator} excludes {@code /actuator} and
 * {@code /actuator/health}, not {@code /actuatorx}. Decoding first matters: the page cache's key
 * is the raw URL, so {@code /%61ctuator/health} must not slip past as another page.
 *
 * <pre>{@code
 * ExcludedPaths actuator = ExcludedPaths.of(List.of("/actuator"));
 * actuator.matches(request);   // true for /actuator/health
 * }</pre>
 *
 * Immutable and thread-safe.
 */
public final class ExcludedPaths {
    /** Excludes nothing. */
    public static final ExcludedPaths NONE = new ExcludedPaths(List.of());

    private static final UrlPathHelper PATHS = UrlPathHelper.defaultInstance;
    private final List<String> prefixes;

    private ExcludedPaths(List<String> prefixes) {
        this.prefixes = List.copyOf(prefixes);
    }

    /**
     * @param prefixes paths such as {@code /actuator}; a trailing slash is ignored, and a missing
     *                 leading one added
     * @throws IllegalArgumentException for a blank prefix or {@code /}, which would exclude every page
     */
    public static ExcludedPaths of(List<String> prefixes) {
        List<String> normal = new ArrayList<>();
        for (String prefix : prefixes) {
            String p = prefix == null ? "" : prefix.trim();
            p = p.startsWith("/") ? p : "/" + p;
            while (p.endsWith("/")) {
                p = p.substring(0, p.length() - 1);
            }
            if (p.isEmpty()) {
                throw new IllegalArgumentException("an excluded path must name a path below '/': '" + prefix
                        + "'; to cache nothing, turn the page cache off");
            }
            normal.add(p);
        }
        return new ExcludedPaths(normal);
    }

    /** The prefixes, normalised. */
    public List<String> prefixes() {
        return prefixes;
    }

    /** Whether the request's path within the application is one of the prefixes or lies below one. */
    public boolean matches(HttpServletRequest request) {
        return !prefixes.isEmpty() && matches(PATHS.getPathWithinApplication(request));
    }

    /** Whether {@code path} (within the application) is one of the prefixes or lies below one. */
    public boolean matches(String path) {
        for (String prefix : prefixes) {
            if (path.startsWith(prefix) && (path.length() == prefix.length() || path.charAt(prefix.length()) == '/')) {
                return true;
            }
        }
        return false;
    }
}
