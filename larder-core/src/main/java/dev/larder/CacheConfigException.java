package dev.larder;

/**
 * The cache configuration is wrong: a missing {@code default} alias, an unknown backend,
 * a timeout or option that does not parse. Thrown when the registry is built, never at
 * first use, and the message names the setting and the value.
 */
public class CacheConfigException extends CacheException {
    public CacheConfigException(String message) {
        super(message);
    }

    public CacheConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
