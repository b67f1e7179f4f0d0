/**
 * Larder's page cache and Django's cache decorators for Spring MVC.
 *
 * <p>Handler annotations, on a controller method or its class (the method's wins):
 * {@link dev.larder.spring.web.CachePage} (Django's {@code cache_page}),
 * {@link dev.larder.spring.web.CacheControl} ({@code cache_control}),
 * {@link dev.larder.spring.web.NeverCache} ({@code never_cache}),
 * {@link dev.larder.spring.web.VaryOnHeaders} and {@link dev.larder.spring.web.VaryOnCookie}
 * ({@code vary_on_headers}, {@code vary_on_cookie}) and {@link dev.larder.spring.web.Condition}
 * ({@code condition}, {@code etag}, {@code last_modified}).
 *
 * <p>They are applied by servlet filters, not by a {@code HandlerInterceptor}: an interceptor
 * sees neither the finished response (to store it) nor a way to answer without the handler
 * that keeps other filters' headers. {@link dev.larder.spring.web.LarderHandlerFilter} finds
 * the handler a request will reach through Spring MVC's own handler mappings, before the
 * {@code DispatcherServlet} does, and runs larder-servlet's filters for its annotations around
 * the rest of the chain. {@link dev.larder.spring.web.SessionVaryFilter} is Django's
 * {@code SessionMiddleware} rule: a response whose rendering used the session varies on
 * {@code Cookie}.
 *
 * <p>Spring Boot registers all of them ({@code LarderWebMvcAutoConfiguration}); the classes
 * are public so an application without auto-configuration can register them itself.
 */
package dev.larder.spring.web;
