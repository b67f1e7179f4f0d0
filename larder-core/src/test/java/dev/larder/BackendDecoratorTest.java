package dev.larder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Decorators found on the class path wrap every new backend; their options are known options. */
class BackendDecoratorTest {

    private static CacheConfig.Builder locmem(String location) {
        return CacheConfig.builder().backend("locmem").location(location);
    }

    @Test
    void decorator_wrapsTheBackend_whenItsOptionAsks() {
        try (CacheRegistry caches = CacheRegistry.builder()
                .cache("default", locmem("decorated").option("marked", "true").build())
                .cache("plain", locmem("undecorated").build()).build()) {
            caches.defaultCache().set("k", "v");
            assertThat(caches.defaultCache().get("k")).isEqualTo("v");
            assertThat(caches.defaultCache().inspect()).containsEntry("marked", "locmem").containsEntry("entries", "1");
            assertThat(caches.cache("plain").inspect()).doesNotContainKey("marked");
        }
    }

    @Test
    void refusingDecorator_failsTheRegistry_andDiscardsTheBackendItWasGiven(@TempDir Path dir) {
        Path store = dir.resolve("store");
        CacheConfig config = CacheConfig.builder().backend("file").location(store.toString()).option("marked", "fail").build();
        assertThatThrownBy(() -> CacheRegistry.builder().cache("default", config).build())
                .isInstanceOf(CacheConfigException.class)
                .hasMessageContaining("larder.caches.default.options.marked='fail'");
        assertThat(Files.exists(store)).as("the directory the file backend made is undone").isFalse();
    }

    @Test
    void circuitBreakerOption_withoutTheResilienceModule_namesTheModuleToAdd() {
        for (String option : new String[] {"circuit-breaker", "circuit-breaker.open-for"}) {
            CacheConfig config = locmem("breakerless").option(option, "5s").build();
            assertThatThrownBy(() -> CacheRegistry.builder().cache("default", config).build())
                    .isInstanceOf(CacheConfigException.class)
                    .hasMessageContaining("larder.caches.default.options." + option)
                    .hasMessageContaining("dev.larder:larder-resilience");
        }
    }
}
