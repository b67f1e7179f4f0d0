package dev.larder.support;

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

/**
 * Values a cache in this process may hand to every reader as they are: a copy of them could
 * not be told apart, since nobody can change them. Local memory keeps them instead of their
 * bytes in copy mode, and a Redis near cache keeps them decoded; anything else is kept as bytes
 * and decoded for each reader.
 */
public final class ImmutableValues {
    private static final Set<Class<?>> TYPES = Set.of(
            String.class, Long.class, Integer.class, Short.class, Byte.class, Double.class, Float.class,
            Boolean.class, Character.class, BigInteger.class, BigDecimal.class, UUID.class, URI.class, Instant.class,
            LocalDate.class, LocalDateTime.class, LocalTime.class, OffsetDateTime.class, ZonedDateTime.class,
            Duration.class,
            // Read-only by contract, and what the page cache stores: every hit shares the instance
            // and the page it already decoded.
            ReadOnlyBytes.class);

    private ImmutableValues() {
    }

    /** Whether {@code value}'s class is one of these exact types (subclasses could be mutable). */
    public static boolean isImmutable(Object value) {
        return TYPES.contains(value.getClass());
    }
}
