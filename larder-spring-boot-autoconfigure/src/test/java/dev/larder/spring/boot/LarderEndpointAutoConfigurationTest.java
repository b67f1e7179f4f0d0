package dev.larder.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.larder.Cache;
import dev.larder.CacheConfig;
import dev.larder.CacheRegistry;
import dev.larder.servlet.PageCache;
import dev.larder.spring.actuate.PageCacheReport;
import dev.larder.spring.actuate.CacheDescriptor;
import dev.larder.spring.actuate.LarderEndpoint;
import dev.larder.testkit.servers.RedisServer;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class LarderEndpointAutoConfigurationTest {
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(LarderAutoConfiguration.class, LarderEndpointAutoConfiguration.class))
            .withPropertyValues("management.endpoints.web.exposure.include=larder");

    @Test
    void notExposed_noEndpoint() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(LarderAutoConfiguration.class, LarderEndpointAutoConfiguration.class))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(LarderEndpoint.class));
    }

    @Test
    void accessNone_noEndpoint() {
        runner.withPropertyValues("management.endpoint.larder.access=NONE")
                .run(context -> assertThat(context).doesNotHaveBean(LarderEndpoint.class));
    }

    @Test
    void withoutActuator_noEndpoint() {
        runner.withClassLoader(new FilteredClassLoader(Endpoint.class))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(LarderEndpoint.class));
    }

    @Test
    void read_listsEveryCache_withBackendLocationStatsCapabilitiesAndDetails() {
        runner.withPropertyValues("larder.caches.default.backend=locmem", "larder.caches.default.location=main",
                "larder.caches.default.options.max-entries=7", "larder.caches.other.backend=dummy").run(context -> {
                    Cache cache = context.getBean(CacheRegistry.class).defaultCache();
                    cache.set("k", "v");
                    cache.get("k");
                    cache.get("absent");
                    Map<String, Object> read = context.getBean(LarderEndpoint.class).larder();
                    @SuppressWarnings("unchecked")
                    Map<String, CacheDescriptor> caches = (Map<String, CacheDescriptor>) read.get("caches");
                    assertThat(caches).containsOnlyKeys("default", "other");
                    CacheDescriptor main = caches.get("default");
                    assertThat(main.backend()).isEqualTo("locmem");
                    assertThat(main.location()).isEqualTo("main");
                    assertThat(main.stats()).isEqualTo(new CacheDescriptor.Statistics(1, 1, 1, 0, 0, 0, 0.5, 0, 0, 0, 0));
                    assertThat(main.capabilities().outOfProcess()).isFalse();
                    assertThat(main.details()).containsEntry("max-entries", "7");
                    assertThat(caches.get("other").backend()).isEqualTo("dummy");
                    assertThat(read).doesNotContainKeys("pageCaches", "modelCaches");
                });
    }

    @Test
    void aRedisPassword_isInNoPartOfTheReadModel() {
        try (RedisServer redis = RedisServer.start("--requirepass", "endpoint-s3cret")) {
            runner.withPropertyValues("larder.caches.default.backend=redis",
                    "larder.caches.default.location=redis://:endpoint-s3cret@127.0.0.1:" + redis.port() + "/0")
                    .run(context -> {
                        assertThat(context).hasNotFailed();
                        LarderEndpoint endpoint = context.getBean(LarderEndpoint.class);
                        CacheDescriptor redisCache = endpoint.cache("default");
                        assertThat(redisCache.backend()).isEqualTo("redis");
                        assertThat(redisCache.location()).isEqualTo("redis://:***@127.0.0.1:" + redis.port() + "/0");
                        assertThat(redisCache.details()).containsKey("redis_version");
                        assertThat(redisCache.capabilities().outOfProcess()).isTrue();
                        assertThat(endpoint.larder().toString()).doesNotContain("endpoint-s3cret").contains("***");
                    });
        }
    }

    @Test
    void readOne_unknownAlias_isNull() {
        runner.run(context -> assertThat(context.getBean(LarderEndpoint.class).cache("nope")).isNull());
    }

    @Test
    void clear_emptiesThatCacheOnly() {
        runner.withPropertyValues("larder.caches.default.backend=locmem", "larder.caches.default.location=a",
                "larder.caches.other.backend=locmem", "larder.caches.other.location=b").run(context -> {
                    CacheRegistry registry = context.getBean(CacheRegistry.class);
                    registry.defaultCache().set("k", 1);
                    registry.cache("other").set("k", 2);
                    assertThat(context.getBean(LarderEndpoint.class).clear("default"))
                            .containsEntry("alias", "default").containsEntry("cleared", true);
                    assertThat(registry.defaultCache().hasKey("k")).isFalse();
                    assertThat(registry.cache("other").get("k")).isEqualTo(2L);
                });
    }

    @Test
    void clear_unknownAlias_isAnInvalidRequest_namingTheAliases() {
        runner.run(context -> assertThatThrownBy(() -> context.getBean(LarderEndpoint.class).clear("nope"))
                .isInstanceOf(InvalidEndpointRequestException.class).hasMessageContaining("nope")
                .hasMessageContaining("[default]"));
    }

    @Test
    void aCacheCreatedAtRunTime_isDescribedFromItsConfiguration_passwordMasked() {
        runner.run(context -> {
            CacheRegistry registry = context.getBean(CacheRegistry.class);
            registry.create("books", CacheConfig.builder().backend("dummy").location("redis://:runtime-s3cret@h:6379/0").build());
            LarderEndpoint endpoint = context.getBean(LarderEndpoint.class);
            CacheDescriptor books = endpoint.cache("books");
            assertThat(books.backend()).isEqualTo("dummy");
            assertThat(books.location()).isEqualTo("redis://:***@h:6379/0");
            assertThat(endpoint.larder().toString()).contains("books").doesNotContain("runtime-s3cret");
        });
    }

    @Test
    void anApplicationsOwnRegistry_isDescribedFromItsConfigurations_passwordMasked() {
        try (CacheRegistry own = CacheRegistry.builder().cache("default",
                CacheConfig.builder().backend("dummy").location("redis://:own-s3cret@h:6379/0").build()).build()) {
            runner.withBean(CacheRegistry.class, () -> own).run(context -> {
                CacheDescriptor main = context.getBean(LarderEndpoint.class).cache("default");
                assertThat(main.backend()).isEqualTo("dummy");
                assertThat(main.location()).isEqualTo("redis://:***@h:6379/0");
            });
        }
    }

    @Test
    void aPageCacheBean_addsItsStatistics_byAliasThenName() {
        runner.withUserConfiguration(LarderMetricsAutoConfigurationTest.PageCacheConfiguration.class)
                .withPropertyValues("larder.caches.default.backend=locmem", "larder.caches.pages.backend=locmem")
                .run(context -> {
                    Map<String, Object> read = context.getBean(LarderEndpoint.class).larder();
                    assertThat(read).containsEntry("pageCaches",
                            Map.of("pages", Map.of("site", new PageCacheReport(0, 0, 0, 0, 0, 0, 0, 0, Map.of()))));
                    assertThat(context.getBean(PageCache.class).cache().alias()).isEqualTo("pages");
                });
    }
}
