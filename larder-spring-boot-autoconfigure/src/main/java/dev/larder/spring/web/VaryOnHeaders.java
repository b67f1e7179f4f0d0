package dev.larder.spring.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Django's {@code vary_on_headers(*names)}: the names are added to the response's {@code Vary}
 * (case-insensitively, existing ones first, in their order and case). A page cache then keeps one
 * page for each combination of the request's values of those headers.
 *
 * <pre>{@code
 * @CachePage("10m")
 * @VaryOnHeaders("Accept-Language")
 * @GetMapping("/welcome")
 * String welcome(Locale locale) { ... }
 * }</pre>
 */
@Target({ ElementType.METHOD, ElementType.TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface VaryOnHeaders {
    /** The request header names; at least one. */
    String[] value();
}
