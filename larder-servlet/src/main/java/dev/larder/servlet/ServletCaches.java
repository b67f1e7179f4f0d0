package dev.larder.servlet;

import dev.larder.CacheRegistry;
import jakarta.servlet.ServletContext;
import java.util.Objects;

/**
 * Makes a {@link CacheRegistry} available to filters configured by name in {@code web.xml} or
 * with {@code @WebFilter}: they look it up in the servlet context under
 * {@link #REGISTRY_ATTRIBUTE}.
 *
 * <pre>{@code
 * public void contextInitialized(ServletContextEvent event) {
 *     ServletCaches.register(event.getServletContext(), CacheRegistry.load());
 * }
 * }</pre>
 */
public final class ServletCaches {
    public static final String REGISTRY_ATTRIBUTE = "dev.larder.CacheRegistry";

    private ServletCaches() {
    }

    public static void register(ServletContext context, CacheRegistry registry) {
        context.setAttribute(REGISTRY_ATTRIBUTE, Objects.requireNonNull(registry, "registry"));
    }
}
