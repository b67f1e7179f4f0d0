package dev.larder.spi;

import dev.larder.SerializationException;

/**
 * Turns values into bytes and back, for backends that store bytes. Named in configuration by
 * class (option {@code serializer}); an implementation needs a public constructor taking an
 * {@link dev.larder.serial.AllowList}, or a public no-argument one.
 *
 * <p>A serializer must never instantiate a class the user has not allowed while decoding:
 * bytes in a shared store can be written by anyone who reaches the store. Integral values
 * arrive as {@code Long}; a serializer that writes them as ASCII decimal digits (as the
 * default does) lets Redis and Memcached increment them atomically. Implementations must be
 * thread-safe.
 */
public interface Serializer {

    /**
     * The bytes for a non-null value: at least one, since a backend that reads a bounded range
     * (Redis {@code GETRANGE}) takes an empty value for a missing key; an empty result is
     * refused at {@code set}.
     */
    byte[] serialize(Object value) throws SerializationException;

    /** The value for bytes made by {@link #serialize}. */
    Object deserialize(byte[] bytes) throws SerializationException;
}
