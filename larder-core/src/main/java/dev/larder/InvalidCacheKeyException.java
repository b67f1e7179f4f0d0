package dev.larder;

/**
 * A key the cache will not take: null, empty or not valid Unicode (an unpaired surrogate,
 * which UTF-8 stores as {@code ?}) always; longer than 250 characters or containing control
 * characters or spaces when the cache validates keys strictly (the {@code strict-keys} option)
 * or its backend cannot store such keys (Memcached). The message shows the key with control
 * characters escaped (see {@link dev.larder.spi.Keys#printable}).
 */
public class InvalidCacheKeyException extends CacheException {
    public InvalidCacheKeyException(String message) {
        super(message);
    }
}
