package dev.larder.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.hibernate.ModelCache;
import dev.larder.spring.boot.jpa.Book;
import dev.larder.spring.boot.jpa.Books;
import dev.larder.thymeleaf.LarderDialect;
import jakarta.persistence.EntityManagerFactory;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.thymeleaf.autoconfigure.ThymeleafAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;

/** Boot's Thymeleaf engine gets Larder's dialect, with the model cache's stamps when JPA is there. */
class LarderThymeleafAutoConfigurationTest {
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ThymeleafAutoConfiguration.class, LarderAutoConfiguration.class,
                    LarderThymeleafAutoConfiguration.class))
            .withPropertyValues("larder.caches.default.backend=locmem", "larder.caches.default.location=thymeleaf-boot");

    @Test
    void bootsTemplateEngine_cachesFragments_withTheRegistrysCache() {
        runner.run(context -> {
            TemplateEngine engine = context.getBean(TemplateEngine.class);
            assertThat(engine.getDialects()).hasAtLeastOneElementOfType(LarderDialect.class);
            AtomicInteger renders = new AtomicInteger();
            String first = engine.process("larder-plain", new Context(Locale.ROOT, Map.of("renders", renders)));
            String second = engine.process("larder-plain", new Context(Locale.ROOT, Map.of("renders", renders)));
            assertThat(first).contains("render 1").isEqualTo(second);
            assertThat(renders).hasValue(1);
            assertThat(context.getBean(dev.larder.CacheRegistry.class).defaultCache().stats().hits()).isEqualTo(1);
        });
    }

    @Test
    void withTheModelCache_dependsOnWorks_andAnEditMovesTheFragment() {
        runner.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
                        HibernateJpaAutoConfiguration.class, LarderHibernateAutoConfiguration.class))
                .withUserConfiguration(Books.Entities.class)
                .run(context -> {
                    EntityManagerFactory emf = context.getBean(EntityManagerFactory.class);
                    ModelCache models = context.getBean(ModelCache.class);
                    TemplateEngine engine = context.getBean(TemplateEngine.class);
                    Books.inTransaction(emf, em -> em.persist(new Book(5L, "Emma")));
                    AtomicInteger renders = new AtomicInteger();
                    assertThat(render(engine, Books.read(emf, models, 5L), renders)).contains("Emma, render 1");
                    assertThat(render(engine, Books.read(emf, models, 5L), renders)).contains("Emma, render 1");
                    Books.inTransaction(emf, em -> em.find(Book.class, 5L).setTitle("Persuasion"));
                    assertThat(render(engine, Books.read(emf, models, 5L), renders)).contains("Persuasion, render 2");
                });
    }

    @Test
    void aDialectOfTheApplications_wins() {
        runner.withUserConfiguration(OwnDialect.class).run(context ->
                assertThat(context.getBean(LarderDialect.class)).isSameAs(context.getBean("ownDialect")));
    }

    @Test
    void withoutLarderThymeleaf_orThymeleaf_nothingIsConfigured() {
        runner.withClassLoader(new FilteredClassLoader(LarderDialect.class))
                .run(context -> assertThat(context).doesNotHaveBean(LarderDialect.class));
        runner.withClassLoader(new FilteredClassLoader(TemplateEngine.class))
                .run(context -> assertThat(context).doesNotHaveBean(LarderDialect.class));
    }

    @Test
    void withoutLarderHibernate_theDialectStillCaches() {
        runner.withClassLoader(new FilteredClassLoader(ModelCache.class)).run(context -> {
            TemplateEngine engine = context.getBean(TemplateEngine.class);
            AtomicInteger renders = new AtomicInteger();
            engine.process("larder-plain", new Context(Locale.ROOT, Map.of("renders", renders)));
            engine.process("larder-plain", new Context(Locale.ROOT, Map.of("renders", renders)));
            assertThat(renders).hasValue(1);
        });
    }

    private static String render(TemplateEngine engine, Book book, AtomicInteger renders) {
        return engine.process("larder-book", new Context(Locale.ROOT, Map.of("book", book, "renders", renders)));
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnDialect {
        @Bean
        LarderDialect ownDialect(dev.larder.CacheRegistry registry) {
            return new LarderDialect(registry);
        }
    }
}
