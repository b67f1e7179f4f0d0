package dev.larder.servlet;

import dev.larder.CacheRegistry;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import java.util.EnumSet;
import java.util.function.Consumer;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;

/**
 * Context setups for {@link WebApp.Builder#setup} that {@code WebApp} has no method for: filters
 * declared by class with init-params, as {@code web.xml} declares them, async-supported filters
 * and servlets, and the registry attribute named filters read.
 *
 * <p>Setups run before {@code WebApp} adds its own filters, so a filter added here is outside
 * (runs before) every filter given to {@link WebApp.Builder#filter}.
 */
final class Holders {
    private Holders() {
    }

    /** Puts {@code registry} where filters configured by init-params look for it. */
    static Consumer<ServletContextHandler> registry(CacheRegistry registry) {
        return context -> context.setAttribute(ServletCaches.REGISTRY_ATTRIBUTE, registry);
    }

    /**
     * A filter the container instantiates and initialises, as from a {@code <filter>} element:
     * {@code params} are init-param name, value pairs.
     */
    static Consumer<ServletContextHandler> declared(String name, Class<? extends Filter> type, String pattern,
            String... params) {
        return context -> {
            FilterHolder holder = new FilterHolder(type);
            holder.setName(name);
            for (int i = 0; i < params.length; i += 2) {
                holder.setInitParameter(params[i], params[i + 1]);
            }
            context.addFilter(holder, pattern, EnumSet.of(DispatcherType.REQUEST));
        };
    }

    /**
     * Starts {@code app}, which must fail to start, and returns the messages of the failure, its
     * causes and what it suppressed, one per line: Jetty wraps a filter's init failure.
     */
    static String startupFailure(WebApp.Builder app) {
        WebApp started;
        try {
            started = app.start();
        } catch (Exception e) {
            return messages(e, new StringBuilder()).toString();
        }
        try {
            started.close();
        } catch (Exception e) {
            throw new AssertionError("the app started, then failed to stop", e);
        }
        throw new AssertionError("the app started; expected a filter init failure");
    }

    private static StringBuilder messages(Throwable t, StringBuilder out) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            out.append(c.getClass().getName()).append(": ").append(c.getMessage()).append('\n');
            for (Throwable s : c.getSuppressed()) {
                messages(s, out);
            }
        }
        return out;
    }

    /** {@code <async-supported>true</async-supported>} on a filter instance. */
    static Consumer<ServletContextHandler> asyncFilter(Filter filter, String pattern) {
        return context -> {
            FilterHolder holder = new FilterHolder(filter);
            holder.setAsyncSupported(true);
            context.addFilter(holder, pattern, EnumSet.of(DispatcherType.REQUEST));
        };
    }

    /** {@code <async-supported>true</async-supported>} on a servlet instance. */
    static Consumer<ServletContextHandler> asyncServlet(HttpServlet servlet, String pattern) {
        return context -> {
            ServletHolder holder = new ServletHolder(servlet);
            holder.setAsyncSupported(true);
            context.addServlet(holder, pattern);
        };
    }
}
