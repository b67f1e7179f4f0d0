package dev.larder.spring.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Django's {@code never_cache}: the response says
 * {@code Cache-Control: max-age=0, no-cache, no-store, must-revalidate, private} (directives
 * the handler set stay in front) and, unless it has one, {@code Expires} now. No cache stores it,
 * Larder's page caches included.
 *
 * <pre>{@code
 * @NeverCache
 * @GetMapping("/account")
 * String account() { ... }
 * }</pre>
 */
@Target({ ElementType.METHOD, ElementType.TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface NeverCache {
}
