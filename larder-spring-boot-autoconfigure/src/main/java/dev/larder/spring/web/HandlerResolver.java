package dev.larder.spring.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.handler.AbstractHandlerMethodMapping;
import org.springframework.web.servlet.handler.HandlerMappingIntrospector;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.UrlPathHelper;

/**
 * Finds, from a filter, the controller method the {@code DispatcherServlet} will call for a
 * request: the application's handler mappings, in the dispatcher's order, asked through
 * {@link HandlerMappingIntrospector} (as Spring Security's request matchers do). The mappings
 * write attributes while they match (path variables, the best pattern); they write them into a
 * request of their own here, so the dispatcher later matches a request as it arrived.
 */
final class HandlerResolver {
    private static final String RESOLVED = HandlerResolver.class.getName() + ".resolved";
    private final Supplier<HandlerMappingIntrospector> introspector;

    /**
     * The introspector is asked for lazily, since filters are created before the MVC
     * infrastructure; the supplier returns {@code null} where there is none.
     */
    HandlerResolver(Supplier<HandlerMappingIntrospector> introspector) {
        this.introspector = introspector;
    }

    /** A controller method and the path variables of its match. */
    record Match(HandlerMethod handler, Map<String, String> pathVariables) {
    }

    /** What {@link #resolve} found for a request, and for which method. */
    private record Resolved(String method, Match match) {
    }

    /** The path variables of the request's handler match, as {@link #resolve} found it; empty if none. */
    static Map<String, String> pathVariables(HttpServletRequest request) {
        return request.getAttribute(RESOLVED) instanceof Resolved r && r.match() != null
                ? r.match().pathVariables() : Map.of();
    }

    /** False while there are no handler mappings to ask (not yet, or no Spring MVC at all). */
    boolean available() {
        return introspector.get() != null;
    }

    /** Every controller method of the application's annotation-driven mappings. */
    List<HandlerMethod> handlerMethods() {
        HandlerMappingIntrospector mappings = introspector.get();
        return mappings == null ? List.of() : mappings.getHandlerMappings().stream()
                .filter(AbstractHandlerMethodMapping.class::isInstance)
                .flatMap(m -> ((AbstractHandlerMethodMapping<?>) m).getHandlerMethods().values().stream())
                .toList();
    }

    /**
     * The controller method for {@code request}, or {@code null} (no match, or a handler of
     * another kind). The answer is kept on the request, so the second of Larder's two handler
     * filters does not match it again, unless a filter between them changed its method.
     */
    Match resolve(HttpServletRequest request) {
        if (request.getAttribute(RESOLVED) instanceof Resolved r && r.method().equals(request.getMethod())) {
            return r.match();
        }
        HandlerMappingIntrospector mappings = introspector.get();
        if (mappings == null) {
            return null;
        }
        Match match = match(mappings, request);
        request.setAttribute(RESOLVED, new Resolved(request.getMethod(), match));
        return match;
    }

    private static Match match(HandlerMappingIntrospector mappings, HttpServletRequest request) {
        OwnAttributes own = new OwnAttributes(request);
        try {
            ServletRequestPathUtils.parseAndCache(own);
            UrlPathHelper.defaultInstance.resolveAndCacheLookupPath(own);
        } catch (IllegalArgumentException e) {
            // A path the mappings cannot read: the dispatcher will answer it (400 or 404).
            return null;
        }
        for (HandlerMapping mapping : mappings.getHandlerMappings()) {
            HandlerExecutionChain chain = handler(mapping, own);
            if (chain != null) {
                return chain.getHandler() instanceof HandlerMethod method ? new Match(method, variables(own)) : null;
            }
        }
        return null;
    }

    /**
     * A mapping that matches the path but not the method or media types throws; the
     * dispatcher will answer that request (405, 406, 415), so it has no handler here.
     */
    private static HandlerExecutionChain handler(HandlerMapping mapping, HttpServletRequest request) {
        try {
            return mapping.getHandler(request);
        } catch (Exception e) {
            return null;
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> variables(HttpServletRequest request) {
        Object vars = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        return vars instanceof Map<?, ?> map ? Map.copyOf((Map<String, String>) map) : Map.of();
    }

    /** Attributes set on this request stay on it; the others are read through to the original. */
    private static final class OwnAttributes extends HttpServletRequestWrapper {
        private static final Object REMOVED = new Object();
        private final Map<String, Object> own = new HashMap<>();

        OwnAttributes(HttpServletRequest request) {
            super(request);
        }

        @Override
        public Object getAttribute(String name) {
            Object value = own.get(name);
            return value == REMOVED ? null : value != null ? value : super.getAttribute(name);
        }

        @Override
        public Enumeration<String> getAttributeNames() {
            Map<String, Object> all = new HashMap<>();
            Collections.list(super.getAttributeNames()).forEach(n -> all.put(n, n));
            all.putAll(own);
            all.values().removeIf(v -> v == REMOVED);
            return Collections.enumeration(all.keySet());
        }

        @Override
        public void setAttribute(String name, Object value) {
            own.put(name, value == null ? REMOVED : value);
        }

        @Override
        public void removeAttribute(String name) {
            own.put(name, REMOVED);
        }
    }
}
