package dev.larder;

/**
 * A stored value is not of the type an operation needs: {@code incr} on a value that is not
 * an integer, an {@code incr} whose result would overflow a {@code long}, or a typed
 * {@link Cache#get(String, Class)} of a value of another class.
 */
public class CacheValueTypeException extends CacheException {
    public CacheValueTypeException(String message) {
        super(message);
    }
}
