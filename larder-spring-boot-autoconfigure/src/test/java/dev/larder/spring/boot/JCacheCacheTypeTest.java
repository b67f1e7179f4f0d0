package dev.larder.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.larder.jcache.LarderCachingProvider;
import dev.larder.jcache.LarderJCache;
import dev.larder.spring.cache.LarderCacheManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.jcache.JCacheCache;
import org.springframework.cache.jcache.JCacheCacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Spring Boot's {@code JCACHE} cache type over Larder's JSR-107 provider (larder-jcache), named
 * by {@code spring.cache.jcache.provider} or found alone on the class path, with and without
 * Larder's own auto-configuration beside it.
 */
class JCacheCacheTypeTest {
    /** An application with Boot's cache auto-configuration and larder-jcache, without Larder's starter. */
    private final ApplicationContextRunner bootAlone = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(CacheAutoConfiguration.class))
            .withUserConfiguration(Catalogue.class);

    /** The same application with Larder's starter too. */
    private final ApplicationContextRunner withLarderStarter = bootAlone.withConfiguration(
            AutoConfigurations.of(LarderAutoConfiguration.class, LarderCacheManagerAutoConfiguration.class));

    @Configuration(proxyBeanMethods = false)
    @EnableCaching
    static class Catalogue {
        @Bean
        Titles titles() {
            return new Titles();
        }
    }

    static class Titles {
        private final AtomicInteger calls = new AtomicInteger();

        /** Through the caching proxy too (a proxy's own fields are empty). */
        public int calls() {
            return calls.get();
        }

        @Cacheable("books")
        public String title(String isbn) {
            calls.incrementAndGet();
            return "title of " + isbn;
        }

        @Cacheable("books")
        public String withdrawn(String isbn) {
            calls.incrementAndGet();
            return null;
        }
    }

    @Test
    void namedProvider_bootsJCacheManagerWrapsLarders_onTheConfiguredBackend(@TempDir Path dir) throws IOException {
        Path store = dir.resolve("store");
        Path config = Files.writeString(dir.resolve("larder.properties"),
                "larder.caches.default.backend=file\nlarder.caches.default.location=" + store + "\n");
        withLarderStarter.withPropertyValues("spring.cache.type=jcache",
                "spring.cache.jcache.provider=dev.larder.jcache.LarderCachingProvider",
                "spring.cache.jcache.config=" + config.toUri(), "spring.cache.cache-names=books").run(context -> {
                    JCacheCacheManager spring = jcacheManager(context);
                    javax.cache.CacheManager jcache = spring.getCacheManager();
                    assertThat(jcache).isInstanceOf(dev.larder.jcache.LarderCacheManager.class);
                    assertThat(jcache.getCachingProvider()).isInstanceOf(LarderCachingProvider.class);
                    assertThat(jcache.getURI()).isEqualTo(config.toUri());
                    assertThat(spring.getCacheNames()).containsExactly("books");

                    assertCachedOnce(context);

                    JCacheCache books = (JCacheCache) spring.getCache("books");
                    assertThat(books.getNativeCache().get("9780441013593")).isEqualTo("title of 9780441013593");
                    LarderJCache<?, ?> larder = books.getNativeCache().unwrap(LarderJCache.class);
                    // The file backend of the configuration file, in a directory of the cache's own under it.
                    assertThat(larder.unwrap(dev.larder.Cache.class).inspect())
                            .hasEntrySatisfying("directory", d -> assertThat(Path.of(d)).startsWith(store))
                            .containsEntry("files", "2");
                    assertThat(filesUnder(store)).hasSize(2);
                });
    }

    @Test
    void providerAloneOnTheClassPath_withoutLardersStarter_isBootsAutomaticChoice() {
        bootAlone.withPropertyValues("spring.cache.cache-names=books").run(context -> {
            javax.cache.CacheManager jcache = jcacheManager(context).getCacheManager();
            assertThat(jcache.getCachingProvider()).isInstanceOf(LarderCachingProvider.class);
            assertThat(jcache.getURI()).isEqualTo(LarderCachingProvider.DEFAULT_URI);
            assertCachedOnce(context);
        });
    }

    @Test
    void providerAloneOnTheClassPath_withLardersStarter_andTypeJCache_isBootsJCacheManager() {
        withLarderStarter.withPropertyValues("spring.cache.type=jcache", "spring.cache.cache-names=books")
                .run(context -> {
                    assertThat(context).doesNotHaveBean(LarderCacheManager.class);
                    assertThat(jcacheManager(context).getCacheManager().getCachingProvider())
                            .isInstanceOf(LarderCachingProvider.class);
                    assertCachedOnce(context);
                });
    }

    @Test
    void providerAloneOnTheClassPath_withLardersStarter_andNoType_isLardersOwnSpringManager() {
        withLarderStarter.run(context -> {
            assertThat(context.getBean(CacheManager.class)).isInstanceOf(LarderCacheManager.class);
            assertThat(context).doesNotHaveBean(javax.cache.CacheManager.class);
            assertCachedOnce(context);
        });
    }

    @Test
    void nullResults_areStoredAsSpringsNullValue_whichTheSerializerMustBeAllowed(@TempDir Path dir) throws IOException {
        Path config = Files.writeString(dir.resolve("larder.properties"), "larder.caches.default.backend=locmem\n"
                + "larder.caches.default.location=jcache-nulls\n"
                + "larder.caches.default.options.allow-classes=org.springframework.cache.support.NullValue\n");
        bootAlone.withPropertyValues("spring.cache.cache-names=books", "spring.cache.jcache.config=" + config.toUri())
                .run(context -> {
                    Titles titles = context.getBean(Titles.class);
                    assertThat(titles.withdrawn("9780000000000")).isNull();
                    assertThat(titles.withdrawn("9780000000000")).isNull();
                    assertThat(titles.calls()).isEqualTo(1);
                });
    }

    @Test
    void nullResults_withoutNullValueAllowed_failTheCall_namingTheClass() {
        bootAlone.withPropertyValues("spring.cache.cache-names=books").run(context -> {
            Titles titles = context.getBean(Titles.class);
            assertThatThrownBy(() -> titles.withdrawn("9780000000000"))
                    .hasStackTraceContaining("org.springframework.cache.support.NullValue");
        });
    }

    private static JCacheCacheManager jcacheManager(AssertableApplicationContext context) {
        assertThat(context).hasNotFailed();
        CacheManager manager = context.getBean(CacheManager.class);
        assertThat(manager).isInstanceOf(JCacheCacheManager.class);
        return (JCacheCacheManager) manager;
    }

    private static void assertCachedOnce(AssertableApplicationContext context) {
        Titles titles = context.getBean(Titles.class);
        assertThat(titles.title("9780441013593")).isEqualTo("title of 9780441013593");
        assertThat(titles.title("9780441013593")).isEqualTo("title of 9780441013593");
        assertThat(titles.calls()).isEqualTo(1);
        assertThat(titles.title("9780261103573")).isEqualTo("title of 9780261103573");
        assertThat(titles.calls()).isEqualTo(2);
    }

    private static List<Path> filesUnder(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).toList();
        }
    }
}
