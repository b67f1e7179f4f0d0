package dev.larder;

/**
 * Turns the key a caller gives into the key the store holds (Django's {@code KEY_FUNCTION}).
 * The default is {@code prefix:version:key}. An implementation named in configuration needs a
 * public no-argument constructor.
 *
 * <pre>{@code
 * KeyFunction hashed = (key, prefix, version) -> prefix + ":" + version + ":" + sha1(key);
 * }</pre>
 *
 * <p>Must be thread-safe and deterministic: the same arguments always give the same key.
 */
@FunctionalInterface
public interface KeyFunction {
    /** Django's default: {@code prefix + ":" + version + ":" + key}. */
    KeyFunction DEFAULT = (key, prefix, version) -> prefix + ":" + version + ":" + key;

    String makeKey(String key, String prefix, int version);
}
