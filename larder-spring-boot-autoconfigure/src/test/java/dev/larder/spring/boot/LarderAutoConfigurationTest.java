package dev.larder.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.Cache;
import dev.larder.CacheConfig;
import dev.larder.CacheConfigException;
import dev.larder.CacheRegistry;
import dev.larder.LoadPolicy;
import dev.larder.Timeout;
import java.nio.file.Path;
import java.time.Duration;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class LarderAutoConfigurationTest {
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(LarderAutoConfiguration.class));

    @Test
    void properties_configureTheRegistry() {
        runner.withPropertyValues("larder.caches.default.timeout=1m", "larder.caches.default.options.max-entries=5",
                "larder.caches.pages.backend=locmem", "larder.caches.pages.key-prefix=site",
                "larder.caches.pages.location=pages-store").run(context -> {
                    CacheRegistry registry = context.getBean(CacheRegistry.class);
                    assertThat(registry.aliases()).containsExactly("default", "pages");
                    Cache pages = registry.cache("pages");
                    pages.set("k", "v");
                    assertThat(pages.get("k")).isEqualTo("v");
                    assertThat(registry.defaultCache().inspect()).containsEntry("max-entries", "5");
                });
    }

    @Test
    void loadPolicyProperties_configureGetOrSet(@TempDir Path dir) {
        runner.withPropertyValues("larder.caches.default.backend=file", "larder.caches.default.location=" + dir,
                "larder.caches.default.lease=3s", "larder.caches.default.early-refresh=true",
                "larder.caches.default.stale-while-revalidate=30s", "larder.caches.default.stale-if-error=10m")
                .run(context -> {
                    CacheRegistry registry = context.getBean(CacheRegistry.class);
                    assertThat(registry.config("default").loadPolicy()).isEqualTo(new LoadPolicy(
                            Duration.ofSeconds(3), true, Duration.ofSeconds(30), Duration.ofMinutes(10)));
                    assertThat((Object) registry.defaultCache().getOrSet("k", () -> "v")).isEqualTo("v");
                });
    }

    @Test
    void noProperties_giveTheLocalMemoryDefault() {
        runner.run(context -> {
            CacheRegistry registry = context.getBean(CacheRegistry.class);
            assertThat(registry.aliases()).containsExactly("default");
            assertThat(registry.defaultCache().capabilities().outOfProcess()).isFalse();
        });
    }

    @Test
    void theRegistry_isClosedWithTheContext() {
        Cache[] seen = new Cache[1];
        runner.run(context -> seen[0] = context.getBean(CacheRegistry.class).defaultCache());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> seen[0].get("k"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    @Test
    void aBadValue_failsStartUp_namingTheProperty_throughBootsFailureAnalysis() {
        runner.withPropertyValues("larder.caches.default.timeout=soon").run(context -> {
            assertThat(context).hasFailed();
            Throwable failure = context.getStartupFailure();
            CacheConfigException cause = findCause(failure);
            assertThat(cause.getMessage()).contains("larder.caches.default.timeout='soon'");
            FailureAnalysis analysis = new LarderConfigFailureAnalyzer().analyze(failure);
            assertThat(analysis.getDescription()).contains("larder.caches.default.timeout='soon'");
            assertThat(analysis.getAction()).contains("application.properties");
        });
    }

    @Test
    void anUnknownOption_failsStartUp_namingIt() {
        runner.withPropertyValues("larder.caches.default.options.max-entires=5").run(context -> {
            assertThat(context).hasFailed();
            assertThat(findCause(context.getStartupFailure()).getMessage())
                    .contains("larder.caches.default.options.max-entires is not an option");
        });
    }

    @Test
    void aPassword_isNotInTheFailureMessage() {
        runner.withPropertyValues("larder.caches.default.backend=redis",
                "larder.caches.default.location=redis://:hunter2secret@127.0.0.1:1/0",
                "larder.caches.default.options.nonsense=1").run(context -> {
                    assertThat(context).hasFailed();
                    FailureAnalysis analysis = new LarderConfigFailureAnalyzer().analyze(context.getStartupFailure());
                    assertThat(analysis.getDescription()).contains("nonsense").doesNotContain("hunter2secret");
                });
    }

    @Test
    void aJdbcCacheWithoutUrl_usesTheApplicationsDataSource() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:larder-autoconfig;DB_CLOSE_DELAY=-1");
        runner.withBean(DataSource.class, () -> h2)
                .withPropertyValues("larder.caches.default.backend=jdbc", "larder.caches.default.location=spring_cache",
                        "larder.caches.default.options.create-table=true")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    Cache cache = context.getBean(CacheRegistry.class).defaultCache();
                    cache.set("k", 42);
                    assertThat(cache.get("k")).isEqualTo(42L);
                    try (var c = h2.getConnection(); var rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM \"spring_cache\"")) {
                        rs.next();
                        assertThat(rs.getInt(1)).isEqualTo(1);
                    }
                });
    }

    @Test
    void customizers_addCachesBeforeTheRegistryIsBuilt() {
        runner.withBean(CacheRegistryCustomizer.class, () -> b -> b.cache("extra",
                CacheConfig.builder().backend("locmem").timeout(Timeout.ofSeconds(5)).build()))
                .run(context -> assertThat(context.getBean(CacheRegistry.class).aliases()).containsExactly("default", "extra"));
    }

    @Test
    void aRegistryBeanOfTheApplications_replacesLarders() {
        CacheRegistry own = CacheRegistry.builder().build();
        runner.withBean(CacheRegistry.class, () -> own)
                .withPropertyValues("larder.caches.default.timeout=soon")
                .run(context -> assertThat(context.getBean(CacheRegistry.class)).isSameAs(own));
        own.close();
    }

    private static CacheConfigException findCause(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof CacheConfigException e) {
                return e;
            }
        }
        throw new AssertionError("no CacheConfigException in " + t);
    }
}
