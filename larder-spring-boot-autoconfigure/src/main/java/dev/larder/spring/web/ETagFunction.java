package dev.larder.spring.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;

/**
 * The entity tag of the resource a request addresses, computed before the handler runs (see
 * {@link Condition}). Called once per request, on the request's thread; it should be cheap
 * (a version column, a file's hash), since it replaces rendering the page, not adds to it.
 */
@FunctionalInterface
public interface ETagFunction {

    /**
     * Returns the tag, quoted or not ({@code "v7"}, {@code W/"v7"} or {@code v7}), or
     * {@code null} when the resource has none (or does not exist).
     *
     * @param pathVariables the handler mapping's URI template variables, e.g. {@code id}
     */
    String etag(HttpServletRequest request, Map<String, String> pathVariables);

    /** The default of {@link Condition#etag()}: no ETag function. */
    final class None implements ETagFunction {
        private None() {
        }

        @Override
        public String etag(HttpServletRequest request, Map<String, String> pathVariables) {
            return null;
        }
    }
}
