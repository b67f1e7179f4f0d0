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

    /** The short name used in configuration, such as {@code locmem}. */
    String name();

    /** The backend-specific option names it understands; any other option is a config error. */
    default Set<String> options() {
        return Set.of();
    }

    /**
     * A backend for one configured cache. Throw {@link dev.larder.CacheConfigException}
     * naming the setting when the location or an option is unusable.
     */
    CacheBackend create(BackendContext context);
}
