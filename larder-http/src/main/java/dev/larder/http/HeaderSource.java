package dev.larder.http;

import java.util.List;

/**
 * Reads header field values by name, case-insensitively (RFC 9110 §5.1); each element is one
 * field line's value, in the order received. An absent field gives an empty list, never null.
 *
 * <p>This is how the parsers in this package see a request or a response without depending on
 * a servlet API: adapt whatever you have, for example
 * {@code name -> Collections.list(request.getHeaders(name))}, or use {@link Headers}.
 * Implementations should be safe to call from the thread that owns the message.
 */
@FunctionalInterface
public interface HeaderSource {
    /**
     * The values of every field line named {@code name}, compared case-insensitively.
     *
     * @return the values in order; empty, never null, when the field is absent
     */
    List<String> values(String name);
}
