package dev.larder.spi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CacheKeyTest {
    @Test
    void hashCode_isTheHashOfTheJoinedText() {
        for (String tail : new String[] {"", "k", "user:42", "ключ", "x".repeat(300)}) {
            CacheKey key = CacheKey.of("site:1:", tail);
            assertThat(key.hashCode()).isEqualTo(("site:1:" + tail).hashCode());
            assertThat(key.value()).isEqualTo("site:1:" + tail);
            assertThat(key.length()).isEqualTo(key.value().length());
        }
    }

    @Test
    void equals_comparesTheJoinedText_whereverItIsSplit() {
        assertThat(CacheKey.of(":1:", "abc")).isEqualTo(CacheKey.of(":1:", new String("abc")));
        assertThat(CacheKey.of(":1:", "abc")).isEqualTo(CacheKey.of(":1:abc"));
        assertThat(CacheKey.of(":1:abc")).isEqualTo(CacheKey.of(":1:", "abc"));
        assertThat(CacheKey.of(":1:", "abc")).isNotEqualTo(CacheKey.of(":2:", "abc"));
        assertThat(CacheKey.of(":1:", "abc")).isNotEqualTo(":1:abc");
        assertThat(CacheKey.of("a:", "b:c")).isEqualTo(CacheKey.of("a:b", ":c"));
    }

    @Test
    void toString_isForMessages_escapedAndShortened_whileValueIsTheStoredText() {
        CacheKey forged = CacheKey.of(":1:", "user\n[ERROR] forged");
        assertThat(forged.toString()).isEqualTo(":1:user\\n[ERROR] forged");
        assertThat(forged.value()).isEqualTo(":1:user\n[ERROR] forged");
        assertThat(CacheKey.of(":1:", "user:42").toString()).isEqualTo(":1:user:42");
        assertThat(CacheKey.of(":1:", "k".repeat(1_000_000)).toString()).hasSizeLessThan(300);
    }
}
