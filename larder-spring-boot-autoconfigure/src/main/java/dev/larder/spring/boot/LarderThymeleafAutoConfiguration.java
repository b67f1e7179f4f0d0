package dev.larder.spring.boot;

import dev.larder.CacheRegistry;
import dev.larder.hibernate.ModelCache;
import dev.larder.thymeleaf.LarderDialect;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.util.ClassUtils;
import org.thymeleaf.TemplateEngine;

/**
 * Thymeleaf fragment caching: the {@link LarderDialect} bean ({@code larder:cache}) over the
 * application's {@link CacheRegistry}, which Boot's Thymeleaf auto-configuration adds to its
 * template engine as it adds every {@code IDialect} bean. When the model cache bean exists
 * ({@code larder-hibernate} and JPA), the dialect gets its stamps, so {@code larder:depends-on}
 * works; the starter's per-request recording ({@code larder.model-cache.record-requests}) then
 * makes fragments record the stamps the request's data was read under. Define a
 * {@code LarderDialect} bean of your own to replace it.
 */
@AutoConfiguration(after = { LarderAutoConfiguration.class, LarderHibernateAutoConfiguration.class },
        beforeName = "org.springframework.boot.thymeleaf.autoconfigure.ThymeleafAutoConfiguration")
@ConditionalOnClass({ LarderDialect.class, TemplateEngine.class })
@ConditionalOnBean(CacheRegistry.class)
public class LarderThymeleafAutoConfiguration {
    private static final System.Logger LOG = System.getLogger("dev.larder.spring");

    @Bean
    @ConditionalOnMissingBean
    public LarderDialect larderDialect(CacheRegistry registry, BeanFactory beans) {
        if (ClassUtils.isPresent("dev.larder.hibernate.ModelCache", LarderThymeleafAutoConfiguration.class.getClassLoader())) {
            LarderDialect withStamps = Models.dialect(registry, beans);
            if (withStamps != null) {
                return withStamps;
            }
        }
        return new LarderDialect(registry);
    }

    /** Apart, so that an application without larder-hibernate never loads {@link ModelCache}. */
    private static final class Models {
        /** The dialect over the one model cache's stamps, or null when there is no single model cache. */
        static LarderDialect dialect(CacheRegistry registry, BeanFactory beans) {
            ObjectProvider<ModelCache> candidates = beans.getBeanProvider(ModelCache.class);
            ModelCache models = candidates.getIfUnique();
            if (models == null && candidates.stream().findAny().isPresent()) {
                LOG.log(System.Logger.Level.WARNING, "several ModelCache beans: the Thymeleaf dialect cannot choose one,"
                        + " so larder:depends-on will fail; define a LarderDialect bean with the right model cache's"
                        + " stamps (new LarderDialect(registry, models.stamps()))");
            }
            return models == null ? null : new LarderDialect(registry, models.stamps());
        }
    }
}
