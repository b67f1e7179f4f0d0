package dev.larder.spring.cache;

import java.util.Optional;

/**
 * How Spring's values are held in a Larder cache, which never stores {@code null} and reads
 * {@code Integer}, {@code Short} and {@code Byte} back as {@code Long} (they are counters there).
 * A {@code null} is stored as {@link Optional#empty()}, and those three types inside an
 * {@link Optional}, where Larder's serializer keeps their class: a method returning {@code int}
 * gets an {@code Integer} back, never a {@code Long}. Nothing is stored through Java serialisation
 * (Spring's {@code NullValue} would need it). A value written directly as an {@code Optional}
 * ({@code cache.put(k, Optional.empty())}) therefore reads back as what it holds; Spring's
 * {@code @Cacheable} unwraps {@code Optional} results before they reach the cache anyway.
 */
final class StoredValues {
    private StoredValues() {
    }

    /** What to store for {@code value}; the caller has already refused a null it does not allow. */
    static Object toStore(Object value) {
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return Optional.of(value);
        }
        return value;
    }

    /** The Spring value of what was read, where {@code stored} is not null (a hit). */
    static Object fromStore(Object stored) {
        if (stored instanceof Optional<?> o) {
            return o.orElse(null);
        }
        return stored;
    }
}
