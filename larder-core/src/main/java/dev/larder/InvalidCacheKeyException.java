package dev.larder;

/**
 * A key the cache will not take: null or not valid Unicode (an unpaired surrogate, which UTF-8
 * stores as {@code ?}) always; longer than 250 code points or containing control characters or
 * spaces when the cache validates keys strictly (the {@code strict-keys} option) or its backend
 * cannot store such keys (Memcached, which also refuses keys over 250 bytes and empty ones). For
 * those, the message is Django's, with the key as Python's {@code repr()} shows it (see
 * {@link dev.larder.support.Keys#quoted}).
 */
public class InvalidCacheKeyException extends CacheException {
    public InvalidCacheKeyException(String message) {
        super(message);
    }
}
