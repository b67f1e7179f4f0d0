package dev.larder.spring.web;

import dev.larder.servlet.CacheControlFilter;
import dev.larder.servlet.ConditionalFilter;
import dev.larder.servlet.NeverCacheFilter;
import dev.larder.servlet.VaryOnHeadersFilter;
import jakarta.servlet.Filter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.beans.factory.config.AutowireCapableBeanFactory;
import org.springframework.web.method.HandlerMethod;

/**
 * The larder-servlet filters for a handler's header annotations, outermost first. Header
 * patches run on the way out, innermost first, so a 304 or 412 from {@link Condition} (the
 * innermost) still gets the handler's {@code Vary} and {@code Cache-Control}, as RFC 9110
 * §15.4.5 asks of a 304.
 */
final class HeaderFilters implements Function<HandlerMethod, List<Filter>> {
    private final AutowireCapableBeanFactory beans;
    private final Clock clock;

    HeaderFilters(AutowireCapableBeanFactory beans, Clock clock) {
        this.beans = beans;
        this.clock = clock;
    }

    @Override
    public List<Filter> apply(HandlerMethod handler) {
        List<Filter> filters = new ArrayList<>();
        if (Annotations.find(handler, NeverCache.class) != null) {
            filters.add(new NeverCacheFilter(clock));
        }
        CacheControl cc = Annotations.find(handler, CacheControl.class);
        if (cc != null) {
            filters.add(checked(handler, "@CacheControl", () -> CacheControlFilter.of(directives(cc, handler))));
        }
        List<String> vary = vary(handler);
        if (!vary.isEmpty()) {
            filters.add(checked(handler, "@VaryOnHeaders", () -> new VaryOnHeadersFilter(vary.toArray(String[]::new))));
        }
        Condition condition = Annotations.find(handler, Condition.class);
        if (condition != null) {
            filters.add(conditional(condition, handler));
        }
        return List.copyOf(filters);
    }

    /** larder-servlet refuses bad settings with IllegalArgumentException; say which handler has them. */
    private static Filter checked(HandlerMethod handler, String annotation, Supplier<Filter> filter) {
        try {
            return filter.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(annotation + " on " + handler + ": " + e.getMessage(), e);
        }
    }

    private static List<String> vary(HandlerMethod handler) {
        List<String> names = new ArrayList<>();
        VaryOnHeaders headers = Annotations.find(handler, VaryOnHeaders.class);
        if (headers != null) {
            if (headers.value().length == 0) {
                throw new IllegalStateException("@VaryOnHeaders on " + handler + " names no header");
            }
            names.addAll(List.of(headers.value()));
        }
        if (Annotations.find(handler, VaryOnCookie.class) != null) {
            names.add("Cookie");
        }
        return names;
    }

    static String[] directives(CacheControl cc, HandlerMethod handler) {
        if (cc.isPublic() && cc.isPrivate()) {
            throw new IllegalStateException("@CacheControl on " + handler + " has both isPublic and isPrivate");
        }
        List<String> d = new ArrayList<>();
        seconds(d, "max-age", cc.maxAge(), handler);
        seconds(d, "s-maxage", cc.sMaxAge(), handler);
        flag(d, "public", cc.isPublic());
        flag(d, "private", cc.isPrivate());
        flag(d, "no-cache", cc.noCache());
        for (String field : cc.noCacheFields()) {
            d.add("no-cache=\"" + field + "\"");
        }
        flag(d, "no-store", cc.noStore());
        flag(d, "no-transform", cc.noTransform());
        flag(d, "must-revalidate", cc.mustRevalidate());
        flag(d, "proxy-revalidate", cc.proxyRevalidate());
        flag(d, "immutable", cc.immutable());
        seconds(d, "stale-while-revalidate", cc.staleWhileRevalidate(), handler);
        seconds(d, "stale-if-error", cc.staleIfError(), handler);
        if (d.isEmpty()) {
            throw new IllegalStateException("@CacheControl on " + handler + " gives no directive");
        }
        return d.toArray(String[]::new);
    }

    private static void flag(List<String> directives, String name, boolean on) {
        if (on) {
            directives.add(name);
        }
    }

    private static void seconds(List<String> directives, String name, String value, HandlerMethod handler) {
        if (!value.isEmpty()) {
            directives.add(name + "=" + Annotations.duration(value, "@CacheControl " + name, handler).toSeconds());
        }
    }

    private ConditionalFilter conditional(Condition condition, HandlerMethod handler) {
        boolean etag = condition.etag() != ETagFunction.None.class;
        boolean lastModified = condition.lastModified() != LastModifiedFunction.None.class;
        if (!etag && !lastModified) {
            throw new IllegalStateException("@Condition on " + handler + " names neither an etag nor a lastModified function");
        }
        ETagFunction e = etag ? bean(condition.etag()) : null;
        LastModifiedFunction m = lastModified ? bean(condition.lastModified()) : null;
        return new ConditionalFilter(e == null ? null : r -> e.etag(r, HandlerResolver.pathVariables(r)),
                m == null ? null : r -> m.lastModified(r, HandlerResolver.pathVariables(r)));
    }

    /** The application's bean of that type when it has exactly one, otherwise one made for Larder. */
    private <T> T bean(Class<T> type) {
        T existing = beans.getBeanProvider(type).getIfUnique();
        return existing != null ? existing : beans.createBean(type);
    }
}
