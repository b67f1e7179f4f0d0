package dev.larder.thymeleaf;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.thymeleaf.context.IExpressionContext;
import org.thymeleaf.context.IWebContext;
import org.thymeleaf.web.IWebExchange;
import org.thymeleaf.web.servlet.IServletWebExchange;

/**
 * Values that belong to one visitor and that rendering writes into markup without the
 * template naming them: the session id (a container that rewrites URLs appends
 * {@code ;jsessionid=} to every {@code @{...}} link of a new session) and Spring Security's
 * CSRF token ({@code th:action} adds it to every form as a hidden input). A fragment holding
 * one must never be stored for everyone. Read by reflection: neither the Servlet API nor
 * Spring Security is needed to use the dialect.
 */
final class PrivateValues {
    /** Shorter values could occur in a page by chance; session ids and tokens are far longer. */
    static final int MIN_LENGTH = 8;
    private static final List<String> CSRF_ATTRIBUTES =
            List.of("_csrf", "org.springframework.security.web.csrf.CsrfToken");

    private PrivateValues() {
    }

    /** The request's private values, or none outside a web request. */
    static List<String> of(IExpressionContext context) {
        if (!(context instanceof IWebContext web)) {
            return List.of();
        }
        IWebExchange exchange = web.getExchange();
        List<String> values = new ArrayList<>();
        for (String attribute : CSRF_ATTRIBUTES) {
            add(values, call(exchange.getAttributeValue(attribute), "getToken"));
        }
        if (exchange instanceof IServletWebExchange servlet) {
            Object request = servlet.getNativeRequestObject();
            Object session = request == null ? null : call(request, "getSession", false);
            add(values, call(session, "getId"));
        }
        return values;
    }

    /** The first value {@code text} contains, or null. */
    static String foundIn(String text, List<String> values) {
        for (String value : values) {
            if (text.contains(value)) {
                return value;
            }
        }
        return null;
    }

    private static void add(List<String> values, Object value) {
        if (value instanceof String s && s.length() >= MIN_LENGTH && !values.contains(s)) {
            values.add(s);
        }
    }

    private static Object call(Object target, String name, Object... args) {
        if (target == null) {
            return null;
        }
        try {
            Method method = args.length == 0 ? target.getClass().getMethod(name)
                    : target.getClass().getMethod(name, boolean.class);
            method.setAccessible(true);
            return method.invoke(target, args);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // Not a servlet request or not a CSRF token: nothing of this kind to guard.
            return null;
        }
    }
}
