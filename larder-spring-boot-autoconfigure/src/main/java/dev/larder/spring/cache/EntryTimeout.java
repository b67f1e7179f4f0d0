package dev.larder.spring.cache;

import dev.larder.Timeout;

/**
 * Chooses the timeout of each entry a Spring cache writes (Spring Data Redis's "TTL function"):
 * define one as a bean and the cache manager uses it for every {@code put}, {@code putIfAbsent}
 * and loaded value. Return {@link Timeout#DEFAULT} to keep the cache's own timeout
 * ({@code larder.cache-manager.timeouts.<name>}, else the Larder cache's default).
 *
 * <pre>{@code
 * @Bean
 * EntryTimeout shortLivedMisses() {
 *     return (cacheName, key, value) -> value == null ? Timeout.ofSeconds(30) : Timeout.DEFAULT;
 * }
 * }</pre>
 *
 * <p>Called on the writing thread, for every write: keep it fast and free of I/O. It must be
 * thread-safe. An exception it throws propagates to the caller of the write.
 */
@FunctionalInterface
public interface EntryTimeout {
    /**
     * @param cacheName the Spring cache's name
     * @param key       the Spring key, before it is made into a Larder key
     * @param value     the value, {@code null} for a cached null
     * @return the entry's timeout, or {@link Timeout#DEFAULT} for the cache's
     */
    Timeout timeoutFor(String cacheName, Object key, Object value);
}
