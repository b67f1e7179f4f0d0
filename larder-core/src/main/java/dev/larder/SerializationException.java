package dev.larder;

/**
 * A value cannot be turned into bytes (thrown by {@code set} and friends, and nothing is
 * stored), or stored bytes cannot be turned back into a value (backends report that as a
 * miss, logged and counted in {@link CacheStats#errors()}).
 */
public class SerializationException extends CacheException {
    public SerializationException(String message) {
        super(message);
    }

    public SerializationException(String message, Throwable cause) {
        super(message, cause);
    }
}
