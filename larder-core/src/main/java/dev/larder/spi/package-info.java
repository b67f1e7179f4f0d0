/**
 * For backend writers: {@link dev.larder.spi.CacheBackend}, the operations a store
 * implements on stored keys, and {@link dev.larder.spi.CacheBackendFactory}, found through
 * {@link java.util.ServiceLoader} so that a configuration can name a third-party backend;
 * {@link dev.larder.spi.Secrets}, which keeps passwords out of what a backend prints.
 */
package dev.larder.spi;
