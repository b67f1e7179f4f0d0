package dev.larder.servlet;

import dev.larder.http.CacheControl;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Django's {@code cache_control(**directives)}: merges directives into the response's
 * {@code Cache-Control} after the view, with Django's rules (the smaller max-age wins,
 * {@code public} and {@code private} replace each other, {@code no-cache} field names
 * accumulate).
 *
 * <pre>{@code
 * context.addFilter("publicHour", CacheControlFilter.of("public", "max-age=3600"))
 *        .addMappingForUrlPatterns(null, false, "/static/*");
 * }</pre>
 *
 * <p>In {@code web.xml}: init-param {@code directives}, e.g. {@code public, max-age=3600}
 * (commas separate directives; a quoted argument with a comma is not supported there).
 */
public class CacheControlFilter extends HeaderPatchingFilter {
    private List<Map.Entry<String, String>> directives = List.of();

    public CacheControlFilter() {
    }

    private CacheControlFilter(List<Map.Entry<String, String>> directives) {
        this.directives = directives;
    }

    /** Each directive is {@code name} or {@code name=value}; names are case-insensitive. */
    public static CacheControlFilter of(String... directives) {
        return new CacheControlFilter(parse(String.join(",", directives)));
    }

    @Override
    public void init(FilterConfig config) throws ServletException {
        String value = config.getInitParameter("directives");
        if (value != null) {
            try {
                directives = parse(value);
            } catch (IllegalArgumentException e) {
                throw new ServletException("filter '" + config.getFilterName() + "': init-param directives: "
                        + e.getMessage(), e);
            }
        }
        if (directives.isEmpty()) {
            throw new ServletException("filter '" + config.getFilterName()
                    + "' needs init-param directives, e.g. 'public, max-age=3600'");
        }
    }

    @Override
    void patch(HttpServletRequest request, HttpServletResponse response) {
        CacheControl cc = CacheControl.parse(new ArrayList<>(response.getHeaders("Cache-Control")));
        for (Map.Entry<String, String> d : directives) {
            cc = apply(cc, d.getKey(), d.getValue());
        }
        response.setHeader("Cache-Control", cc.toString());
    }

    private static CacheControl apply(CacheControl cc, String name, String value) {
        if (value == null) {
            return cc.with(name);
        }
        if (name.equals("max-age")) {
            return cc.withMaxAge(Long.parseLong(value));
        }
        return cc.with(name, value);
    }

    private static List<Map.Entry<String, String>> parse(String text) {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        for (String part : text.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            String name = (eq < 0 ? p : p.substring(0, eq)).trim().toLowerCase(Locale.ROOT).replace('_', '-');
            if (!name.matches("[a-z0-9!#$%&'*+.^`|~-]+")) {
                throw new IllegalArgumentException("not a Cache-Control directive: '" + p + "'");
            }
            String value = eq < 0 ? null : unquote(p.substring(eq + 1).trim());
            if (name.equals("max-age") && (value == null || !value.matches("\\d{1,18}"))) {
                throw new IllegalArgumentException("max-age needs a whole number of seconds, got '" + p + "'");
            }
            out.add(new AbstractMap.SimpleImmutableEntry<>(name, value));
        }
        return List.copyOf(out);
    }

    /** {@code "Set-Cookie"} means the field name Set-Cookie (RFC 9110 §5.6.4 quoted-string). */
    private static String unquote(String value) {
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            return value.substring(1, value.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
        }
        return value;
    }
}
