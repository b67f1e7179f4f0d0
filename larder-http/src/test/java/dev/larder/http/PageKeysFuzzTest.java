package dev.larder.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.testing.fuzz.Bounded;
import dev.larder.testing.fuzz.Shapes;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * {@link PageKeys} over hostile request URIs, Vary lists and request header values: never
 * throws (documented), at most 128 bytes a character + 64 KiB, 50 ms + 100 ns a character.
 */
class PageKeysFuzzTest {
    static final String ALPHABET = "http:/w.exampl?=&%#[]~é中 \t,\"CokieAcpt";
    static final List<String> EXAMPLES = List.of("http://www.example.com/cache/test/?test=1", "https://x/é?q=中文",
            "Cookie, Accept-Language", "*", "sessionid=abc; csrftoken=xyz", "http://h/%zz%%");
    static final PageKeys KEYS = new PageKeys("fuzz");
    static final Bounded PAGE_KEY = Bounded.named("PageKeys.pageKey").allocation(128, 64 * 1024);

    @Provide
    Arbitrary<String> values() {
        return Shapes.text(ALPHABET, EXAMPLES);
    }

    @Property
    void pageKey_ofAnyRequest_isAsciiAndStable(@ForAll("values") String uri, @ForAll("values") String vary,
            @ForAll("values") String headerValue) {
        Headers request = Headers.of("Cookie", headerValue, "Accept-Language", headerValue);
        long size = uri.length() + vary.length() + 2L * headerValue.length();
        String key = PAGE_KEY.call(size, () -> KEYS.url(uri, vary, null).pageKey("GET", List.of(vary, "Cookie"), request));
        String again = KEYS.pageKey("GET", uri, List.of(vary, "Cookie"), request, "." + vary);
        assertThat(key).isEqualTo(again);
        assertThat(KEYS.headerListKey(uri, "")).matches("[\\x21-\\x7e]+");
    }

    @Example
    void url_ofAManyCharacterNonAsciiUri_allocatesLinearly() {
        // Found by fuzzing (shrunk to 27 CJK characters allocating 74 KB): each non-ASCII
        // byte was percent-encoded with String.format.
        String uri = "http://example.com/" + "\u4e2d".repeat(100_000);
        String key = PAGE_KEY.call(uri.length(), () -> KEYS.url(uri, null, null).headerListKey());
        assertThat(key).isEqualTo(KEYS.url("http://example.com/" + "%E4%B8%AD".repeat(100_000), null, null).headerListKey());
    }

    @AfterContainer
    static void summary() {
        System.out.println(PAGE_KEY.summary());
    }
}
