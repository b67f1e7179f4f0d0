package dev.larder.spring.web;

import dev.larder.servlet.PageCache;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.lang.reflect.Method;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.beans.factory.config.AutowireCapableBeanFactory;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.handler.HandlerMappingIntrospector;

/**
 * Applies Larder's handler annotations: finds the controller method a request will reach
 * (through Spring MVC's handler mappings, before the {@code DispatcherServlet}) and runs
 * larder-servlet's filters for its annotations around the rest of the chain. Two instances
 * divide the work, because the two halves belong at different places in the filter chain:
 *
 * <ul>
 *   <li>{@link #pageCaching}: {@link CachePage}. Outside Spring Session and Spring Security, so
 *       the page it stores carries their {@code Vary} and {@code Set-Cookie}, and a hit is served
 *       without running them or the handler.
 *   <li>{@link #headers}: {@link NeverCache}, {@link CacheControl}, {@link VaryOnHeaders},
 *       {@link VaryOnCookie} and {@link Condition}. Inside Spring Security, so ETag functions run
 *       only for requests it lets through, and a 304 is never an answer to a refused request.
 * </ul>
 *
 * <pre>{@code
 * FilterRegistrationBean<LarderHandlerFilter> headers =
 *         new FilterRegistrationBean<>(LarderHandlerFilter.headers(() -> introspector, beanFactory, Clock.systemUTC()));
 * }</pre>
 *
 * <p>The filters of each handler are built once, for every handler at once, by {@link #prepare()}
 * (Spring Boot calls it at start-up, so a bad annotation fails start-up with an
 * {@code IllegalStateException} naming the handler) or else at the first request. While no
 * handler carries an annotation of its half, the filter only passes requests on (so a handler
 * registered at run time is honoured only if one present at start-up was annotated too).
 * Thread-safe.
 */
public final class LarderHandlerFilter implements Filter {
    private final HandlerResolver resolver;
    private final Function<HandlerMethod, List<Filter>> assembler;
    private final Map<Key, List<Filter>> byHandler = new ConcurrentHashMap<>();
    private volatile Boolean anyAnnotated;

    private LarderHandlerFilter(Supplier<HandlerMappingIntrospector> introspector,
            Function<HandlerMethod, List<Filter>> assembler) {
        this.resolver = new HandlerResolver(introspector);
        this.assembler = assembler;
    }

    /** The filter for {@link CachePage}, with a page cache from {@code pages} for each distinct configuration. */
    public static LarderHandlerFilter pageCaching(Supplier<HandlerMappingIntrospector> introspector,
            PageCacheFactory pages) {
        return new LarderHandlerFilter(introspector, new PageFilters(pages));
    }

    /**
     * The filter for the header annotations and {@link Condition}; {@code beans} provides the
     * ETag and Last-Modified functions, {@code clock} the {@code Expires} of {@link NeverCache}.
     */
    public static LarderHandlerFilter headers(Supplier<HandlerMappingIntrospector> introspector,
            AutowireCapableBeanFactory beans, Clock clock) {
        return new LarderHandlerFilter(introspector, new HeaderFilters(beans, clock));
    }

    /** The page caches behind {@link CachePage} handlers built so far (none for {@link #headers}). */
    public List<PageCache> pageCaches() {
        return namedPageCaches().stream().map(NamedPageCache::pageCache).toList();
    }

    /**
     * The page caches behind {@link CachePage} handlers built so far, each with its name
     * ({@code view:<timeout>[:<keyPrefix>]}); none for {@link #headers}. Call {@link #prepare()}
     * first to have every handler's.
     */
    public List<NamedPageCache> namedPageCaches() {
        return assembler instanceof PageFilters pages ? pages.pageCaches() : List.of();
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse resp, FilterChain chain)
            throws IOException, ServletException {
        if (!(req instanceof HttpServletRequest request) || !anyAnnotated()) {
            chain.doFilter(req, resp);
            return;
        }
        HandlerResolver.Match match = resolver.resolve(request);
        List<Filter> filters = match == null ? List.of() : filters(match.handler());
        if (filters.isEmpty()) {
            chain.doFilter(req, resp);
            return;
        }
        new NestedChain(filters, chain).doFilter(req, resp);
    }

    /** True once some handler carries an annotation of this filter's half (building every handler's filters if not yet built). */
    public boolean active() {
        return anyAnnotated();
    }

    /**
     * Builds the filters of every handler the application's mappings list, now.
     *
     * @throws IllegalStateException naming the handler, if an annotation's settings are invalid
     */
    public void prepare() {
        anyAnnotated();
    }

    /** Builds every handler's filters on first use: a bad annotation shows at once, whichever handler is asked for first. */
    private boolean anyAnnotated() {
        Boolean any = anyAnnotated;
        if (any == null) {
            if (!resolver.available()) {
                return false;
            }
            // Not anyMatch: it would stop at the first annotated handler and leave the rest unchecked.
            any = resolver.handlerMethods().stream().map(this::filters).filter(f -> !f.isEmpty()).count() > 0;
            anyAnnotated = any;
        }
        return any;
    }

    private List<Filter> filters(HandlerMethod handler) {
        return byHandler.computeIfAbsent(new Key(handler.getBeanType(), handler.getMethod()),
                k -> assembler.apply(handler));
    }

    /** A handler method as the mappings list it and as a match resolves it (with its bean). */
    private record Key(Class<?> beanType, Method method) {
    }
}
