package dev.larder.demo.web;

import dev.larder.thymeleaf.LarderDialect;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The footer on every page. */
@Configuration
class WebConfig implements WebMvcConfigurer {
    private final ObjectProvider<LarderDialect> dialect;

    WebConfig(ObjectProvider<LarderDialect> dialect) {
        this.dialect = dialect;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new RenderFooter(dialect.getIfAvailable() != null));
    }
}
