package dev.larder.spring.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Django's {@code condition(etag_func, last_modified_func)} (and {@code etag},
 * {@code last_modified}): the functions compute the resource's validators from the request and
 * its path variables <em>before</em> the handler runs; the request's preconditions are then
 * evaluated (RFC 9110 §13.2.2) and answered with 304 Not Modified (GET, HEAD) or 412
 * Precondition Failed (a failed {@code If-Match} or {@code If-Unmodified-Since}, or an
 * {@code If-None-Match} that matches on another method) <em>without calling the handler</em>.
 * Otherwise the handler runs, and a GET or HEAD response gets the {@code ETag} and
 * {@code Last-Modified} headers unless it set its own. Spring's {@code ShallowEtagHeaderFilter}
 * renders the page first; this does not.
 *
 * <pre>{@code
 * @Component
 * class ArticleVersion implements ETagFunction {
 *     private final ArticleRepository articles;
 *     ArticleVersion(ArticleRepository articles) { this.articles = articles; }
 *     public String etag(HttpServletRequest request, Map<String, String> pathVariables) {
 *         return articles.version(pathVariables.get("id"));        // null: no such article
 *     }
 * }
 *
 * @Condition(etag = ArticleVersion.class)
 * @GetMapping("/articles/{id}")
 * Article article(@PathVariable String id) { ... }
 * }</pre>
 *
 * <p>Each function class is the application's bean of that type when there is exactly one,
 * otherwise an instance created and autowired for Larder. ETags may be returned quoted or not
 * ({@code "v7"}, {@code W/"v7"} or {@code v7}); ETags are compared with RFC 9110's list parsing
 * and weak or strong comparison. Named {@code Condition} after Django's decorator, and so as not
 * to be confused with Spring's {@code @Conditional}.
 */
@Target({ ElementType.METHOD, ElementType.TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Condition {
    /** The ETag function; {@link ETagFunction.None} for none. */
    Class<? extends ETagFunction> etag() default ETagFunction.None.class;

    /** The Last-Modified function; {@link LastModifiedFunction.None} for none. */
    Class<? extends LastModifiedFunction> lastModified() default LastModifiedFunction.None.class;
}
