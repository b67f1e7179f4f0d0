package dev.larder.spring.web;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.Map;

/**
 * When the resource a request addresses last changed, computed before the handler runs (see
 * {@link Condition}). HTTP dates have whole seconds, so the instant is compared, and sent, to
 * the second. Called once per request, on the request's thread.
 */
@FunctionalInterface
public interface LastModifiedFunction {

    /**
     * Returns the modification time, or {@code null} when it is unknown.
     *
     * @param pathVariables the handler mapping's URI template variables, e.g. {@code id}
     */
    Instant lastModified(HttpServletRequest request, Map<String, String> pathVariables);

    /** The default of {@link Condition#lastModified()}: no Last-Modified function. */
    final class None implements LastModifiedFunction {
        private None() {
        }

        @Override
        public Instant lastModified(HttpServletRequest request, Map<String, String> pathVariables) {
            return null;
        }
    }
}
