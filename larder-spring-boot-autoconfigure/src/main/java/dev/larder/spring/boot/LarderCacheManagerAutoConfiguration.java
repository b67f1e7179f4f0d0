package dev.larder.spring.boot;

import dev.larder.CacheConfig;
import dev.larder.CacheConfigException;
import dev.larder.CacheRegistry;
import dev.larder.Timeout;
import dev.larder.spring.cache.EntryTimeout;
import dev.larder.spring.cache.LarderCacheManager;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.NoneNestedConditions;
import org.springframework.boot.cache.metrics.CacheMeterBinderProvider;
import org.springframework.boot.cache.metrics.CacheMetricsRegistrar;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cache.CacheManager;
import org.springframework.cache.interceptor.CacheAspectSupport;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * The application's Spring {@link CacheManager}: a {@link LarderCacheManager} over the
 * {@link CacheRegistry} bean, configured by {@code larder.cache-manager.*}
 * ({@link LarderCacheManagerProperties}). Active, like Boot's own cache auto-configuration, when
 * caching is enabled ({@code @EnableCaching}) and the application defines no
 * {@code CacheManager}; {@code larder.cache-manager.enabled=false} leaves the choice to Boot, and
 * so does {@code spring.cache.type} set to any value: Boot has no Larder type, so a type named
 * there ({@code jcache} for Larder's JSR-107 provider, {@code none}, {@code simple}, ...) is the
 * application asking for one of Boot's own managers.
 *
 * <p>Beans: {@code cacheManager} ({@link LarderCacheManager}); {@code larderCacheExecutor}
 * ({@link LarderCacheExecutor}), the bounded pool (platform threads, for Java 17) that runs the
 * Larder calls of asynchronous caching, replaced by a bean of that type; an {@link EntryTimeout} bean, if
 * the application defines one, chooses timeouts per entry. With Micrometer and Boot's cache
 * metrics present, {@link LarderCacheMeterBinderProvider} binds each cache, and caches named
 * after start-up are bound as they are created.
 */
@AutoConfiguration(after = LarderAutoConfiguration.class,
        beforeName = "org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration")
@ConditionalOnClass(CacheManager.class)
@ConditionalOnBean({ CacheRegistry.class, CacheAspectSupport.class })
@ConditionalOnMissingBean(CacheManager.class)
@ConditionalOnProperty(prefix = "larder.cache-manager", name = "enabled", havingValue = "true", matchIfMissing = true)
@Conditional(LarderCacheManagerAutoConfiguration.NoBootCacheType.class)
@EnableConfigurationProperties(LarderCacheManagerProperties.class)
public class LarderCacheManagerAutoConfiguration {
    /** The name of the cache manager bean, from which Boot's meters take their {@code cache.manager} tag. */
    static final String CACHE_MANAGER = "cacheManager";

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public LarderCacheExecutor larderCacheExecutor(LarderCacheManagerProperties properties) {
        return LarderCacheExecutor.bounded(positive(properties.getAsyncThreads(), "async-threads"),
                positive(properties.getAsyncQueueCapacity(), "async-queue-capacity"));
    }

    @Bean(name = CACHE_MANAGER)
    public LarderCacheManager cacheManager(CacheRegistry registry,
            LarderCacheManagerProperties properties, LarderCacheExecutor executor,
            ObjectProvider<EntryTimeout> entryTimeout, ObjectProvider<CacheCreationHook> hooks) {
        LarderCacheManager.Builder builder = LarderCacheManager.builder(registry, executor.executor())
                .dynamic(properties.isDynamic())
                .cacheNames(properties.getCacheNames())
                .allowNullValues(properties.isAllowNullValues())
                .missingHint(properties.isDynamic()
                        ? "set larder.cache-manager.template to a configured Larder cache"
                        : "larder.cache-manager.dynamic is false: add the name to larder.cache-manager.cache-names,"
                                + " or configure it as a Larder cache (larder.caches.<name>.*)");
        if (properties.isDynamic() || hasNamesToCreate(registry, properties)) {
            builder.template(template(registry, properties.getTemplate()));
        }
        for (Map.Entry<String, String> e : properties.getTimeouts().entrySet()) {
            builder.timeout(e.getKey(), timeout(e.getKey(), e.getValue()));
        }
        entryTimeout.ifUnique(builder::entryTimeout);
        builder.onCreated(cache -> hooks.orderedStream().forEach(h -> h.created(cache)));
        return builder.build();
    }

    /** Static names that are no alias need the template even when nothing is created later. */
    private static boolean hasNamesToCreate(CacheRegistry registry, LarderCacheManagerProperties properties) {
        return properties.getCacheNames().stream().anyMatch(name -> !registry.aliases().contains(name));
    }

    /** The configuration of the cache named by {@code larder.cache-manager.template}, kept by the registry. */
    private static CacheConfig template(CacheRegistry registry, String alias) {
        ConfiguredAlias.require(registry, "larder.cache-manager.template", alias);
        return registry.config(alias);
    }

    private static Timeout timeout(String name, String text) {
        try {
            return Timeout.parse(text);
        } catch (IllegalArgumentException e) {
            throw new CacheConfigException("larder.cache-manager.timeouts." + name + ": " + e.getMessage(), e);
        }
    }

    private static int positive(int value, String property) {
        if (value < 1) {
            throw new CacheConfigException("larder.cache-manager." + property + "=" + value + ": must be at least 1");
        }
        return value;
    }

    /** Matches while {@code spring.cache.type} is unset, Boot's "automatic" choice that Larder may make. */
    static final class NoBootCacheType extends NoneNestedConditions {
        NoBootCacheType() {
            super(ConfigurationPhase.PARSE_CONFIGURATION);
        }

        @ConditionalOnProperty(prefix = "spring.cache", name = "type")
        static final class BootCacheTypeChosen {
        }
    }

    /** Meters for the caches, when Micrometer and Boot's cache metrics are on the class path. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({ MeterRegistry.class, CacheMeterBinderProvider.class })
    static class LarderCacheMetricsConfiguration {

        @Bean
        @ConditionalOnMissingBean
        public LarderCacheMeterBinderProvider larderCacheMeterBinderProvider() {
            return new LarderCacheMeterBinderProvider();
        }

        /** Binds each cache created after start-up, once Boot's registrar exists (it binds the others). */
        @Bean
        CacheCreationHook larderCacheMetricsHook(ObjectProvider<CacheMetricsRegistrar> registrar) {
            Tag manager = Tag.of("cache.manager", managerTag(CACHE_MANAGER));
            return cache -> registrar.ifAvailable(r -> r.bindCacheToRegistry(cache, manager));
        }

        /** Boot's rule (CacheMetricsRegistrarConfiguration): "redisCacheManager" is tagged "redis". */
        static String managerTag(String beanName) {
            String suffix = "cacheManager";
            if (beanName.length() > suffix.length() && beanName.toLowerCase(java.util.Locale.ROOT).endsWith(suffix.toLowerCase(java.util.Locale.ROOT))) {
                return beanName.substring(0, beanName.length() - suffix.length());
            }
            return beanName;
        }
    }
}
