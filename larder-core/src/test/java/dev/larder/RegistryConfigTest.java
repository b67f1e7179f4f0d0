package dev.larder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RegistryConfigTest {

    @Test
    void config_ofAConfiguredCache_isTheOneItWasBuiltFrom() {
        CacheConfig main = CacheConfig.builder().location("registry-config-main").timeout(Timeout.ofSeconds(7)).build();
        CacheConfig pages = CacheConfig.builder().backend("dummy").location("redis://:pw-secret@h:6379/0").build();
        try (CacheRegistry registry = CacheRegistry.builder().cache("default", main).cache("pages", pages).build()) {
            assertThat(registry.config("default")).isSameAs(main);
            assertThat(registry.config("pages")).isSameAs(pages);
            // Kept as given: masking is for whoever shows it.
            assertThat(registry.config("pages").location()).isEqualTo("redis://:pw-secret@h:6379/0");
        }
    }

    @Test
    void config_ofTheImplicitDefault_isALocalMemoryOne() {
        try (CacheRegistry registry = CacheRegistry.builder().build()) {
            CacheConfig config = registry.config(CacheRegistry.DEFAULT_ALIAS);
            assertThat(config.backend()).isEqualTo("locmem");
            assertThat(config.toString()).isEqualTo(CacheConfig.builder().build().toString());
        }
    }

    @Test
    void config_ofACreatedCache_isTheOneGivenToCreate() {
        CacheConfig template = CacheConfig.builder().location("registry-config-created").version(3).build();
        try (CacheRegistry registry = CacheRegistry.builder().cache("default", template).build()) {
            CacheConfig books = registry.config("default").withKeyPrefix("books");
            registry.create("books", books);
            assertThat(registry.config("books")).isSameAs(books);
            assertThat(registry.config("books").keyPrefix()).isEqualTo("books");
            assertThat(registry.config("default")).isSameAs(template);
        }
    }

    @Test
    void config_ofAnUnknownAlias_failsAsCacheDoes_namingTheAliases() {
        try (CacheRegistry registry = CacheRegistry.builder().build()) {
            assertThatThrownBy(() -> registry.config("nope")).isInstanceOf(CacheConfigException.class)
                    .hasMessage("no cache named 'nope'; configured: [default]");
            assertThatThrownBy(() -> registry.cache("nope")).isInstanceOf(CacheConfigException.class)
                    .hasMessage("no cache named 'nope'; configured: [default]");
        }
    }

    @Test
    void config_staysReadable_afterClose() {
        CacheConfig main = CacheConfig.builder().location("registry-config-closed").build();
        CacheRegistry registry = CacheRegistry.builder().cache("default", main).build();
        registry.close();
        assertThat(registry.config("default")).isSameAs(main);
    }
}
