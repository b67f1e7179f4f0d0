package dev.larder.spring.boot;

import dev.larder.CacheRegistry;
import dev.larder.spring.actuate.CacheHealthIndicator;
import dev.larder.spring.actuate.LarderHealthContributor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * The {@code larder} health group ({@link LarderHealthContributor}): one probe per cache kept
 * outside the process, {@code UP} or {@link CacheHealthIndicator#DEGRADED}, never
 * {@code DOWN}. Off with {@code management.health.larder.enabled=false}.
 */
@AutoConfiguration(after = LarderAutoConfiguration.class)
@ConditionalOnClass({ HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnEnabledHealthIndicator("larder")
@ConditionalOnBean(CacheRegistry.class)
public class LarderHealthAutoConfiguration {

    /** Named so that Boot calls the group {@code larder}. */
    @Bean
    @ConditionalOnMissingBean(name = "larderHealthContributor")
    public LarderHealthContributor larderHealthContributor(CacheRegistry registry) {
        return new LarderHealthContributor(registry);
    }
}
