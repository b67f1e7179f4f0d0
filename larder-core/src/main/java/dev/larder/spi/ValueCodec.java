package dev.larder.spi;

import dev.larder.CacheValueTooLargeException;
import dev.larder.SerializationException;
import java.lang.System.Logger.Level;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A cache's {@link Serializer} with the error handling every byte-storing backend needs:
 * a value that cannot be encoded, or whose bytes are over the cache's
 * {@linkplain #maxValueSize() limit}, is an exception naming the key; bytes that cannot be
 * decoded, or are over the limit, are a miss, counted in {@code stats().errors()} and logged at
 * most once a minute per cache (a store full of planted entries would otherwise write a warning
 * per read).
 *
 * <p>The limit is checked here, on the encoded bytes, so every backend that stores bytes
 * refuses the same values. A backend reads no more than the limit (plus one byte, to tell a
 * value at the limit from one over it) of any stored value, and reports a longer one through
 * {@link #storedTooLarge}: one value planted by another program cannot hold a shared
 * connection for long.
 */
public final class ValueCodec {
    private static final System.Logger LOG = System.getLogger("dev.larder.serial");
    private static final long WARNING_INTERVAL_NANOS = 60_000_000_000L;

    private final String alias;
    private final Serializer serializer;
    private final StatsCounter stats;
    private final AtomicLong nextWarning = new AtomicLong(System.nanoTime());
    private final AtomicLong unlogged = new AtomicLong();
    private final long maxValueSize;

    /** A codec with {@link CacheBackendFactory#DEFAULT_MAX_VALUE_SIZE} as its limit. */
    public ValueCodec(String alias, Serializer serializer, StatsCounter stats) {
        this(alias, serializer, stats, CacheBackendFactory.DEFAULT_MAX_VALUE_SIZE);
    }

    /** A codec that refuses values whose bytes are longer than {@code maxValueSize}. */
    public ValueCodec(String alias, Serializer serializer, StatsCounter stats, long maxValueSize) {
        this.alias = Objects.requireNonNull(alias, "alias");
        this.serializer = Objects.requireNonNull(serializer, "serializer");
        this.stats = Objects.requireNonNull(stats, "stats");
        if (maxValueSize < 1) {
            throw new IllegalArgumentException("maxValueSize " + maxValueSize + " is below 1 byte");
        }
        this.maxValueSize = maxValueSize;
    }

    /** The largest value, in bytes once encoded, this cache stores. */
    public long maxValueSize() {
        return maxValueSize;
    }

    /** This codec with another limit, for a backend that learns its store's own limit when it connects. */
    public ValueCodec withMaxValueSize(long maxValueSize) {
        return new ValueCodec(alias, serializer, stats, maxValueSize);
    }

    public Serializer serializer() {
        return serializer;
    }

    /**
     * The bytes for {@code value}.
     *
     * @throws SerializationException naming the cache and key when the value cannot be encoded
     * @throws CacheValueTooLargeException when its bytes are longer than {@link #maxValueSize()}
     */
    public byte[] encode(CacheKey key, Object value) {
        byte[] bytes;
        try {
            bytes = serializer.serialize(value);
        } catch (RuntimeException e) {
            // A custom serializer may throw anything; the caller still gets one exception type.
            throw new SerializationException("cache '" + alias + "': cannot store key '" + key + "': "
                    + e.getMessage(), e);
        }
        checkSize(key, bytes);
        return bytes;
    }

    /**
     * The bytes of every entry, in the map's order, except those over the limit: their keys
     * are added to {@code tooLarge} instead (counted as errors), for a {@code setMany} that
     * stores the rest and reports them.
     *
     * @throws SerializationException as {@link #encode} does, before any entry is returned
     */
    public Map<CacheKey, byte[]> encodeEach(Map<CacheKey, ?> entries, Collection<CacheKey> tooLarge) {
        Map<CacheKey, byte[]> encoded = new LinkedHashMap<>();
        for (Map.Entry<CacheKey, ?> e : entries.entrySet()) {
            try {
                encoded.put(e.getKey(), encode(e.getKey(), e.getValue()));
            } catch (CacheValueTooLargeException refused) {
                tooLarge.add(e.getKey());
            }
        }
        return encoded;
    }

    private void checkSize(CacheKey key, byte[] bytes) {
        if (bytes.length == 0) {
            // Backends that read a bounded range (Redis GETRANGE) cannot tell an empty value
            // from a missing key, so no store ever holds one.
            throw new SerializationException("cache '" + alias + "': cannot store key '" + key + "': "
                    + serializer.getClass().getName() + " wrote no bytes; a stored value needs at least one");
        }
        if (bytes.length > maxValueSize) {
            stats.recordError();
            throw new CacheValueTooLargeException(alias, key.value(), bytes.length, maxValueSize);
        }
    }

    /**
     * Whether stored bytes of {@code size} are over the limit. If they are, they are logged and
     * counted as an error, and the caller treats them as a miss without reading them.
     */
    public boolean storedTooLarge(CacheKey key, long size) {
        if (size <= maxValueSize) {
            return false;
        }
        stats.recordError();
        warn(() -> "cache '" + alias + "': the stored value of key '" + key + "' is over "
                + maxValueSize + " bytes (options.max-value-size), treated as a miss and not read");
        return true;
    }

    /** The value for {@code bytes}, or null (a miss) when they do not decode. */
    public Object decode(CacheKey key, byte[] bytes) {
        try {
            return serializer.deserialize(bytes);
        } catch (RuntimeException e) {
            stats.recordError();
            warn(() -> "cache '" + alias + "': stored bytes of key '" + key + "' do not decode, treated as a miss: "
                    + e.getMessage());
            return null;
        }
    }

    /** Logs a stored entry that is a miss, at most once a minute, with the number not logged since. */
    private void warn(Supplier<String> message) {
        long now = System.nanoTime();
        long due = nextWarning.get();
        if (now - due >= 0 && nextWarning.compareAndSet(due, now + WARNING_INTERVAL_NANOS)) {
            long more = unlogged.getAndSet(0);
            LOG.log(Level.WARNING, () -> message.get() + (more > 0 ? " (" + more + " more since the last warning)" : ""));
        } else {
            unlogged.incrementAndGet();
        }
    }
}
