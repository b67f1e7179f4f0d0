package dev.larder.spring.web;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpEntity;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.handler.HandlerMappingIntrospector;

/**
 * Lets a page cache keep the body of a {@code ResponseEntity} or {@code @ResponseBody} handler.
 * Spring MVC writes such a body whole through a message converter and then calls
 * {@code flushBuffer()} ({@code HttpEntityMethodProcessor} always does). The page cache takes
 * a flush as the sign of a streamed response, sends what it holds and stores nothing, so
 * without this filter no {@code ResponseEntity} page would ever be cached. For those handlers
 * only, and only on the request's own thread, the flush is left to the container, which
 * commits the response when the request ends. Streaming stays streaming: Spring streams
 * ({@code SseEmitter}, {@code StreamingResponseBody}) on an async request, whose flushes go
 * through, and a body over the page limit is sent as it is written, as before.
 *
 * <p>Sits just inside the page caches ({@code LarderWebMvcAutoConfiguration}); while no page is
 * cached, it only passes requests on. Thread-safe.
 */
public final class ConvertedBodyFilter implements Filter {
    private final HandlerResolver resolver;
    private final BooleanSupplier caching;

    /** {@code caching} says whether any page cache is in front of this filter (the site's, or a {@link CachePage}). */
    public ConvertedBodyFilter(Supplier<HandlerMappingIntrospector> introspector, BooleanSupplier caching) {
        this.resolver = new HandlerResolver(introspector);
        this.caching = caching;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse resp, FilterChain chain) throws IOException, ServletException {
        if (req instanceof HttpServletRequest request && resp instanceof HttpServletResponse response
                && caching.getAsBoolean() && writesWholeBody(resolver.resolve(request))) {
            chain.doFilter(request, new HeldFlush(request, response));
            return;
        }
        chain.doFilter(req, resp);
    }

    /** A handler whose body a message converter writes: a {@code HttpEntity}, or a non-void {@code @ResponseBody}. */
    static boolean writesWholeBody(HandlerResolver.Match match) {
        if (match == null) {
            return false;
        }
        HandlerMethod handler = match.handler();
        Class<?> type = handler.getReturnType().getParameterType();
        if (HttpEntity.class.isAssignableFrom(type)) {
            return true;
        }
        return type != void.class && (handler.hasMethodAnnotation(ResponseBody.class)
                || AnnotatedElementUtils.hasAnnotation(handler.getBeanType(), ResponseBody.class));
    }

    private static final class HeldFlush extends HttpServletResponseWrapper {
        private final HttpServletRequest request;

        HeldFlush(HttpServletRequest request, HttpServletResponse response) {
            super(response);
            this.request = request;
        }

        @Override
        public void flushBuffer() throws IOException {
            if (request.isAsyncStarted()) {
                super.flushBuffer();
            }
        }
    }
}
