package dev.larder.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.larder.hibernate.ModelCache;
import dev.larder.hibernate.ModelCacheStats;
import dev.larder.hibernate.Recording;
import dev.larder.spring.web.ModelRecordingFilter;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.core.Ordered;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import dev.larder.spring.actuate.LarderEndpoint;
import dev.larder.spring.boot.jpa.Book;
import dev.larder.spring.boot.jpa.Books;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.persistence.EntityManagerFactory;
import org.hibernate.SessionFactory;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.hibernate.autoconfigure.HibernatePropertiesCustomizer;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The model cache over a real H2 database through Boot's own JPA auto-configuration. */
class LarderHibernateAutoConfigurationTest {
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, HibernateJpaAutoConfiguration.class,
                    LarderAutoConfiguration.class, LarderHibernateAutoConfiguration.class))
            .withUserConfiguration(Books.Entities.class);

    @Test
    void theModelCache_servesTheApplicationsEntities_andSeesItsWrites() {
        runner.run(context -> {
            EntityManagerFactory emf = context.getBean(EntityManagerFactory.class);
            Books.inTransaction(emf, em -> em.persist(new Book(1L, "Dune")));
            ModelCache models = context.getBean(ModelCache.class);
            assertThat(models.cache().alias()).isEqualTo("default");
            assertThat(Books.read(emf, models, 1L).getTitle()).isEqualTo("Dune");
            assertThat(Books.read(emf, models, 1L).getTitle()).isEqualTo("Dune");
            assertThat(models.stats().hits()).isEqualTo(1);
            Books.inTransaction(emf, em -> em.find(Book.class, 1L).setTitle("Dune Messiah"));
            assertThat(models.stats().invalidations()).isPositive();
            assertThat(Books.read(emf, models, 1L).getTitle()).isEqualTo("Dune Messiah");
            assertThat(models.stats().hits()).isEqualTo(1);
        });
    }

    @Test
    void theModelCache_isTheOneHibernatesIntegratorBuilt_overTheRegistryBean() {
        runner.run(context -> {
            SessionFactory factory = context.getBean(EntityManagerFactory.class).unwrap(SessionFactory.class);
            assertThat(ModelCache.of(factory)).isSameAs(context.getBean(ModelCache.class));
            assertThat(context.getBean(ModelCache.class).cache())
                    .isSameAs(context.getBean(dev.larder.CacheRegistry.class).defaultCache());
        });
    }

    @Test
    void theAliasProperty_choosesTheCache() {
        runner.withPropertyValues("larder.caches.default.backend=locmem", "larder.caches.models.backend=locmem",
                "larder.caches.models.location=models", "larder.model-cache.alias=models")
                .run(context -> assertThat(context.getBean(ModelCache.class).cache().alias()).isEqualTo("models"));
    }

    @Test
    void theConsistencyProperty_choosesTheMode_andStrictIsTheDefault() {
        runner.run(context -> assertThat(context.getBean(ModelCache.class).consistency())
                .isEqualTo(dev.larder.hibernate.Consistency.STRICT));
        runner.withPropertyValues("larder.model-cache.consistency=bounded-staleness")
                .run(context -> assertThat(context.getBean(ModelCache.class).consistency())
                        .isEqualTo(dev.larder.hibernate.Consistency.BOUNDED_STALENESS));
    }

    @Test
    void anUnknownConsistency_failsStartUp_namingTheValue() {
        runner.withPropertyValues("larder.model-cache.consistency=eventual").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                    .hasMessage("larder.hibernate.consistency: 'eventual' is not strict or bounded-staleness");
        });
    }

    @Test
    void anUnknownAlias_failsStartUp_namingThePropertyAndTheConfiguredCaches() {
        runner.withPropertyValues("larder.model-cache.alias=nope").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessage(
                    "larder.model-cache.alias='nope' is not a configured Larder cache; configured: [default]");
        });
    }

    @Test
    void disabled_noModelCache_andHibernatesIntegratorIsOff() {
        runner.withPropertyValues("larder.model-cache.enabled=false").run(context -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(ModelCache.class);
            SessionFactory factory = context.getBean(EntityManagerFactory.class).unwrap(SessionFactory.class);
            assertThatThrownBy(() -> ModelCache.of(factory)).isInstanceOf(IllegalStateException.class);
        });
    }

    @Test
    void withoutJpa_noModelCache() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(LarderAutoConfiguration.class, LarderHibernateAutoConfiguration.class))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(ModelCache.class)
                        .hasSingleBean(HibernatePropertiesCustomizer.class));
    }

    @Test
    void withoutLarderHibernate_nothingIsConfigured() {
        runner.withClassLoader(new FilteredClassLoader(ModelCache.class)).run(context ->
                assertThat(context).hasNotFailed().doesNotHaveBean(HibernatePropertiesCustomizer.class));
    }

    @Test
    void modelMeters_andTheEndpoint_showTheModelCachesCounters() {
        runner.withBean(SimpleMeterRegistry.class).withPropertyValues("management.endpoints.web.exposure.include=larder")
                .withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
                        LarderMetricsAutoConfiguration.class, LarderEndpointAutoConfiguration.class))
                .run(context -> {
                    EntityManagerFactory emf = context.getBean(EntityManagerFactory.class);
                    Books.inTransaction(emf, em -> em.persist(new Book(7L, "Emma")));
                    ModelCache models = context.getBean(ModelCache.class);
                    Books.read(emf, models, 7L);
                    Books.read(emf, models, 7L);
                    Books.read(emf, models, 7L);
                    ModelCacheStats stats = models.stats();
                    MeterRegistry meters = context.getBean(MeterRegistry.class);
                    assertThat(count(meters, "larder.model.reads", "hit")).isEqualTo(2).isEqualTo(stats.hits());
                    assertThat(count(meters, "larder.model.reads", "miss")).isEqualTo(stats.misses()).isPositive();
                    assertThat(count(meters, "larder.model.fills", "stored")).isEqualTo(1);
                    assertThat(count(meters, "larder.model.fills", "refused")).isEqualTo(stats.notStored());
                    assertThat(meters.get("larder.model.invalidations").tag("cache", "default").functionCounter().count())
                            .isEqualTo(stats.invalidations()).isPositive();
                    assertThat(context.getBean(LarderEndpoint.class).larder())
                            .containsEntry("modelCaches", java.util.Map.of("default", stats));
                });
    }

    @Test
    void aWebApplication_recordsEachRequestsModelReads_inARequestAttribute() {
        new WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
                        HibernateJpaAutoConfiguration.class, LarderAutoConfiguration.class,
                        LarderHibernateAutoConfiguration.class, LarderModelRecordingAutoConfiguration.class))
                .withUserConfiguration(Books.Entities.class)
                .run(context -> {
                    EntityManagerFactory emf = context.getBean(EntityManagerFactory.class);
                    Books.inTransaction(emf, em -> em.persist(new Book(3L, "Persuasion")));
                    ModelCache models = context.getBean(ModelCache.class);
                    Books.read(emf, models, 3L);
                    @SuppressWarnings("unchecked")
                    FilterRegistrationBean<ModelRecordingFilter> registration =
                            context.getBean("larderModelRecordingFilter", FilterRegistrationBean.class);
                    assertThat(registration.getOrder()).isEqualTo(Ordered.HIGHEST_PRECEDENCE + 50);
                    assertThat(registration.determineDispatcherTypes()).containsExactlyInAnyOrder(
                            jakarta.servlet.DispatcherType.REQUEST, jakarta.servlet.DispatcherType.ASYNC,
                            jakarta.servlet.DispatcherType.ERROR);
                    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/books/3");
                    List<Recording> seen = new ArrayList<>();
                    registration.getFilter().doFilter(request, new MockHttpServletResponse(), (req, resp) -> {
                        Books.read(emf, models, 3L);
                        Books.read(emf, models, 4L);
                        seen.add((Recording) req.getAttribute(ModelRecordingFilter.ATTRIBUTE));
                    });
                    assertThat(seen.get(0).hits()).isEqualTo(1);
                    assertThat(seen.get(0).misses()).isEqualTo(1);
                    assertThat(seen.get(0).seen()).containsKey("stamp:" + Book.class.getName() + ":3");
                    Books.read(emf, models, 3L); // after the request: its recording is closed and counts nothing more
                    assertThat(seen.get(0).hits()).isEqualTo(1);
                    assertThat(seen.get(0).showsUnsaved()).isFalse();
                    registration.getFilter().doFilter(new MockHttpServletRequest("POST", "/books/3"),
                            new MockHttpServletResponse(), (req, resp) ->
                                    seen.add((Recording) req.getAttribute(ModelRecordingFilter.ATTRIBUTE)));
                    assertThat(seen.get(1).showsUnsaved()).as("a POST's page may show what it never saved").isTrue();
                });
    }

    @Test
    void requestRecording_canBeTurnedOff_andNeedsTheModelCache() {
        WebApplicationContextRunner web = new WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
                        HibernateJpaAutoConfiguration.class, LarderAutoConfiguration.class,
                        LarderHibernateAutoConfiguration.class, LarderModelRecordingAutoConfiguration.class))
                .withUserConfiguration(Books.Entities.class);
        web.withPropertyValues("larder.model-cache.record-requests=false")
                .run(context -> assertThat(context).doesNotHaveBean("larderModelRecordingFilter"));
        web.withPropertyValues("larder.model-cache.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean("larderModelRecordingFilter"));
        runner.withConfiguration(AutoConfigurations.of(LarderModelRecordingAutoConfiguration.class))
                .run(context -> assertThat(context).doesNotHaveBean("larderModelRecordingFilter"));
    }

    @Test
    void theTestClassPath_runsLardersHibernate() {
        // Boot 4.0.7 manages Hibernate 7.2; Larder's parent pins the version it is built and tested with.
        assertThat(org.hibernate.Version.getVersionString()).startsWith("7.4.");
    }

    private static double count(MeterRegistry meters, String name, String result) {
        return meters.get(name).tag("cache", "default").tag("result", result).functionCounter().count();
    }
}
