/**
 * Spring's cache abstraction over Larder: {@link dev.larder.spring.cache.LarderCacheManager}
 * (a {@code CacheManager} over a {@link dev.larder.CacheRegistry}, creating caches named at run
 * time from a template), {@link dev.larder.spring.cache.LarderSpringCache} (Spring's full
 * {@code Cache} contract, failing open when the store is down),
 * {@link dev.larder.spring.cache.SpringKeys} (object keys to stable Larder keys),
 * {@link dev.larder.spring.cache.EntryTimeout} (a timeout per entry) and
 * {@link dev.larder.spring.cache.LarderCacheMeterBinder} (Micrometer's cache meters). Usable
 * without Spring Boot; {@code dev.larder.spring.boot} wires them from {@code larder.cache-manager.*}.
 */
package dev.larder.spring.cache;
