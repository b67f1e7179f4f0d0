package dev.larder.spring.boot;

import dev.larder.CacheConfig;
import dev.larder.CacheRegistry;
import java.util.Map;
import java.util.Objects;

/**
 * The configurations the {@link CacheRegistry} bean was built from, by alias: a registry does
 * not expose them, and the cache manager needs one as the template of caches named at run time
 * ({@code larder.cache-manager.template}). Larder's auto-configuration fills this bean when it
 * builds the registry, after every {@link CacheRegistryCustomizer}. An application defining its
 * own {@code CacheRegistry} bean defines this one too (with the configurations it built the
 * registry from) to have caches created at run time:
 *
 * <pre>{@code
 * @Bean
 * LarderCacheConfigs larderCacheConfigs() {
 *     return new LarderCacheConfigs(Map.of("default", defaultConfig));
 * }
 * }</pre>
 *
 * Thread-safe.
 */
public final class LarderCacheConfigs {
    private volatile Map<String, CacheConfig> configs;

    /** The configurations of a registry built elsewhere. */
    public LarderCacheConfigs(Map<String, CacheConfig> configs) {
        this.configs = Map.copyOf(configs);
    }

    /** Empty until the auto-configured registry records its own. */
    LarderCacheConfigs() {
    }

    void record(Map<String, CacheConfig> built) {
        this.configs = Map.copyOf(built);
    }

    /** True once the configurations are known. */
    public boolean isKnown() {
        return configs != null;
    }

    /**
     * The configuration of {@code alias}.
     *
     * @throws IllegalStateException naming what to do when it is unknown
     */
    public CacheConfig get(String alias) {
        Map<String, CacheConfig> known = configs;
        if (known == null) {
            throw new IllegalStateException("the CacheRegistry bean was not built by Larder's auto-configuration, so the"
                    + " cache manager has no template for caches named at run time: define a LarderCacheConfigs bean with"
                    + " the registry's configurations, or set larder.cache-manager.dynamic=false");
        }
        CacheConfig config = known.get(Objects.requireNonNull(alias, "alias"));
        if (config == null) {
            throw new IllegalStateException("larder.cache-manager.template='" + alias + "' is not a configured Larder cache;"
                    + " configured: " + known.keySet());
        }
        return config;
    }
}
