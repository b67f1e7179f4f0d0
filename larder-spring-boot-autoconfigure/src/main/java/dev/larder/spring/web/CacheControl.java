package dev.larder.spring.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Django's {@code cache_control(**directives)}: after the handler, the directives are merged
 * into the response's {@code Cache-Control} with Django's rules: the smaller {@code max-age}
 * wins, {@code public} and {@code private} replace each other, {@code no-cache} field names
 * accumulate, and other directives overwrite.
 *
 * <pre>{@code
 * @CacheControl(isPublic = true, maxAge = "1h")
 * @GetMapping("/logo")
 * byte[] logo() { ... }          // Cache-Control: public, max-age=3600
 * }</pre>
 *
 * <p>Durations are whole seconds ({@code 3600}) or take a unit ({@code 30s}, {@code 5m},
 * {@code 1h}, {@code 1d}); an empty string leaves the directive out. A handler with both
 * {@code isPublic} and {@code isPrivate}, or with no directive at all, is refused at its first
 * request with an {@code IllegalStateException}.
 */
@Target({ ElementType.METHOD, ElementType.TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface CacheControl {
    /** {@code max-age}. */
    String maxAge() default "";

    /** {@code s-maxage}. */
    String sMaxAge() default "";

    /** {@code public} ({@code public} is a Java keyword). */
    boolean isPublic() default false;

    /** {@code private}. */
    boolean isPrivate() default false;

    /** A bare {@code no-cache}. */
    boolean noCache() default false;

    /** {@code no-cache="<field>"}, one directive for each field name, e.g. {@code "Set-Cookie"}. */
    String[] noCacheFields() default {};

    /** {@code no-store}. */
    boolean noStore() default false;

    /** {@code no-transform}. */
    boolean noTransform() default false;

    /** {@code must-revalidate}. */
    boolean mustRevalidate() default false;

    /** {@code proxy-revalidate}. */
    boolean proxyRevalidate() default false;

    /** {@code immutable}. */
    boolean immutable() default false;

    /** {@code stale-while-revalidate}. */
    String staleWhileRevalidate() default "";

    /** {@code stale-if-error}. */
    String staleIfError() default "";
}
