package dev.larder;

/**
 * A key the cache will not take: null or empty always; longer than 250 characters or
 * containing control characters or spaces when the cache validates keys strictly (the
 * {@code strict-keys} option) or its backend cannot store such keys (Memcached).
 */
public class InvalidCacheKeyException extends CacheException {
    public InvalidCacheKeyException(String message) {
        super(message);
    }
}
