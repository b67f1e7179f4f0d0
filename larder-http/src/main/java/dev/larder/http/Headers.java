package dev.larder.http;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable, case-insensitive multimap of header fields that keeps insertion order; the
 * simplest {@link HeaderSource}, handy for tests and for headers gathered by hand.
 *
 * <pre>{@code
 * Headers response = Headers.of("Cache-Control", "max-age=60", "Vary", "Cookie", "vary", "Accept");
 * response.values("VARY");          // ["Cookie", "Accept"]
 * response.first("Expires");        // Optional.empty()
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class Headers implements HeaderSource {
    private static final Headers EMPTY = new Headers(Map.of());

    /** Lower-cased name to values, in order of first appearance of the name. */
    private final Map<String, List<String>> fields;

    private Headers(Map<String, List<String>> fields) {
        this.fields = fields;
    }

    /**
     * Headers from alternating names and values: {@code of("Vary", "Cookie", "Expires", "0")}.
     * A name given twice gives two field lines.
     *
     * @throws IllegalArgumentException if the count is odd
     * @throws NullPointerException if any name or value is null
     */
    public static Headers of(String... nameValuePairs) {
        if (nameValuePairs.length % 2 != 0) {
            throw new IllegalArgumentException("expected name-value pairs but got " + nameValuePairs.length
                    + " strings: " + String.join(", ", nameValuePairs));
        }
        Map<String, List<String>> fields = new LinkedHashMap<>();
        for (int i = 0; i < nameValuePairs.length; i += 2) {
            String name = Objects.requireNonNull(nameValuePairs[i], "header name");
            String value = Objects.requireNonNull(nameValuePairs[i + 1], () -> "value of header " + name);
            fields.computeIfAbsent(key(name), k -> new ArrayList<>()).add(value);
        }
        fields.replaceAll((name, values) -> List.copyOf(values));
        return new Headers(Collections.unmodifiableMap(fields));
    }

    /** No header fields at all. */
    public static Headers empty() {
        return EMPTY;
    }

    @Override
    public List<String> values(String name) {
        return fields.getOrDefault(key(name), List.of());
    }

    /** The value of the first field line named {@code name}, if any. */
    public Optional<String> first(String name) {
        List<String> values = values(name);
        return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    // Field names are ASCII tokens (RFC 9110 §5.1), so a root-locale lower case is exact.
    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Headers other && fields.equals(other.fields);
    }

    @Override
    public int hashCode() {
        return fields.hashCode();
    }

    @Override
    public String toString() {
        return "Headers" + fields;
    }
}
