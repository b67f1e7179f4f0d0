package dev.larder.spring.boot;

import dev.larder.Cache;
import dev.larder.CacheConfigException;
import dev.larder.CacheRegistry;

/**
 * Checks a property that names a Larder cache, so start-up fails with the property's name
 * ({@code larder.page-cache.alias='x' is not a configured Larder cache; configured: [default]}),
 * which Boot's failure analysis shows, rather than the registry's bare "no cache named 'x'".
 */
final class ConfiguredAlias {
    private ConfiguredAlias() {
    }

    /**
     * The cache {@code alias} names.
     *
     * @throws CacheConfigException naming {@code property}, its value and the configured aliases
     */
    static Cache require(CacheRegistry registry, String property, String alias) {
        if (alias == null || !registry.aliases().contains(alias)) {
            throw new CacheConfigException(property + "='" + alias + "' is not a configured Larder cache; configured: "
                    + registry.aliases());
        }
        return registry.cache(alias);
    }
}
