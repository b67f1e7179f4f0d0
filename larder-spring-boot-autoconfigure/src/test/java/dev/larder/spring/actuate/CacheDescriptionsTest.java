package dev.larder.spring.actuate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.CacheConfig;
import dev.larder.CacheRegistry;
import org.junit.jupiter.api.Test;

class CacheDescriptionsTest {

    @Test
    void aConfiguredCache_isDescribedFromItsConfiguration_passwordMasked() {
        CacheDescriptions descriptions = new CacheDescriptions();
        CacheRegistry.Builder builder = CacheRegistry.builder()
                .cache("default", CacheConfig.builder().backend("locmem").location("user:pw-secret@somewhere").build());
        descriptions.customize(builder);
        try (CacheRegistry registry = builder.build()) {
            assertThat(descriptions.describe(registry.defaultCache()))
                    .isEqualTo(new CacheDescriptions.Origin("locmem", "user:***@somewhere"));
        }
    }

    @Test
    void aRedisUrl_inTheConfiguration_isMasked() {
        CacheDescriptions descriptions = new CacheDescriptions();
        CacheRegistry.Builder builder = CacheRegistry.builder()
                .cache("default", CacheConfig.builder().backend("dummy").location("redis://:pw-secret@h:6379/0").build());
        descriptions.customize(builder);
        try (CacheRegistry registry = builder.build()) {
            assertThat(descriptions.describe(registry.defaultCache()).location()).isEqualTo("redis://:***@h:6379/0");
        }
    }

    @Test
    void anUnseenCache_isDescribedFromItsToString_withTheBackendsFirstWord() {
        assertThat(CacheDescriptions.fromDescription("Cache[books, version 1, redis standalone '127.0.0.1:6379']"))
                .isEqualTo(new CacheDescriptions.Origin("redis", "redis standalone '127.0.0.1:6379'"));
        assertThat(CacheDescriptions.fromDescription("Cache[d, version 3, dummy]"))
                .isEqualTo(new CacheDescriptions.Origin("dummy", "dummy"));
        assertThat(CacheDescriptions.fromDescription("Cache[j, version 1, jdbc postgresql table t on db]").backend())
                .isEqualTo("jdbc");
    }

    @Test
    void anUnseenCache_withASecretInItsDescription_isMasked() {
        assertThat(CacheDescriptions.fromDescription("Cache[m, version 1, memcached 'mc://u:pw-secret@h:11211']")
                .location()).doesNotContain("pw-secret").contains("***");
    }

    @Test
    void aDescriptionOfAnotherShape_isKeptWhole_masked_underAnUnknownBackend() {
        assertThat(CacheDescriptions.fromDescription("MyCache(redis://:pw-secret@h)"))
                .isEqualTo(new CacheDescriptions.Origin("unknown", "MyCache(redis://:***@h)"));
    }
}
