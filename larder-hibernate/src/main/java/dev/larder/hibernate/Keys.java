package dev.larder.hibernate;

import dev.larder.support.Md5;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Cache keys of the model cache. They are built from the entity name and the identifying
 * value, never from a user string alone; a value that is not a plain number is hashed, so
 * any value makes a key every backend accepts (no spaces, no control characters, bounded).
 */
final class Keys {
    private Keys() {
    }

    static String byId(String entityName, Object id, List<String> fetch) {
        return "model:" + entityName + ":id:" + part(id) + fetchPart(fetch);
    }

    /** Attributes in name order; names and values length-prefixed, so no two sets hash alike by construction. */
    static String byFields(String entityName, SortedMap<String, Object> values, List<String> fetch) {
        StringBuilder text = new StringBuilder();
        values.forEach((name, value) -> {
            String v = value.getClass().getName() + ":" + value;
            text.append(name.length()).append(':').append(name).append(v.length()).append(':').append(v);
        });
        return "model:" + entityName + ":by:" + String.join(",", values.keySet()) + ":" + hash(text.toString())
                + fetchPart(fetch);
    }

    static String all(String entityName) {
        return "model:" + entityName + ":all";
    }

    /** A number as itself; anything else as the md5 of its string form. */
    static String part(Object value) {
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return value.toString();
        }
        return "h" + hash(value.getClass().getName() + ":" + value);
    }

    /** Fetch lists are few and repeat on every read: each is hashed once. */
    private static final Map<List<String>, String> FETCH_PARTS = new ConcurrentHashMap<>();

    private static String fetchPart(List<String> fetch) {
        return fetch.isEmpty() ? "" : FETCH_PARTS.computeIfAbsent(fetch, f -> ":fetch:" + hash(String.join(",", f)));
    }

    private static String hash(String text) {
        return Md5.hex(text);
    }
}
