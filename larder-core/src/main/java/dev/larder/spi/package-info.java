/**
 * The backend contract, for writers of backends: {@link dev.larder.spi.CacheBackendFactory},
 * found through {@link java.util.ServiceLoader} so that a configuration can name a third-party
 * backend, and {@link dev.larder.spi.CacheBackend}, the operations a store implements on stored
 * keys. A factory is handed a {@link dev.larder.spi.BackendContext} (the location, the
 * {@link dev.larder.spi.BackendOptions}, the clock, the cache's
 * {@link dev.larder.spi.ValueCodec} and {@link dev.larder.spi.StatsCounter}); a backend receives
 * {@link dev.larder.spi.CacheKey}s. {@link dev.larder.spi.Serializer} is the one type here a user
 * implements, to plug a serializer in by configuration. What a backend declares it guarantees is
 * {@link dev.larder.Capabilities}, part of the user API. A
 * {@link dev.larder.spi.BackendDecorator}, found the same way, wraps every backend created
 * (the circuit breaker of {@code larder-resilience}).
 */
package dev.larder.spi;
