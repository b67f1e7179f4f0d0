package dev.larder;

/**
 * Root of every exception Larder throws. All are unchecked, so callers catch only the
 * kinds they can act on: {@link CacheBackendException} for a failing store,
 * {@link InvalidCacheKeyException} for a key the cache refuses, and so on.
 */
public class CacheException extends RuntimeException {
    public CacheException(String message) {
        super(message);
    }

    public CacheException(String message, Throwable cause) {
        super(message, cause);
    }
}
