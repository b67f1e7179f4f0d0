package dev.larder.spring.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.core.annotation.AliasFor;

/**
 * Django's {@code cache_page(timeout, cache=, key_prefix=)}: the handler's responses are kept in
 * a Larder page cache for {@link #timeout}, whatever their max-age, and a later GET or HEAD for
 * the same URL (and the same values of the headers the page varies on) is answered from it
 * without calling the handler. Private, no-cache and no-store responses, responses that set a
 * cookie and responses that used the session without a cookie-keyed page are never stored.
 *
 * <pre>{@code
 * @CachePage("15m")
 * @GetMapping("/news")
 * String news(Model model) { ... }
 * }</pre>
 *
 * <p>Unlike Django's decorator, the cache runs outside Spring Security and session handling,
 * so the {@code Vary} and {@code Set-Cookie} they add are seen when the page is stored (Django
 * ticket #15855). Handlers with equal settings share one {@code PageCache}.
 *
 * <p>Stale pages (RFC 5861), per view:
 *
 * <pre>{@code
 * @CachePage(timeout = "60", staleWhileRevalidate = "30", staleIfError = "1h")
 * }</pre>
 *
 * keeps each page 60 s fresh; for 30 s after that, one request renders it again while the others
 * get the stale page at once; for an hour after that, a rendering that throws or answers 500,
 * 502, 503 or 504 is replaced by the stale page. A response's own
 * {@code stale-while-revalidate=N} / {@code stale-if-error=N} directive beats these.
 */
@Target({ ElementType.METHOD, ElementType.TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface CachePage {

    /** Alias for {@link #timeout}. */
    @AliasFor("timeout")
    String value() default "";

    /** How long pages are kept: seconds ({@code 900}), {@code 500ms}, {@code 30s}, {@code 15m}, {@code 2h}, {@code 1d}, or ISO-8601. */
    @AliasFor("value")
    String timeout() default "";

    /** The Larder cache alias (Django's {@code cache=}); default {@code default}. */
    String cache() default "default";

    /** Django's {@code key_prefix=}: put into the page keys, so two sites can share a store. */
    String keyPrefix() default "";

    /**
     * RFC 5861's {@code stale-while-revalidate}, in {@link #timeout}'s syntax ({@code 30} is
     * seconds); {@code 0} turns it off. Empty (the default): {@code larder.page-cache.stale-while-revalidate}.
     */
    String staleWhileRevalidate() default "";

    /**
     * RFC 5861's {@code stale-if-error}, in {@link #timeout}'s syntax ({@code 600} is seconds);
     * {@code 0} turns it off. Empty (the default): {@code larder.page-cache.stale-if-error}.
     */
    String staleIfError() default "";
}
