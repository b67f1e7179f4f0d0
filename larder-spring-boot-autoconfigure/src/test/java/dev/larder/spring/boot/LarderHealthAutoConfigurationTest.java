package dev.larder.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.CacheConfig;
import dev.larder.CacheRegistry;
import dev.larder.CacheStats;
import dev.larder.spring.actuate.CacheHealthIndicator;
import dev.larder.spring.actuate.LarderHealthContributor;
import dev.larder.testkit.servers.LarderServers;
import dev.larder.testkit.servers.MemcachedServers;
import dev.larder.testkit.servers.RedisServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.actuate.endpoint.CompositeHealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.actuate.endpoint.IndicatedHealthDescriptor;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

@ExtendWith(LarderServers.class)
class LarderHealthAutoConfigurationTest {
    private final MemcachedServers memcached;
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(LarderAutoConfiguration.class, LarderHealthAutoConfiguration.class,
                    EndpointAutoConfiguration.class, HealthContributorAutoConfiguration.class,
                    HealthContributorRegistryAutoConfiguration.class, HealthEndpointAutoConfiguration.class))
            .withPropertyValues("management.endpoint.health.show-details=always");

    LarderHealthAutoConfigurationTest(MemcachedServers memcached) {
        this.memcached = memcached;
    }

    @Test
    void sharedBackends_areUp_oneComponentPerAlias_localMemoryNotProbed() {
        try (RedisServer redis = RedisServer.start()) {
            runner.withPropertyValues(redis(redis, "default")).withPropertyValues("larder.caches.sessions.backend=memcached",
                    "larder.caches.sessions.location=" + memcached.location(), "larder.caches.local.backend=locmem")
                    .run(context -> {
                        CompositeHealthDescriptor larder = larder(context.getBean(HealthEndpoint.class).health());
                        assertThat(larder.getStatus()).isEqualTo(Status.UP);
                        assertThat(larder.getComponents()).containsOnlyKeys("default", "sessions");
                        IndicatedHealthDescriptor main = indicated(larder, "default");
                        assertThat(main.getStatus()).isEqualTo(Status.UP);
                        assertThat(main.getDetails()).containsEntry("backend", "redis")
                                .containsEntry("location", redis.uri() + "/0").containsKey("latencyMillis");
                        assertThat(indicated(larder, "sessions").getDetails()).containsEntry("backend", "memcached");
                    });
        }
    }

    @Test
    void aliasesOnOneStore_shareOneIndicator_namedAfterThem_anotherDatabaseHasItsOwn() {
        try (RedisServer redis = RedisServer.start()) {
            runner.withPropertyValues(redis(redis, "default")).withPropertyValues(redis(redis, "sessions"))
                    .withPropertyValues("larder.caches.sessions.key-prefix=sessions", "larder.caches.other.backend=redis",
                            "larder.caches.other.location=" + redis.uri() + "/1")
                    .run(context -> {
                        LarderHealthContributor contributor = context.getBean(LarderHealthContributor.class);
                        assertThat(contributor.stream().map(e -> e.name())).containsExactly("default+sessions", "other");
                        assertThat(contributor.getContributor("default+sessions")).isNotNull();
                        assertThat(contributor.getContributor("default")).isNull();
                        CompositeHealthDescriptor larder = larder(context.getBean(HealthEndpoint.class).health());
                        assertThat(larder.getComponents()).containsOnlyKeys("default+sessions", "other");
                        assertThat(indicated(larder, "default+sessions").getDetails())
                                .containsEntry("location", redis.uri() + "/0");
                        assertThat(indicated(larder, "other").getDetails()).containsEntry("location", redis.uri() + "/1");
                    });
        }
    }

    @Test
    void aStoppedServer_isDegraded_andTheApplicationStaysUp() {
        try (RedisServer redis = RedisServer.start("--requirepass", "health-s3cret")) {
            runner.withPropertyValues("larder.caches.default.backend=redis", "larder.caches.default.location=redis://:health-s3cret@127.0.0.1:"
                    + redis.port() + "/0", "larder.caches.default.options.command-timeout=300ms").run(context -> {
                        HealthEndpoint health = context.getBean(HealthEndpoint.class);
                        assertThat(indicated(larder(health.health()), "default").getStatus()).isEqualTo(Status.UP);
                        redis.stop();
                        HealthDescriptor all = health.health();
                        assertThat(all.getStatus()).isEqualTo(Status.UP);
                        IndicatedHealthDescriptor main = indicated(larder(all), "default");
                        assertThat(main.getStatus()).isEqualTo(CacheHealthIndicator.DEGRADED);
                        // Boot's default order leaves out a status it does not know: the group has nothing left to rank.
                        assertThat(larder(all).getStatus()).isEqualTo(Status.UNKNOWN);
                        assertThat(main.getDetails()).containsKey("error")
                                .containsEntry("location", "redis://:***@127.0.0.1:" + redis.port() + "/0");
                        assertThat(main.getDetails().toString()).doesNotContain("health-s3cret");
                    });
        }
    }

    @Test
    void withDegradedInTheStatusOrder_theAggregateIsDegraded_notDown() {
        try (RedisServer redis = RedisServer.start()) {
            runner.withPropertyValues(redis(redis, "default")).withPropertyValues("larder.caches.default.options.command-timeout=300ms",
                    "management.endpoint.health.status.order=down,out-of-service,degraded,up,unknown").run(context -> {
                        redis.stop();
                        HealthDescriptor all = context.getBean(HealthEndpoint.class).health();
                        assertThat(all.getStatus()).isEqualTo(CacheHealthIndicator.DEGRADED);
                        assertThat(larder(all).getStatus()).isEqualTo(CacheHealthIndicator.DEGRADED);
                    });
        }
    }

    @Test
    void theProbe_leavesTheCachesCountersAlone() {
        try (RedisServer redis = RedisServer.start()) {
            runner.withPropertyValues(redis(redis, "default")).run(context -> {
                CacheStats before = context.getBean(CacheRegistry.class).defaultCache().stats();
                context.getBean(HealthEndpoint.class).health();
                assertThat(context.getBean(CacheRegistry.class).defaultCache().stats()).isEqualTo(before);
            });
        }
    }

    @Test
    void anApplicationsOwnRegistry_isProbed_withItsLocationMasked_andCachesCreatedLaterAreNot() {
        try (RedisServer redis = RedisServer.start("--requirepass", "own-s3cret");
                CacheRegistry own = CacheRegistry.builder().cache("default", CacheConfig.builder().backend("redis")
                        .location("redis://:own-s3cret@127.0.0.1:" + redis.port() + "/0").build()).build()) {
            runner.withBean(CacheRegistry.class, () -> own).run(context -> {
                own.create("books", own.config("default").withKeyPrefix("books"));
                CompositeHealthDescriptor larder = larder(context.getBean(HealthEndpoint.class).health());
                assertThat(larder.getComponents()).containsOnlyKeys("default");
                IndicatedHealthDescriptor main = indicated(larder, "default");
                assertThat(main.getStatus()).isEqualTo(Status.UP);
                assertThat(main.getDetails()).containsEntry("backend", "redis")
                        .containsEntry("location", "redis://:***@127.0.0.1:" + redis.port() + "/0");
                assertThat(main.getDetails().toString()).doesNotContain("own-s3cret");
            });
        }
    }

    @Test
    void onlyLocalMemory_noLarderComponent() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(LarderHealthContributor.class);
            assertThat(((CompositeHealthDescriptor) context.getBean(HealthEndpoint.class).health()).getComponents())
                    .doesNotContainKey("larder");
        });
    }

    @Test
    void disabledByProperty_noContributor() {
        runner.withPropertyValues("management.health.larder.enabled=false")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(LarderHealthContributor.class));
    }

    private static String[] redis(RedisServer redis, String alias) {
        return new String[] {"larder.caches." + alias + ".backend=redis",
                "larder.caches." + alias + ".location=" + redis.uri() + "/0"};
    }

    private static CompositeHealthDescriptor larder(HealthDescriptor all) {
        return (CompositeHealthDescriptor) ((CompositeHealthDescriptor) all).getComponents().get("larder");
    }

    private static IndicatedHealthDescriptor indicated(CompositeHealthDescriptor group, String name) {
        return (IndicatedHealthDescriptor) group.getComponents().get(name);
    }
}
