package dev.larder.spring.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.larder.CacheConfig;
import dev.larder.CacheRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LarderCacheManagerTest {
    private final CacheConfig template = CacheConfig.builder().location("manager-test").keyPrefix("app").build();
    private final CacheRegistry registry = CacheRegistry.builder().cache("default", template).build();

    @AfterEach
    void close() {
        registry.close();
    }

    @Test
    void aNameWithADot_getsAnAliasLarderAccepts() {
        LarderCacheManager manager = LarderCacheManager.builder(registry, Runnable::run).template(template).build();
        LarderSpringCache cache = manager.getCache("books.byIsbn");
        cache.put("k", "v");
        assertThat(cache.getName()).isEqualTo("books.byIsbn");
        assertThat(cache.getNativeCache().alias()).isEqualTo(LarderCacheManager.aliasFor("books.byIsbn"))
                .startsWith("books_byIsbn-");
        assertThat(LarderCacheManager.aliasFor("books.byIsbn")).isNotEqualTo(LarderCacheManager.aliasFor("books_byIsbn"));
    }

    @Test
    void keyPrefixes_areEscaped_soNamesWithColonsNeverMeet() {
        assertThat(LarderCacheManager.keyPrefixFor("app", "books")).isEqualTo("app:books");
        assertThat(LarderCacheManager.keyPrefixFor("", "a:1:b")).isEqualTo("a%3A1%3Ab");
        assertThat(LarderCacheManager.keyPrefixFor("", "100%")).isEqualTo("100%25");
        LarderCacheManager manager = LarderCacheManager.builder(registry, Runnable::run).template(template).build();
        // Unescaped, "a:1:b" with key "k" and "a" with key "b:1:k" would both be app:a:1:b:1:k.
        manager.getCache("a:1:b").put("k", "first");
        manager.getCache("a").put("b:1:k", "second");
        assertThat(manager.getCache("a:1:b").get("k").get()).isEqualTo("first");
    }

    @Test
    void createdCaches_areAnnounced_theInitialOnesListed() {
        List<String> announced = new ArrayList<>();
        LarderCacheManager manager = LarderCacheManager.builder(registry, Runnable::run).template(template)
                .cacheNames(List.of("books")).onCreated(c -> announced.add(c.getName())).build();
        assertThat(manager.getCacheNames()).containsExactly("books");
        manager.getCache("authors");
        manager.getCache("authors");
        assertThat(announced).containsExactly("authors");
        assertThat(Set.copyOf(manager.getCacheNames())).containsExactlyInAnyOrder("books", "authors");
    }

    @Test
    void withoutATemplate_aNameThatIsNoAlias_failsAtBuild() {
        assertThatThrownBy(() -> LarderCacheManager.builder(registry, Runnable::run).cacheNames(List.of("books")).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("'books'");
    }

    @Test
    void twoManagersOverOneRegistry_shareACreatedCache() {
        LarderCacheManager first = LarderCacheManager.builder(registry, Runnable::run).template(template).build();
        LarderCacheManager second = LarderCacheManager.builder(registry, Runnable::run).template(template).build();
        first.getCache("books").put("k", "v");
        assertThat(second.getCache("books").get("k").get()).isEqualTo("v");
    }
}
