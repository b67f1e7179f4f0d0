/**
 * The {@code memcached} backend: Larder's cache API on a pool of Memcached servers through
 * xmemcached, keys spread by consistent (Ketama) hashing. Configure it by name
 * ({@code backend=memcached}); {@link dev.larder.memcached.MemcachedBackendFactory} lists its
 * options.
 */
package dev.larder.memcached;
