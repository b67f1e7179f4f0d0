package dev.larder.demo.web;

import dev.larder.demo.dashboard.DashboardController;
import dev.larder.demo.family.Child;
import dev.larder.hibernate.ModelCache;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.persistence.autoconfigure.EntityScan;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The demo web application: the family models behind pages cached every way Larder caches
 * (model cache, per-site cache, {@code @CachePage}, pages varying on a header, a page never
 * cached, ETags) and a live dashboard of every cache. Runs on H2 and local memory; the
 * {@code redis}, {@code postgres} and {@code nocache} profiles change that without code.
 *
 * <pre>{@code
 * java -jar larder-demo.jar --server.port=8080 --spring.profiles.active=redis
 * }</pre>
 */
@SpringBootApplication(scanBasePackageClasses = { DemoApplication.class, DashboardController.class })
@EntityScan(basePackageClasses = Child.class)
public class DemoApplication {
    /** {@code demo.reads}: {@code model-cache} (the default) or {@code jpa}. */
    static final String READS = "demo.reads";

    public static void main(String[] args) {
        SpringApplication.run(DemoApplication.class, args);
    }

    /** Says where to point a browser once the server listens (the port may come from {@code PORT} or be random). */
    @Bean
    ApplicationListener<WebServerInitializedEvent> announceUrl() {
        return event -> System.out.printf("%n  Larder demo: http://localhost:%d/  (dashboard: /dashboard; Ctrl-C stops it)%n%n",
                event.getWebServer().getPort());
    }

    @Bean
    Reads reads(Environment env, ObjectProvider<ModelCache> models) {
        String reads = env.getProperty(READS, "model-cache");
        return switch (reads) {
            case "model-cache" -> new ModelCacheReads(models.getObject());
            case "jpa" -> new JpaReads();
            default -> throw new IllegalArgumentException(READS + " must be model-cache or jpa, not '" + reads + "'");
        };
    }
}
