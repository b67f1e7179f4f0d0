package dev.larder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.larder.spi.CacheKey;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code keys()} at the facade and the SPI's default, beyond the contract. */
class CacheKeysTest {

    private static List<String> userKeys(String head, String... stored) {
        List<CacheKey> keys = new ArrayList<>();
        for (String s : stored) {
            keys.add(CacheKey.of(s));
        }
        List<String> out = new ArrayList<>();
        new UserKeys(keys.iterator(), head).forEachRemaining(out::add);
        return out;
    }

    @Test
    void userKeys_keepThisHeadsKeysOnly_withoutTheHead() {
        assertThat(userKeys("app:1:", "app:1:a", "app:2:b", "app:lease:0f", "other:1:c", "app:1:", "app:1:x:y"))
                .containsExactly("a", "", "x:y");
    }

    @Test
    void userKeys_pastTheEnd_throwNoSuchElement() {
        Iterator<String> keys = new UserKeys(List.of(CacheKey.of("app:2:b")).iterator(), "app:1:");
        assertThat(keys.hasNext()).isFalse();
        assertThatThrownBy(keys::next).isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void fileCache_refusesNamingTheCache_andItsBackendsDefaultNamesTheBackend(@TempDir Path dir) {
        try (CacheRegistry registry = CacheRegistry.builder()
                .cache("default", CacheConfig.builder().backend("locmem").location("cache-keys-test").build())
                .cache("pages", CacheConfig.builder().backend("file").location(dir.toString()).build()).build()) {
            Cache cache = registry.cache("pages");
            assertThat(cache.capabilities().listsKeys()).isFalse();
            assertThatThrownBy(cache::keys).isInstanceOf(UnsupportedOperationException.class)
                    .hasMessageContaining("cache 'pages'").hasMessageContaining("does not list keys");
            assertThatThrownBy(() -> ((DefaultCache) cache).backend().keys())
                    .isInstanceOf(UnsupportedOperationException.class)
                    .hasMessageContaining("file '" + dir + "'").hasMessageContaining("cannot list its keys");
        }
    }
}
