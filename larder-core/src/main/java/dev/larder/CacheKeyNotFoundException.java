package dev.larder;

import dev.larder.support.Keys;

/**
 * {@code incr}, {@code decr}, {@code incrVersion} or {@code decrVersion} was called on a key
 * that is missing or expired (Django's {@code ValueError("Key ... not found")}).
 */
public class CacheKeyNotFoundException extends CacheException {
    public CacheKeyNotFoundException(String key) {
        super("Key '" + Keys.printable(key) + "' not found");
    }
}
