package dev.larder.spring.boot;

import dev.larder.hibernate.ModelCache;
import dev.larder.spring.web.ModelRecordingFilter;
import jakarta.servlet.DispatcherType;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

/**
 * A model-cache recording around each request ({@link ModelRecordingFilter}) when the
 * {@link ModelCache} bean exists in a servlet application; off with
 * {@code larder.model-cache.record-requests=false}.
 */
@AutoConfiguration(after = LarderHibernateAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ ModelCache.class, FilterRegistrationBean.class })
@ConditionalOnBean(ModelCache.class)
@ConditionalOnBooleanProperty(name = "larder.model-cache.record-requests", matchIfMissing = true)
public class LarderModelRecordingAutoConfiguration {
    /** Inside the page caches (a hit needs no recording), outside everything that reads models. */
    static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 50;

    @Bean
    public FilterRegistrationBean<ModelRecordingFilter> larderModelRecordingFilter(ModelCache larderModelCache) {
        FilterRegistrationBean<ModelRecordingFilter> registration =
                new FilterRegistrationBean<>(new ModelRecordingFilter(larderModelCache));
        registration.setOrder(ORDER);
        // A view returned by a Callable or DeferredResult renders in the ASYNC dispatch, an error page in ERROR.
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR);
        return registration;
    }
}
