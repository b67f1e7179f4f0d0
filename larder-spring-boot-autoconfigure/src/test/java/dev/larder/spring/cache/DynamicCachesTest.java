package dev.larder.spring.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.CacheConfig;
import dev.larder.CacheRegistry;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Caches the manager creates: a store of their own where the backend allows it, a warning where not. */
class DynamicCachesTest {
    @TempDir
    Path dir;

    /** Creates two caches from {@code template}, fills both, clears one: the other must keep its entry. */
    private static void clearingOne_leavesTheOther(CacheConfig template) {
        try (CacheRegistry registry = CacheRegistry.builder().cache("default", template).build()) {
            LarderCacheManager manager = LarderCacheManager.builder(registry, Runnable::run)
                    .template(registry.config("default")).build();
            registry.defaultCache().set("template's", "t");
            manager.getCache("books").put("k", "book");
            manager.getCache("a/../authors.djcache").put("k", "author");
            manager.getCache("books").clear();
            assertThat(manager.getCache("books").get("k")).isNull();
            assertThat(manager.getCache("a/../authors.djcache").get("k").get()).isEqualTo("author");
            assertThat(registry.defaultCache().get("template's")).isEqualTo("t");
        }
    }

    @Test
    void locmem_clearOfACreatedCache_leavesOtherCaches() {
        clearingOne_leavesTheOther(CacheConfig.builder().backend("locmem").location("dynamic-test").build());
    }

    @Test
    void file_clearOfACreatedCache_leavesOtherCaches_andStaysInsideTheTemplatesDirectory() {
        clearingOne_leavesTheOther(CacheConfig.builder().backend("file").location(dir.toString()).build());
        assertThat(dir.resolve("books")).isDirectory();
        assertThat(dir.resolve("a%2F..%2Fauthors.djcache".replace(".", "%2E"))).isDirectory();
    }

    @Test
    void names_areEscapedIntoOneSafePathSegment() {
        assertThat(DynamicCaches.escape("books_2-b")).isEqualTo("books_2-b");
        assertThat(DynamicCaches.escape("..")).isEqualTo("%2E%2E");
        assertThat(DynamicCaches.escape("a/b\\c")).isEqualTo("a%2Fb%5Cc");
        assertThat(DynamicCaches.escape("é")).isEqualTo("%C3%A9");
        assertThat(DynamicCaches.escape("a%2F")).isNotEqualTo(DynamicCaches.escape("a/"));
    }

    @Test
    void aCreatedCacheCopiesEveryTemplateSetting_butTheLocationAndPrefix() {
        CacheConfig template = CacheConfig.builder().backend("locmem").location("x").keyPrefix("app").version(3)
                .allowClasses("com.example.*").option("max-entries", "7").build();
        CacheConfig made = DynamicCaches.configFor(template, "books", "app:books");
        assertThat(made.location()).isEqualTo("x/books");
        assertThat(made.keyPrefix()).isEqualTo("app:books");
        assertThat(made.version()).isEqualTo(3);
        assertThat(made.allowClasses()).isEqualTo("com.example.*");
        assertThat(made.options()).isEqualTo(template.options());
        assertThat(made.timeout()).isEqualTo(template.timeout());
        assertThat(made.loadWait()).isEqualTo(template.loadWait());
    }

    @Test
    void clearWarnings_nameTheTemplateAndWhatIsEmptied_onlyWhereClearIsWholeStore() {
        assertThat(DynamicCaches.clearWarning("books", "default", CacheConfig.builder().backend("jdbc")
                .location("cache_table").build())).contains("'books'", "'default'", "whole table");
        assertThat(DynamicCaches.clearWarning("books", "default", CacheConfig.builder().backend("memcached")
                .location("h:1").build())).contains("'default'", "every Memcached server");
        assertThat(DynamicCaches.clearWarning("books", "default", CacheConfig.builder().backend("redis")
                .location("redis://h").option("clear", "flushdb").build())).contains("whole Redis database");
        assertThat(DynamicCaches.clearWarning("books", "default", CacheConfig.builder().backend("redis")
                .location("redis://h").build())).isNull();
        assertThat(DynamicCaches.clearWarning("books", "default", CacheConfig.builder().backend("locmem").build())).isNull();
    }
}
