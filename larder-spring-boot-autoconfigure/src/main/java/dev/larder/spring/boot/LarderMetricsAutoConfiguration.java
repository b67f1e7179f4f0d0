package dev.larder.spring.boot;

import dev.larder.hibernate.ModelCache;
import dev.larder.servlet.PageCache;
import dev.larder.spring.metrics.ModelCacheMetrics;
import dev.larder.spring.metrics.PageCacheMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Micrometer meters for the page cache ({@code larder.page.*}, see {@link PageCacheMetrics})
 * and the Hibernate model cache ({@code larder.model.*}, see {@link ModelCacheMetrics}), for
 * every {@link PageCache} and {@link ModelCache} bean, whichever auto-configuration or
 * application made it, and every {@code @CachePage} cache (built at start-up for the handlers
 * present then). Each binder looks the beans up when Boot binds it, after every
 * auto-configuration has run, so this class needs no ordering against the ones that make them.
 * The Spring cache's own meters ({@code cache.gets}, ...) come with Larder's {@code CacheManager}.
 */
@AutoConfiguration(afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean(MeterRegistry.class)
public class LarderMetricsAutoConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(PageCache.class)
    static class PageCacheMetricsConfiguration {
        /** The {@code @CachePage} caches included, tagged {@code page-cache=view:<timeout>[:<keyPrefix>]}. */
        @Bean
        MeterBinder larderPageCacheMetrics(ListableBeanFactory beans) {
            return registry -> PageCacheBeans.named(beans)
                    .forEach(p -> new PageCacheMetrics(p.pageCache(), p.name()).bindTo(registry));
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(ModelCache.class)
    static class ModelCacheMetricsConfiguration {
        @Bean
        MeterBinder larderModelCacheMetrics(ObjectProvider<ModelCache> modelCaches) {
            return registry -> modelCaches.orderedStream().forEach(m -> new ModelCacheMetrics(m).bindTo(registry));
        }
    }
}
