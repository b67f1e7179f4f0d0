package dev.larder.spi;

import java.util.Set;

/**
 * Wraps the backends a {@link dev.larder.CacheRegistry} creates, such as with a circuit
 * breaker ({@code larder-resilience}). Found through {@link java.util.ServiceLoader}: list the
 * implementation in {@code META-INF/services/dev.larder.spi.BackendDecorator}. Every decorator
 * on the class path is applied, in the order the service loader finds them, to every backend
 * right after it is created; one that does not apply returns the backend itself.
 *
 * <p>The wrapper must keep the {@link CacheBackend} contract: {@code capabilities()} unchanged,
 * {@code close()} and {@code discard()} passed on. If {@code decorate} throws (a
 * {@link dev.larder.CacheConfigException} naming a bad option), the backend is discarded.
 * Implementations must be thread-safe.
 */
public interface BackendDecorator {

    /**
     * The option names (under {@code options.}) this decorator reads; they are known options of
     * every cache, whatever its backend.
     */
    Set<String> options();

    /**
     * The backend to use in place of {@code backend}: a wrapper, or {@code backend} itself.
     *
     * @param backend     the backend just created
     * @param context     what it was created from (alias, location, options)
     * @param backendName the configured backend's name, such as {@code redis}
     */
    CacheBackend decorate(CacheBackend backend, BackendContext context, String backendName);
}
