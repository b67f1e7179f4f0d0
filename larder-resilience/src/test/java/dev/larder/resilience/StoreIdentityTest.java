package dev.larder.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.Cache;
import dev.larder.CacheConfig;
import dev.larder.CacheRegistry;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What counts as one store for the breaker, and what the breaker counts. */
class StoreIdentityTest {
    private static CacheConfig jdbc(String database, String openFor) {
        return CacheConfig.builder().backend("jdbc").location("larder_cache")
                .option("url", "jdbc:h2:mem:" + database + ";DB_CLOSE_DELAY=-1").option("create-table", "true")
                .option("circuit-breaker.open-for", openFor).build();
    }

    @Test
    void jdbcCaches_onOneTableNameInTwoDatabases_areTwoStores() {
        String a = "a" + UUID.randomUUID();
        String b = "b" + UUID.randomUUID();
        // One store would refuse two caches with different breaker settings.
        try (CacheRegistry caches = CacheRegistry.builder().cache("default", jdbc(a, "1s"))
                .cache("other", jdbc(b, "3s")).build()) {
            caches.defaultCache().set("k", "in a");
            assertThat(caches.cache("other").get("k")).isNull();
            assertThat(caches.defaultCache().toString()).as("the store, not the wrapper")
                    .doesNotContain("GuardedBackend");
        }
    }

    @Test
    void inspect_isNeitherCountedNorAProbe() {
        try (CacheRegistry caches = CacheRegistry.builder().cache("default", jdbc("c" + UUID.randomUUID(), "2s"))
                .build()) {
            Cache cache = caches.defaultCache();
            for (int i = 0; i < 30; i++) {
                assertThat(cache.inspect()).containsEntry("circuit-breaker.state", "CLOSED");
            }
            assertThat(cache.inspect()).containsEntry("circuit-breaker.buffered-calls", "0");
            cache.get("k");
            assertThat(cache.inspect()).containsEntry("circuit-breaker.buffered-calls", "1");
        }
    }
}
