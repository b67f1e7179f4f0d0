package dev.larder.spring.actuate;

import dev.larder.CacheConfig;
import dev.larder.CacheRegistry;
import dev.larder.support.Secrets;

/**
 * Where a cache keeps its entries, as an operator may see it: the backend's name and the
 * location with every password {@linkplain Secrets#mask masked}. Built from the configuration
 * the registry keeps for each cache ({@link CacheRegistry#config}), so a cache created at run
 * time, or one in a registry the application built itself, is described like any other.
 *
 * <pre>{@code
 * CacheOrigin origin = CacheOrigin.of(registry.config("default"));
 * origin.backend();   // "redis"
 * origin.location();  // "redis://:***@cache.internal:6379/0"
 * }</pre>
 *
 * @param backend  the backend's name ({@code redis}, {@code locmem}, ...)
 * @param location the location, masked; {@code null} when the backend takes none
 */
public record CacheOrigin(String backend, String location) {

    /** The origin of a cache built from {@code config}, with no secret in it. */
    public static CacheOrigin of(CacheConfig config) {
        return new CacheOrigin(config.backend(), Secrets.mask(config.location()));
    }
}
