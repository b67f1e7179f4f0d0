package dev.larder.spring.boot;

import dev.larder.spring.actuate.CacheDescriptions;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one {@link CacheDescriptions} the endpoint and the health group share; as a
 * {@link CacheRegistryCustomizer} it must be a bean before the registry is built.
 */
@Configuration(proxyBeanMethods = false)
class LarderDescriptionsConfiguration {

    @Bean
    @ConditionalOnMissingBean
    CacheDescriptions larderCacheDescriptions() {
        return new CacheDescriptions();
    }
}
