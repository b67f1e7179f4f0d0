package dev.larder.jcache;

import dev.larder.spi.Serializer;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Store-by-value in this JVM's memory (JSR-107 section 5.3): what the cache holds must not
 * change when the caller changes what it passed or got. Values and keys of immutable classes
 * need no copy and are kept as given (Caffeine's and Ehcache's providers do the same); others
 * are kept as their bytes in the template cache's serializer, and each read makes a fresh object
 * from them, with the manager's class loader. So the allow-list applies here as on a shared
 * store: a class it refuses is refused on locmem too, not first in production on Redis.
 */
final class Copies {
    private static final Set<Class<?>> IMMUTABLE = Set.of(
            String.class, Long.class, Integer.class, Short.class, Byte.class, Double.class, Float.class,
            Boolean.class, Character.class, BigInteger.class, BigDecimal.class, UUID.class, URI.class,
            Instant.class, LocalDate.class, LocalDateTime.class, LocalTime.class, OffsetDateTime.class,
            ZonedDateTime.class, Duration.class);

    private final Serializer serializer;
    private final InLoader inLoader;

    Copies(Serializer serializer, ClassLoader loader) {
        this.serializer = serializer;
        this.inLoader = new InLoader(loader);
    }

    /** A mutable object as held: its bytes. */
    private record Held(byte[] bytes) {
    }

    /** The record as the map holds it: key copied now, value kept as bytes unless immutable. */
    Stored in(Stored s) {
        Object key = immutable(s.key()) ? s.key() : fresh(bytes(s.key()));
        Object value = immutable(s.value()) ? s.value() : new Held(bytes(s.value()));
        return new Stored(key, value, s.expiresAt(), s.stamp());
    }

    /** The record as a caller may see it: a fresh copy of a value held as bytes. */
    Stored out(Stored s) {
        if (!(s.value() instanceof Held) && immutable(s.key())) {
            return s;
        }
        Object key = immutable(s.key()) ? s.key() : fresh(bytes(s.key()));
        Object value = s.value() instanceof Held h ? fresh(h.bytes()) : s.value();
        return new Stored(key, value, s.expiresAt(), s.stamp());
    }

    private static boolean immutable(Object o) {
        return o instanceof String || IMMUTABLE.contains(o.getClass()) || o instanceof Enum<?>;
    }

    private byte[] bytes(Object o) {
        return withLoader(() -> serializer.serialize(o));
    }

    private Object fresh(byte[] bytes) {
        return withLoader(() -> serializer.deserialize(bytes));
    }

    private <T> T withLoader(Supplier<T> call) {
        return inLoader.call(call);
    }
}
