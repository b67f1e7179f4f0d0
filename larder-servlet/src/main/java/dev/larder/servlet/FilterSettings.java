package dev.larder.servlet;

import dev.larder.CacheRegistry;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import java.time.Duration;

/**
 * Reads a page cache's settings from a filter's init-params, so filters can be declared in
 * {@code web.xml}:
 *
 * <ul>
 *   <li>{@code alias}: the cache, default {@code default};
 *   <li>{@code key-prefix}: default "";
 *   <li>{@code timeout}: seconds for pages without max-age, default 600;
 *   <li>{@code page-timeout}: seconds that beat max-age (Django's {@code cache_page});
 *   <li>{@code status-header}: default {@code X-Larder-Cache}; {@code none} sends none;
 *   <li>{@code server-timing}: {@code true} adds {@code Server-Timing: larder-page;desc="HIT"}
 *       (or MISS, BYPASS) to each response; default {@code false};
 *   <li>{@code stampede-wait-ms}: default 5000; 0 turns waiting off;
 *   <li>{@code max-page-bytes}: default 1048576;
 *   <li>{@code stale-while-revalidate}, {@code stale-if-error}: seconds (RFC 5861), default 0.
 * </ul>
 */
final class FilterSettings {
    private FilterSettings() {
    }

    static PageCache pageCache(FilterConfig config) throws ServletException {
        CacheRegistry registry = registry(config);
        String alias = param(config, "alias", CacheRegistry.DEFAULT_ALIAS);
        PageCache.Builder b = builder(config, registry, alias);
        String filter = config.getFilterName();
        setting(filter, "key-prefix", () -> b.keyPrefix(param(config, "key-prefix", "")));
        long timeout = number(config, "timeout", PageCache.DEFAULT_TIMEOUT.toSeconds());
        setting(filter, "timeout", () -> b.timeout(Duration.ofSeconds(timeout)));
        if (config.getInitParameter("page-timeout") != null) {
            long pageTimeout = number(config, "page-timeout", 0);
            setting(filter, "page-timeout", () -> b.pageTimeout(Duration.ofSeconds(pageTimeout)));
        }
        String status = param(config, "status-header", PageCache.DEFAULT_STATUS_HEADER);
        setting(filter, "status-header", () -> b.statusHeader("none".equalsIgnoreCase(status) ? null : status));
        String timing = param(config, "server-timing", "false");
        if (!timing.equals("true") && !timing.equals("false")) {
            throw new IllegalArgumentException("filter '" + filter + "': server-timing must be true or false, got '"
                    + timing + "'");
        }
        b.serverTiming(Boolean.parseBoolean(timing));
        long wait = number(config, "stampede-wait-ms", PageCache.DEFAULT_STAMPEDE_WAIT.toMillis());
        setting(filter, "stampede-wait-ms", () -> b.stampedeWait(Duration.ofMillis(wait)));
        long maxBytes = number(config, "max-page-bytes", PageCache.DEFAULT_MAX_PAGE_BYTES);
        setting(filter, "max-page-bytes", () -> b.maxPageBytes((int) Math.min(Integer.MAX_VALUE, maxBytes)));
        long swr = number(config, "stale-while-revalidate", 0);
        setting(filter, "stale-while-revalidate", () -> b.staleWhileRevalidate(Duration.ofSeconds(swr)));
        long sie = number(config, "stale-if-error", 0);
        setting(filter, "stale-if-error", () -> b.staleIfError(Duration.ofSeconds(sie)));
        return b.build();
    }

    private static PageCache.Builder builder(FilterConfig config, CacheRegistry registry, String alias)
            throws ServletException {
        try {
            return PageCache.builder(registry.cache(alias));
        } catch (RuntimeException e) {
            throw new ServletException("filter '" + config.getFilterName() + "': init-param alias: " + e.getMessage(), e);
        }
    }

    /** Applies one builder setting; a value it rejects fails the filter's start, naming filter and init-param. */
    private static void setting(String filter, String param, Runnable apply) throws ServletException {
        try {
            apply.run();
        } catch (IllegalArgumentException e) {
            throw new ServletException("filter '" + filter + "': init-param " + param + ": " + e.getMessage(), e);
        }
    }

    static CacheRegistry registry(FilterConfig config) throws ServletException {
        Object registry = config.getServletContext().getAttribute(ServletCaches.REGISTRY_ATTRIBUTE);
        if (!(registry instanceof CacheRegistry caches)) {
            throw new ServletException("filter '" + config.getFilterName() + "' needs a CacheRegistry in the"
                    + " servlet context attribute " + ServletCaches.REGISTRY_ATTRIBUTE
                    + " (ServletCaches.register(context, registry)), found " + registry);
        }
        return caches;
    }

    static String param(FilterConfig config, String name, String fallback) {
        String value = config.getInitParameter(name);
        return value == null ? fallback : value.trim();
    }

    static long number(FilterConfig config, String name, long fallback) throws ServletException {
        String value = config.getInitParameter(name);
        if (value == null) {
            return fallback;
        }
        try {
            long n = Long.parseLong(value.trim());
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below, with the filter and parameter named
        }
        throw new ServletException("filter '" + config.getFilterName() + "': init-param " + name
                + " must be a whole number, zero or more, got '" + value + "'");
    }
}
