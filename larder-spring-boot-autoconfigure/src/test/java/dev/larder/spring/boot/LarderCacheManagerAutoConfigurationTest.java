package dev.larder.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.larder.CacheConfig;
import dev.larder.CacheRegistry;
import dev.larder.Timeout;
import dev.larder.spring.cache.EntryTimeout;
import dev.larder.spring.cache.LarderCacheManager;
import dev.larder.spring.cache.LarderSpringCache;
import dev.larder.testing.FakeClock;
import dev.larder.testing.LogCapture;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.concurrent.ConcurrentMapCacheManager;
import org.springframework.cache.support.NoOpCacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class LarderCacheManagerAutoConfigurationTest {
    private static final FakeClock CLOCK = new FakeClock();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(LarderAutoConfiguration.class,
                    LarderCacheManagerAutoConfiguration.class, CacheAutoConfiguration.class))
            .withUserConfiguration(CachingEnabled.class);

    @Configuration(proxyBeanMethods = false)
    @EnableCaching
    static class CachingEnabled {
    }

    @Test
    void withoutEnableCaching_thereIsNoCacheManager() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(LarderAutoConfiguration.class,
                        LarderCacheManagerAutoConfiguration.class))
                .run(context -> assertThat(context).doesNotHaveBean(CacheManager.class));
    }

    @Test
    void byDefault_anUnknownName_getsACacheOfItsOwn_fromTheDefaultTemplate() {
        runner.withPropertyValues("larder.caches.default.key-prefix=app").run(context -> {
            LarderCacheManager manager = context.getBean("cacheManager", LarderCacheManager.class);
            assertThat(manager.isDynamic()).isTrue();
            LarderSpringCache books = manager.getCache("books");
            books.put("k", "v");
            CacheRegistry registry = context.getBean(CacheRegistry.class);
            assertThat(registry.aliases()).contains("books");
            assertThat(books.getNativeCache()).isSameAs(registry.cache("books"));
            // Same store as the template, another prefix: the default cache does not see the entry.
            assertThat(registry.defaultCache().get("k")).isNull();
            assertThat(manager.getCache("books")).isSameAs(books);
            assertThat(manager.getCacheNames()).contains("default", "books");
        });
    }

    @Test
    void aLarderAlias_isThatLarderCache() {
        runner.withPropertyValues("larder.caches.default.backend=locmem", "larder.caches.pages.backend=locmem", "larder.caches.pages.location=pages")
                .run(context -> {
                    LarderSpringCache pages = context.getBean(LarderCacheManager.class).getCache("pages");
                    assertThat(pages.getNativeCache()).isSameAs(context.getBean(CacheRegistry.class).cache("pages"));
                });
    }

    @Test
    void theTemplate_isTheNamedLarderCache() {
        runner.withPropertyValues("larder.caches.default.backend=locmem",
                "larder.caches.small.backend=locmem", "larder.caches.small.location=small",
                "larder.caches.small.options.max-entries=7", "larder.cache-manager.template=small").run(context -> {
                    LarderSpringCache books = context.getBean(LarderCacheManager.class).getCache("books");
                    assertThat(books.getNativeCache().inspect()).containsEntry("max-entries", "7");
                });
    }

    @Test
    void anUnknownTemplate_failsStartUp_namingTheProperty() {
        runner.withPropertyValues("larder.cache-manager.template=nope").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                    .hasMessageContaining("larder.cache-manager.template='nope'").hasMessageContaining("configured: [default]");
        });
    }

    @Test
    void staticNames_onlyThoseExist_andAnUnknownOneIsNull_loggedWithTheProperty() {
        runner.withPropertyValues("larder.cache-manager.dynamic=false", "larder.cache-manager.cache-names=books,authors")
                .run(context -> {
                    LarderCacheManager manager = context.getBean(LarderCacheManager.class);
                    assertThat(manager.getCacheNames()).containsExactlyInAnyOrder("books", "authors");
                    try (LogCapture log = LogCapture.of("dev.larder.spring.cache")) {
                        assertThat(manager.getCache("other")).isNull();
                        assertThat(manager.getCache("other")).isNull();
                        assertThat(log.messages()).hasSize(1).first().asString()
                                .contains("'other'").contains("larder.cache-manager.cache-names");
                    }
                    assertThat(manager.getCache("books")).isNotNull();
                });
    }

    @Test
    void notDynamic_withoutNames_theLarderAliasesAreTheCaches() {
        runner.withPropertyValues("larder.cache-manager.dynamic=false", "larder.caches.default.backend=locmem",
                "larder.caches.pages.backend=locmem", "larder.caches.pages.location=pages").run(context -> {
                    LarderCacheManager manager = context.getBean(LarderCacheManager.class);
                    assertThat(manager.getCacheNames()).containsExactlyInAnyOrder("default", "pages");
                    assertThat(manager.getCache("books")).isNull();
                });
    }

    @Test
    void cacheNames_areCreatedAtStartUp() {
        runner.withPropertyValues("larder.cache-manager.cache-names=books").run(context -> {
            assertThat(context.getBean(CacheRegistry.class).aliases()).contains("books");
        });
    }

    @Test
    void timeouts_perCacheName() {
        runner.withUserConfiguration(FakeClockConfig.class)
                .withPropertyValues("larder.cache-manager.timeouts.books=5m", "larder.caches.default.timeout=1h")
                .run(context -> {
                    LarderCacheManager manager = context.getBean(LarderCacheManager.class);
                    LarderSpringCache books = manager.getCache("books");
                    LarderSpringCache other = manager.getCache("other");
                    books.put("k", "v");
                    other.put("k", "v");
                    CLOCK.advance(Duration.ofMinutes(4));
                    assertThat(books.get("k")).isNotNull();
                    CLOCK.advance(Duration.ofMinutes(2));
                    assertThat(books.get("k")).isNull();
                    assertThat(other.get("k")).isNotNull();
                    CLOCK.advance(Duration.ofHours(1));
                    assertThat(other.get("k")).isNull();
                });
    }

    @Test
    void aBadTimeout_failsStartUp_namingTheProperty() {
        runner.withPropertyValues("larder.cache-manager.timeouts.books=soon").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure())
                    .hasStackTraceContaining("larder.cache-manager.timeouts.books: 'soon' is not a valid timeout");
        });
    }

    @Test
    void anEntryTimeoutBean_choosesEachEntrysTimeout() {
        runner.withUserConfiguration(SkipNulls.class).run(context -> {
            LarderSpringCache books = context.getBean(LarderCacheManager.class).getCache("books");
            books.put("kept", "v");
            books.put("skipped", null);
            assertThat(books.get("kept")).isNotNull();
            // Timeout.ZERO keeps nothing: the hook's choice, not the cache's default, was used.
            assertThat(books.get("skipped")).isNull();
        });
    }

    @Test
    void allowNullValuesFalse_refusesNulls() {
        runner.withPropertyValues("larder.cache-manager.allow-null-values=false").run(context -> {
            LarderSpringCache books = context.getBean(LarderCacheManager.class).getCache("books");
            assertThat(books.isAllowNullValues()).isFalse();
            assertThatThrownBy(() -> books.put("k", null)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'books'");
        });
    }

    @Test
    void allowNullValues_byDefault() {
        runner.run(context -> {
            LarderSpringCache books = context.getBean(LarderCacheManager.class).getCache("books");
            books.put("k", null);
            assertThat(books.get("k")).isNotNull();
        });
    }

    @Test
    void backsOff_whenTheApplicationDefinesACacheManager() {
        runner.withUserConfiguration(OwnManager.class).run(context -> {
            assertThat(context).hasSingleBean(CacheManager.class);
            assertThat(context.getBean(CacheManager.class)).isInstanceOf(ConcurrentMapCacheManager.class);
            assertThat(context).doesNotHaveBean(LarderCacheManager.class);
        });
    }

    @Test
    void enabledFalse_leavesTheChoiceToBoot() {
        runner.withPropertyValues("larder.cache-manager.enabled=false").run(context -> {
            assertThat(context).hasSingleBean(CacheManager.class);
            assertThat(context).doesNotHaveBean(LarderCacheManager.class);
        });
    }

    @Test
    void springCacheTypeNone_backsOff_forBootsNoOpManager() {
        runner.withPropertyValues("spring.cache.type=none").run(context -> {
            assertThat(context).doesNotHaveBean(LarderCacheManager.class);
            assertThat(context).doesNotHaveBean(LarderCacheExecutor.class);
            assertThat(context.getBean(CacheManager.class)).isInstanceOf(NoOpCacheManager.class);
        });
    }

    @Test
    void springCacheTypeSimple_backsOff_forBootsMapManager() {
        runner.withPropertyValues("spring.cache.type=simple").run(context -> {
            assertThat(context).doesNotHaveBean(LarderCacheManager.class);
            assertThat(context.getBean(CacheManager.class)).isInstanceOf(ConcurrentMapCacheManager.class);
        });
    }

    @Test
    void worksWithoutMicrometer() {
        runner.withClassLoader(new FilteredClassLoader(MeterRegistry.class)).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).hasSingleBean(LarderCacheManager.class);
            assertThat(context).doesNotHaveBean(LarderCacheMeterBinderProvider.class);
            context.getBean(LarderCacheManager.class).getCache("books").put("k", "v");
        });
    }

    @Test
    void theDefaultExecutor_isBounded_andSized() {
        runner.withPropertyValues("larder.cache-manager.async-threads=3", "larder.cache-manager.async-queue-capacity=5")
                .run(context -> {
                    ThreadPoolExecutor pool = (ThreadPoolExecutor) context.getBean(LarderCacheExecutor.class).executor();
                    assertThat(pool.getMaximumPoolSize()).isEqualTo(3);
                    assertThat(pool.getQueue().remainingCapacity()).isEqualTo(5);
                    LarderSpringCache books = context.getBean(LarderCacheManager.class).getCache("books");
                    String thread = books.retrieve("k", () -> CompletableFuture.completedFuture(
                            Thread.currentThread().getName())).get(10, TimeUnit.SECONDS);
                    assertThat(thread).startsWith("larder-cache-async-");
                });
    }

    @Test
    void aLarderCacheExecutorBean_replacesTheDefault() {
        runner.withUserConfiguration(OwnExecutor.class).run(context -> {
            assertThat(context).hasSingleBean(LarderCacheExecutor.class);
            LarderSpringCache books = context.getBean(LarderCacheManager.class).getCache("books");
            String thread = books.retrieve("k", () -> CompletableFuture.completedFuture(
                    Thread.currentThread().getName())).get(10, TimeUnit.SECONDS);
            assertThat(thread).startsWith("own-executor");
        });
    }

    @Test
    void anApplicationsOwnRegistry_getsDynamicCaches_fromItsDefaultsSettings() {
        runner.withUserConfiguration(OwnRegistry.class).run(context -> {
            assertThat(context).hasNotFailed();
            CacheRegistry registry = context.getBean(CacheRegistry.class);
            assertThat(registry).isSameAs(context.getBean("myRegistry"));
            LarderSpringCache books = context.getBean(LarderCacheManager.class).getCache("books");
            books.put("k", "v");
            assertThat(books.get("k").get()).isEqualTo("v");
            assertThat(books.getNativeCache()).isSameAs(registry.cache("books"));
            assertThat(books.getNativeCache().inspect()).containsEntry("max-entries", "3");
            assertThat(registry.config("books").keyPrefix()).isEqualTo("own:books");
            assertThat(registry.defaultCache().get("k")).isNull();
        });
    }

    @Test
    void anApplicationsOwnRegistry_withDynamicOff_hasOnlyItsCaches() {
        runner.withUserConfiguration(OwnRegistry.class).withPropertyValues("larder.cache-manager.dynamic=false")
                .run(context -> {
                    LarderCacheManager manager = context.getBean(LarderCacheManager.class);
                    assertThat(manager.getCacheNames()).containsExactly("default");
                    assertThat(manager.getCache("books")).isNull();
                });
    }

    @Test
    void bootsApplicationTaskExecutor_stillComes() {
        runner.withConfiguration(AutoConfigurations.of(TaskExecutionAutoConfiguration.class)).run(context -> {
            assertThat(context).hasBean("applicationTaskExecutor");
            assertThat(context).hasSingleBean(LarderCacheManager.class);
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class FakeClockConfig {
        @Bean
        CacheRegistryCustomizer fakeClock() {
            return builder -> builder.clock(CLOCK);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class SkipNulls {
        @Bean
        EntryTimeout skipNulls() {
            return (cacheName, key, value) -> value == null ? Timeout.ZERO : Timeout.DEFAULT;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnManager {
        @Bean
        CacheManager myCacheManager() {
            return new ConcurrentMapCacheManager();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnExecutor {
        @Bean(destroyMethod = "shutdown")
        ExecutorService ownPool() {
            return Executors.newSingleThreadExecutor(r -> new Thread(r, "own-executor"));
        }

        @Bean
        LarderCacheExecutor myLarderCacheExecutor(ExecutorService ownPool) {
            return new LarderCacheExecutor(ownPool);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnRegistry {
        @Bean(destroyMethod = "close")
        CacheRegistry myRegistry() {
            // A store of its own: the unnamed locmem store is shared by every registry in the JVM.
            return CacheRegistry.builder().cache("default", CacheConfig.builder().location("own-registry")
                    .keyPrefix("own").option("max-entries", "3").build()).build();
        }
    }
}
