package dev.larder.memcached;

import dev.larder.InvalidCacheKeyException;
import dev.larder.spi.CacheKey;
import dev.larder.spi.Keys;
import java.nio.charset.StandardCharsets;

/**
 * The keys Memcached can take: at most 250 bytes of UTF-8, no spaces or control characters.
 * Other backends warn about such keys; this one refuses them, as Django's memcached backends do.
 */
final class MemcachedKeys {
    static final int MAX_BYTES = 250;

    private MemcachedKeys() {
    }

    /**
     * The key's bytes, checked.
     *
     * @throws InvalidCacheKeyException naming the key and what is wrong with it
     */
    static byte[] check(CacheKey key) {
        String value = key.value();
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_BYTES) {
            throw new InvalidCacheKeyException("Cache key will cause errors if used with memcached: '"
                    + Keys.printable(value) + "' (longer than " + MAX_BYTES + " bytes)");
        }
        for (byte b : bytes) {
            if ((b >= 0 && b <= 0x20) || b == 0x7f) {
                throw new InvalidCacheKeyException("Cache key contains characters that will cause errors if used with"
                        + " memcached: '" + Keys.printable(value) + "'");
            }
        }
        return bytes;
    }
}
