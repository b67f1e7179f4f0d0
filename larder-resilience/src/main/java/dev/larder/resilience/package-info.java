/**
 * A circuit breaker per shared cache store, on resilience4j: after repeated store failures the
 * store is skipped for {@code open-for}, every call throwing
 * {@link dev.larder.CacheUnavailableException} at once, then probed before it is used again.
 * {@link dev.larder.resilience.CircuitBreakerDecorator} is the one public type; it is found by
 * {@link java.util.ServiceLoader} as a {@link dev.larder.spi.BackendDecorator}.
 */
package dev.larder.resilience;
