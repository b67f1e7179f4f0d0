package dev.larder.jcache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.larder.CacheConfig;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** The Larder configuration a JCache cache gets from its template. */
class StoresTest {
    private static final URI DEFAULT = LarderCachingProvider.DEFAULT_URI;

    @Test
    void redis_readsFromThePrimary() {
        CacheConfig template = CacheConfig.builder().backend("redis").location("redis://127.0.0.1:6379")
                .option("read-from", "replica").build();
        CacheConfig made = Stores.configFor(template, DEFAULT, true, "books", true);
        assertThat(made.options()).containsEntry("read-from", "primary");
        assertThat(made.keyPrefix()).isEqualTo("jcache:books");
        assertThat(made.allowedRecords()).containsExactly(Stored.class.getName());
        assertThat(made.allowClasses()).isEmpty();
    }

    @Test
    void redisPrimaryAndReplicas_isRefusedNamingWhy() {
        CacheConfig template = CacheConfig.builder().backend("redis")
                .location("redis://10.0.0.1:6379,redis://10.0.0.2:6379").build();
        assertThatThrownBy(() -> Stores.configFor(template, DEFAULT, true, "books", true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reads from replicas")
                .hasMessageContaining("'books'");
    }

    @Test
    void sentinelWithSeveralSentinels_isAccepted() {
        CacheConfig template = CacheConfig.builder().backend("redis")
                .location("redis-sentinel://10.0.0.1:26379,10.0.0.2:26379,10.0.0.3:26379#mymaster").build();
        assertThat(Stores.configFor(template, DEFAULT, true, "books", true).options()).containsEntry("read-from", "primary");
    }

    @Test
    void longNamesAndUris_areHashed_soKeysStayShort() {
        CacheConfig template = CacheConfig.builder().backend("redis").location("redis://127.0.0.1:6379").build();
        String name = "org.example.some.very.long.hibernate.region.name.Entity$With$Many$Parts.collection";
        URI uri = URI.create("file:/opt/applications/an-application-with-a-long-name/config/larder.properties");
        CacheConfig made = Stores.configFor(template, uri, false, name, true);
        assertThat(made.keyPrefix()).startsWith("jcache@h").doesNotContain("/").hasSizeLessThan(100);
        assertThat(Stores.configFor(template, uri, false, name, true).keyPrefix()).isEqualTo(made.keyPrefix());
        assertThat(Stores.configFor(template, DEFAULT, true, "a:b", true).keyPrefix()).isEqualTo("jcache:a%3Ab");
    }

    @Test
    void storeByReference_onASharedStore_isRefused() {
        CacheConfig template = CacheConfig.builder().backend("redis").location("redis://127.0.0.1:6379").build();
        assertThatThrownBy(() -> Stores.configFor(template, DEFAULT, true, "refs", false))
                .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("locmem");
    }
}
