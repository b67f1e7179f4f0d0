/**
 * Larder's JSR-107 (JCache) provider: {@link dev.larder.jcache.LarderCachingProvider}, its
 * {@link dev.larder.jcache.LarderCacheManager} over a Larder configuration, and
 * {@link dev.larder.jcache.LarderJCache}, a standard cache over any Larder backend. It passes
 * the JSR-107 test kit on locmem; Hibernate's {@code hibernate-jcache} and Spring's
 * {@code JCACHE} cache type use it as they use any provider.
 */
package dev.larder.jcache;
