package dev.larder.spring.actuate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.CacheConfig;
import dev.larder.CacheRegistry;
import org.junit.jupiter.api.Test;

class CacheOriginTest {

    @Test
    void ofAConfiguration_keepsTheBackend_andMasksThePasswordInTheLocation() {
        CacheConfig config = CacheConfig.builder().backend("dummy").location("redis://:pw-secret@h:6379/0").build();
        assertThat(CacheOrigin.of(config)).isEqualTo(new CacheOrigin("dummy", "redis://:***@h:6379/0"));
    }

    @Test
    void aUserAndPasswordBeforeAnAt_isMasked() {
        CacheConfig config = CacheConfig.builder().backend("locmem").location("user:pw-secret@somewhere").build();
        assertThat(CacheOrigin.of(config)).isEqualTo(new CacheOrigin("locmem", "user:***@somewhere"));
    }

    @Test
    void aCacheCreatedAtRunTime_isDescribedFromTheConfigurationGivenToCreate() {
        try (CacheRegistry registry = CacheRegistry.builder().build()) {
            registry.create("books", CacheConfig.builder().backend("dummy").location("mc://u:pw-secret@h:11211").build());
            CacheOrigin books = CacheOrigin.of(registry.config("books"));
            assertThat(books.backend()).isEqualTo("dummy");
            assertThat(books.location()).doesNotContain("pw-secret").contains("***").contains("h:11211");
        }
    }

    @Test
    void theImplicitDefault_isLocalMemory() {
        try (CacheRegistry registry = CacheRegistry.builder().build()) {
            assertThat(CacheOrigin.of(registry.config("default")).backend()).isEqualTo("locmem");
        }
    }
}
