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

    @Test
    void compareTo_ordersAsTheJoinedText_wherever_itIsSplit() {
        String[] texts = {":1:", ":1:a", ":1:ab", ":1:b", ":2:a", "a:1:", "site:1:key", "site:1:kez", "", "\uD83D\uDE00"};
        for (String x : texts) {
            for (String y : texts) {
                for (int sx = 0; sx <= x.length(); sx++) {
                    for (int sy = 0; sy <= y.length(); sy++) {
                        CacheKey a = CacheKey.of(x.substring(0, sx), x.substring(sx));
                        CacheKey b = CacheKey.of(y.substring(0, sy), y.substring(sy));
                        assertThat(Integer.signum(a.compareTo(b))).as("%s vs %s", a, b)
                                .isEqualTo(Integer.signum(x.compareTo(y)));
                        assertThat(a.compareTo(b) == 0).isEqualTo(a.equals(b));
                    }
                }
            }
        }
    }
}
