package dev.larder.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.http.PageKeys;
import org.junit.jupiter.api.Test;

/** The URLs a page cache keeps the keys of: the very URI and locale, or keys made afresh. */
class KnownUrlsTest {
    private final PageKeys keys = new PageKeys("site");
    private final KnownUrls urls = new KnownUrls(keys);

    @Test
    void aUrlSeenBefore_keepsItsKeys() {
        PageKeys.Url first = urls.url("http://h/p", null, null);
        assertThat(urls.url("http://h/p", null, null)).isSameAs(first);
        assertThat(first.headerListKey()).isEqualTo(keys.headerListKey("http://h/p", ""));
    }

    @Test
    void anotherUriOrLocale_getsKeysOfItsOwn() {
        PageKeys.Url plain = urls.url("http://h/p", null, null);
        assertThat(urls.url("http://h/p", "fr", null).headerListKey())
                .isEqualTo(keys.headerListKey("http://h/p", ".fr")).isNotEqualTo(plain.headerListKey());
        assertThat(urls.url("http://h/p", null, "UTC").headerListKey())
                .isEqualTo(keys.headerListKey("http://h/p", ".UTC"));
        assertThat(urls.url("http://h/q", null, null).headerListKey()).isEqualTo(keys.headerListKey("http://h/q", ""));
    }

    @Test
    void urisThatShareASlot_eachGetTheirOwnKeys() {
        // "Aa" and "BB" have one String.hashCode, so they share a slot and take turns in it.
        for (int i = 0; i < 3; i++) {
            assertThat(urls.url("http://h/Aa", null, null).headerListKey()).isEqualTo(keys.headerListKey("http://h/Aa", ""));
            assertThat(urls.url("http://h/BB", null, null).headerListKey()).isEqualTo(keys.headerListKey("http://h/BB", ""));
        }
    }
}
