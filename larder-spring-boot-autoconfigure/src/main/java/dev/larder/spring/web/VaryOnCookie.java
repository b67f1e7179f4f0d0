package dev.larder.spring.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Django's {@code vary_on_cookie}: {@code Vary: Cookie} is added to the response, so a page
 * cache keeps one page for each {@code Cookie} header it sees. With both this and
 * {@link VaryOnHeaders} on a handler, {@code Cookie} comes after the listed headers.
 *
 * <pre>{@code
 * @CachePage("5m")
 * @VaryOnCookie
 * @GetMapping("/dashboard")
 * String dashboard(HttpSession session) { ... }
 * }</pre>
 */
@Target({ ElementType.METHOD, ElementType.TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface VaryOnCookie {
}
