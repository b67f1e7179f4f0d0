/**
 * Page caching for Jakarta Servlet 6 containers: Django's per-site cache
 * ({@link dev.larder.servlet.CacheFilter}, or {@link dev.larder.servlet.UpdateCacheFilter} and
 * {@link dev.larder.servlet.FetchFromCacheFilter}), per-view caching (the same filter with a
 * page timeout, mapped to URL patterns or servlets), the header filters
 * ({@link dev.larder.servlet.CacheControlFilter}, {@link dev.larder.servlet.NeverCacheFilter},
 * {@link dev.larder.servlet.VaryOnHeadersFilter}, {@link dev.larder.servlet.ConditionalFilter},
 * {@link dev.larder.servlet.ConditionalGetFilter}) and {@link dev.larder.servlet.FragmentCache}.
 * A {@link dev.larder.servlet.PageCache} may serve pages stale (RFC 5861) while one request
 * renders them again, or in place of a failed rendering.
 *
 * <p>The HTTP rules themselves are servlet-free, in {@code dev.larder.http}.
 */
package dev.larder.servlet;
