package dev.larder.spring.boot;

import dev.larder.CacheRegistry;
import dev.larder.hibernate.ModelCache;
import dev.larder.servlet.PageCache;
import dev.larder.spring.actuate.LarderEndpoint;
import java.util.LinkedHashMap;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code larder} Actuator endpoint ({@link LarderEndpoint}), when Actuator is present and
 * the endpoint is available (Boot's {@code management.endpoint.larder.access} and
 * {@code management.endpoints.web.exposure.include}; like every endpoint but {@code health},
 * it is not exposed over HTTP until listed there). The page caches' and model caches'
 * statistics are added when those integrations are in use.
 */
@AutoConfiguration(after = LarderAutoConfiguration.class)
@ConditionalOnClass({ Endpoint.class, ConditionalOnAvailableEndpoint.class })
@ConditionalOnAvailableEndpoint(LarderEndpoint.class)
@ConditionalOnBean(CacheRegistry.class)
public class LarderEndpointAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public LarderEndpoint larderEndpoint(CacheRegistry registry, ObjectProvider<LarderEndpoint.Section> sections) {
        return new LarderEndpoint(registry, sections.orderedStream().toList());
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(PageCache.class)
    static class PageCacheSectionConfiguration {
        /** By alias, then page cache: {@code site}, and each {@code @CachePage} configuration. */
        @Bean
        LarderEndpoint.Section larderPageCacheSection(ListableBeanFactory beans) {
            return new LarderEndpoint.Section("pageCaches", () -> PageCacheBeans.statsByAlias(beans));
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(ModelCache.class)
    static class ModelCacheSectionConfiguration {
        @Bean
        LarderEndpoint.Section larderModelCacheSection(ObjectProvider<ModelCache> modelCaches) {
            return new LarderEndpoint.Section("modelCaches", () -> modelCaches.orderedStream()
                    .collect(Collectors.toMap(m -> m.cache().alias(), ModelCache::stats, (a, b) -> a, LinkedHashMap::new)));
        }
    }
}
