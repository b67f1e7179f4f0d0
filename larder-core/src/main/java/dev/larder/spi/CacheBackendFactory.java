package dev.larder.spi;

import java.util.Set;

/**
 * Makes backends of one kind. Found through {@link java.util.ServiceLoader}: list the
 * implementation in {@code META-INF/services/dev.larder.spi.CacheBackendFactory} and a
 * configuration can name it by {@link #name()} or by class name, with no change to Larder.
 *
 * <pre>{@code
 * public final class MyStoreFactory implements CacheBackendFactory {
 *     public String name() { return "mystore"; }
 *     public Set<String> options() { return Set.of("shards"); }
 *     public CacheBackend create(BackendContext context) {
 *         return new MyStore(context.location(), context.options().intValue("shards", 4, 1));
 *     }
 * }
 * }</pre>
 */
public interface CacheBackendFactory {
    /** 16 MiB: the largest serialised value a cache stores unless its backend or configuration says otherwise. */
    long DEFAULT_MAX_VALUE_SIZE = 16L * 1024 * 1024;

    /** The short name used in configuration, such as {@code locmem}. */
    String name();

    /** The backend-specific option names it understands; any other option is a config error. */
    default Set<String> options() {
        return Set.of();
    }

    /**
     * The largest serialised value, in bytes, a cache of this backend stores when
     * {@code options.max-value-size} is not set. The limit bounds what one call can put on a
     * connection shared with other callers; {@link ValueCodec#encode} refuses larger values
     * and backends read no more than the limit of any stored value. The default is
     * {@link #DEFAULT_MAX_VALUE_SIZE}.
     */
    default long defaultMaxValueSize() {
        return DEFAULT_MAX_VALUE_SIZE;
    }

    /**
     * A backend for one configured cache. Throw {@link dev.larder.CacheConfigException}
     * naming the setting when the location or an option is unusable.
     */
    CacheBackend create(BackendContext context);
}
