package dev.larder.spring.web;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * The application the HTTP tests run: Boot's full auto-configuration (Larder's included) but
 * no DataSource, with the per-site cache on {@code /site/*} only, so {@code /views/*} shows the
 * annotations on their own.
 */
@SpringBootConfiguration
@EnableAutoConfiguration(excludeName = { "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
        "org.springframework.boot.data.jpa.autoconfigure.DataJpaRepositoriesAutoConfiguration" })
@Import({ SiteController.class, ViewController.class, HeadersController.class, ArticleVersion.class, PrivateController.class,
        CachedClassController.class })
public class PagesApp {
    @Bean
    FilterRegistrationBean<SecurityLikeFilter> securityLikeFilter() {
        FilterRegistrationBean<SecurityLikeFilter> registration = new FilterRegistrationBean<>(new SecurityLikeFilter());
        registration.setOrder(SecurityLikeFilter.ORDER);
        return registration;
    }

    @Bean
    Calls calls() {
        return new Calls();
    }
}
