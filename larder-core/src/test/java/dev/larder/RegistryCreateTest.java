package dev.larder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RegistryCreateTest {

    @Test
    void create_addsACacheThatTheRegistryNamesAndCloses() {
        // One named locmem store for both: only the key prefix keeps them apart.
        CacheConfig template = CacheConfig.builder().location("registry-create").timeout(Timeout.ofSeconds(7)).build();
        CacheRegistry registry = CacheRegistry.builder().cache("default", template).build();
        Cache books = registry.create("books", template.withKeyPrefix("books"));

        books.set("k", "v");
        assertThat(registry.cache("books")).isSameAs(books);
        assertThat(registry.aliases()).containsExactly("default", "books");
        assertThat(registry.defaultCache().get("k")).isNull();
        assertThat(books.inspect()).containsEntry("entries", "1");
        assertThat(registry.defaultCache().inspect()).containsEntry("entries", "1");

        registry.close();
        assertThatThrownBy(() -> books.get("k")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> registry.create("later", template)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed").hasMessageContaining("later");
    }

    @Test
    void create_refusesATakenAliasAndABadOne() {
        try (CacheRegistry registry = CacheRegistry.builder().build()) {
            assertThatThrownBy(() -> registry.create("default", CacheConfig.builder().build()))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("'default' is already configured");
            assertThatThrownBy(() -> registry.create("a.b", CacheConfig.builder().build()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'a.b'");
        }
    }

    @Test
    void withKeyPrefix_keepsEverySettingButThePrefix() {
        CacheConfig c = CacheConfig.builder().backend("locmem").location("x").timeout(Timeout.ofSeconds(9)).version(3)
                .keyPrefix("app").option("max-entries", "5").build();
        CacheConfig d = c.withKeyPrefix("app:books");
        assertThat(d.keyPrefix()).isEqualTo("app:books");
        assertThat(d.toString()).isEqualTo(c.toString().replace("keyPrefix=app,", "keyPrefix=app:books,"));
    }

    @Test
    void withLocation_keepsEverySettingButTheLocation() {
        CacheConfig c = CacheConfig.builder().backend("locmem").location("x").timeout(Timeout.ofSeconds(9)).version(3)
                .keyPrefix("app").option("max-entries", "5").build();
        CacheConfig d = c.withLocation("x/books");
        assertThat(d.location()).isEqualTo("x/books");
        assertThat(d.toString()).isEqualTo(c.toString().replace("location=x,", "location=x/books,"));
    }

    @Test
    void withAttachment_addsTheObjectAndRefusesASecondOfTheType() {
        CacheConfig c = CacheConfig.builder().build();
        CacheConfig d = c.withAttachment(StringBuilder.class, new StringBuilder("pool"));
        assertThat(c.attachments()).isEmpty();
        assertThat(d.attachments()).containsOnlyKeys(StringBuilder.class);
        assertThatThrownBy(() -> d.withAttachment(StringBuilder.class, new StringBuilder()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("already attached");
    }

    @Test
    void configuredFromProperties_canBeAddedToBeforeBuilding() {
        java.util.Properties p = new java.util.Properties();
        p.setProperty("larder.caches.default.timeout", "60");
        CacheRegistry.Builder b = CacheRegistry.configured(p);
        assertThat(b.configs().get("default").timeout()).isEqualTo(Timeout.ofSeconds(60));
        p.setProperty("larder.caches.default.timeout", "soon");
        assertThatThrownBy(() -> CacheRegistry.configured(p)).isInstanceOf(CacheConfigException.class)
                .hasMessageContaining("larder.caches.default.timeout='soon'");
    }
}
