package dev.larder.spring.boot;

import dev.larder.CacheRegistry;
import dev.larder.hibernate.LarderIntegrator;
import dev.larder.hibernate.ModelCache;
import jakarta.persistence.EntityManagerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.hibernate.autoconfigure.HibernatePropertiesCustomizer;
import org.springframework.context.annotation.Bean;

/**
 * The Hibernate model cache over the application's JPA {@code EntityManagerFactory}, as a
 * {@link ModelCache} bean, when {@code larder-hibernate} and Boot's Hibernate JPA support are
 * present.
 *
 * <p>Hibernate finds {@link LarderIntegrator} by itself, while it builds the session factory, and
 * reads its settings from the factory's properties. A {@link HibernatePropertiesCustomizer} is
 * the hook that reaches those properties before the factory is built: it hands the integrator
 * the application's {@link CacheRegistry} bean (so the integrator does not load a registry of
 * its own from {@code larder.properties}) and the alias from {@code larder.model-cache.alias};
 * with {@code larder.model-cache.enabled=false} it turns the integrator off, which would
 * otherwise install itself anyway. Because the customizer takes the registry bean, Spring closes
 * the session factory before the registry. The {@code ModelCache} bean is then the one the
 * integrator built for that factory ({@link ModelCache#of}); with several factories, none is
 * chosen, and {@code ModelCache.of(factory)} gives each one's.
 *
 * <pre>{@code
 * @Autowired ModelCache models;
 * Book book = models.get(entityManager.unwrap(Session.class), Book.class, 42L);
 * }</pre>
 */
@AutoConfiguration(after = LarderAutoConfiguration.class,
        afterName = "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration")
@ConditionalOnClass({ ModelCache.class, HibernatePropertiesCustomizer.class, EntityManagerFactory.class })
@ConditionalOnBean(CacheRegistry.class)
@EnableConfigurationProperties(LarderModelCacheProperties.class)
public class LarderHibernateAutoConfiguration {

    @Bean
    public HibernatePropertiesCustomizer larderHibernatePropertiesCustomizer(CacheRegistry registry,
            LarderModelCacheProperties properties) {
        return settings -> {
            if (properties.isEnabled()) {
                // Fail at start-up, with the configured aliases named, rather than inside Hibernate's bootstrap.
                ConfiguredAlias.require(registry, "larder.model-cache.alias", properties.getAlias());
                settings.put(LarderIntegrator.REGISTRY, registry);
                settings.put(LarderIntegrator.CACHE, properties.getAlias());
                if (properties.getConsistency() != null) {
                    settings.put(LarderIntegrator.CONSISTENCY, properties.getConsistency());
                }
            } else {
                settings.put(LarderIntegrator.ENABLED, "false");
            }
        };
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnSingleCandidate(EntityManagerFactory.class)
    @ConditionalOnProperty(prefix = "larder.model-cache", name = "enabled", matchIfMissing = true)
    public ModelCache larderModelCache(EntityManagerFactory entityManagerFactory) {
        return ModelCache.of(entityManagerFactory);
    }
}
