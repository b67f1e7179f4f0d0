package dev.larder;

/**
 * A {@code getOrSet} that missed waited for another thread's load of the same key longer than
 * the cache's {@code load-wait} (30 seconds by default) allows. The other load goes on; this
 * caller may retry, or load the value itself. A common cause is two loaders that each ask for
 * the key the other is loading.
 */
public class CacheLoadTimeoutException extends CacheException {
    public CacheLoadTimeoutException(String message) {
        super(message);
    }
}
