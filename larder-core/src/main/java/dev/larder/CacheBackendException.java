package dev.larder;

/**
 * The store behind a cache failed: an I/O error, a server that does not answer, a
 * database error. The direct {@link Cache} API surfaces it; the integrations (page cache,
 * Hibernate, Spring) treat it as a miss, log it and keep serving. A
 * {@link CacheUnavailableException} says the call did not reach the store at all: its circuit
 * breaker is open.
 */
public class CacheBackendException extends CacheException {
    public CacheBackendException(String message, Throwable cause) {
        super(message, cause);
    }

    public CacheBackendException(String message) {
        super(message);
    }
}
