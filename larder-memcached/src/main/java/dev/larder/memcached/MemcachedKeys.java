package dev.larder.memcached;

import dev.larder.InvalidCacheKeyException;
import dev.larder.spi.CacheKey;
import dev.larder.support.Keys;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The keys Memcached can take: not empty, at most 250 bytes of UTF-8, no spaces or control
 * characters. Other backends warn about such keys; this one refuses them, as Django's memcached
 * backends do, with Django's message. The cache's key maker refuses what Django's check
 * catches before a call reaches the backend; this check is the backend's own, and the only one
 * that counts bytes.
 */
final class MemcachedKeys {
    static final int MAX_BYTES = 250;

    private MemcachedKeys() {
    }

    /**
     * The key's bytes, checked.
     *
     * @throws InvalidCacheKeyException naming the key and what is wrong with it: Django's words
     *         for what Django's check catches (over 250 code points, a space or control
     *         character), then for what only the client library would (over 250 bytes, empty)
     */
    static byte[] check(CacheKey key) {
        String value = key.value();
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_BYTES || bytes.length == 0 || hasControlOrSpace(bytes)) {
            List<String> django = Keys.memcacheKeyWarnings(value);
            if (!django.isEmpty()) {
                throw new InvalidCacheKeyException(django.get(0));
            }
            if (bytes.length == 0) {
                // A custom key function's "": Django passes it on and the server answers ERROR.
                throw new InvalidCacheKeyException("Memcached cannot take an empty key");
            }
            // 250 code points or fewer but more bytes: Django's check passes it and pymemcache
            // raises "Key is too long".
            throw new InvalidCacheKeyException("Cache key will cause errors if used with memcached: "
                    + Keys.quoted(value) + " (longer than " + MAX_BYTES + " bytes)");
        }
        return bytes;
    }

    private static boolean hasControlOrSpace(byte[] bytes) {
        for (byte b : bytes) {
            if ((b >= 0 && b <= 0x20) || b == 0x7f) {
                return true;
            }
        }
        return false;
    }
}
