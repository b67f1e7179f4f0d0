package dev.larder.spi;

import dev.larder.SerializationException;
import java.lang.System.Logger.Level;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A cache's {@link Serializer} with the error handling every byte-storing backend needs:
 * a value that cannot be encoded is an exception naming the key; bytes that cannot be decoded
 * are a miss, counted in {@code stats().errors()} and logged at most once a minute per cache
 * (a store full of planted entries would otherwise write a warning per read).
 */
public final class ValueCodec {
    private static final System.Logger LOG = System.getLogger("dev.larder.serial");
    private static final long WARNING_INTERVAL_NANOS = 60_000_000_000L;

    private final String alias;
    private final Serializer serializer;
    private final StatsCounter stats;
    private final AtomicLong nextWarning = new AtomicLong(System.nanoTime());
    private final AtomicLong unlogged = new AtomicLong();

    public ValueCodec(String alias, Serializer serializer, StatsCounter stats) {
        this.alias = Objects.requireNonNull(alias, "alias");
        this.serializer = Objects.requireNonNull(serializer, "serializer");
        this.stats = Objects.requireNonNull(stats, "stats");
    }

    public Serializer serializer() {
        return serializer;
    }

    /**
     * The bytes for {@code value}.
     *
     * @throws SerializationException naming the cache and key when the value cannot be encoded
     */
    public byte[] encode(CacheKey key, Object value) {
        try {
            return serializer.serialize(value);
        } catch (RuntimeException e) {
            // A custom serializer may throw anything; the caller still gets one exception type.
            throw new SerializationException("cache '" + alias + "': cannot store key '" + key + "': "
                    + e.getMessage(), e);
        }
    }

    /** The value for {@code bytes}, or null (a miss) when they do not decode. */
    public Object decode(CacheKey key, byte[] bytes) {
        try {
            return serializer.deserialize(bytes);
        } catch (RuntimeException e) {
            stats.recordError();
            long now = System.nanoTime();
            long due = nextWarning.get();
            if (now - due >= 0 && nextWarning.compareAndSet(due, now + WARNING_INTERVAL_NANOS)) {
                long more = unlogged.getAndSet(0);
                LOG.log(Level.WARNING, () -> "cache '" + alias + "': stored bytes of key '" + key
                        + "' do not decode, treated as a miss: " + e.getMessage()
                        + (more > 0 ? " (" + more + " more since the last warning)" : ""));
            } else {
                unlogged.incrementAndGet();
            }
            return null;
        }
    }
}
