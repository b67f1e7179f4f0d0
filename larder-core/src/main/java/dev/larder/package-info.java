/**
 * Larder's user API: {@link dev.larder.Cache}, the low-level cache API with Django's
 * meanings; {@link dev.larder.CacheRegistry} and {@link dev.larder.CacheConfig}, the named
 * caches of an application; {@link dev.larder.Timeout}; {@link dev.larder.Capabilities}, what
 * a cache's backend guarantees; and the exceptions, all under {@link dev.larder.CacheException}.
 */
package dev.larder;
