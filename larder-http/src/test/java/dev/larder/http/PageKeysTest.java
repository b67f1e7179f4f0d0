package dev.larder.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Django's page cache keys (spec §6.9), with the §12 vectors and the §10.16 collision fixed. */
class PageKeysTest {
    private static final PageKeys KEYS = new PageKeys("settingsprefix");
    private static final String URI = "http://www.example.com/cache/test/";
    private static final String EMPTY_MD5 = "d41d8cd98f00b204e9800998ecf8427e";

    @Test
    void url_keptBetweenRequests_makesTheSameKeysAsAFreshOne_whateverWasAskedBefore() {
        PageKeys.Url kept = KEYS.url(URI, null, null);
        HeaderSource alice = name -> name.equals("cookie") ? List.of("user=alice") : List.of();
        HeaderSource bob = name -> name.equals("cookie") ? List.of("user=bob") : List.of();
        String[][] asked = {{"GET", ""}, {"GET", ""}, {"HEAD", ""}, {"GET", "cookie"}, {"GET", "cookie"}, {"GET", ""}};
        for (HeaderSource who : List.of(alice, bob, alice)) {
            for (String[] a : asked) {
                List<String> vary = a[1].isEmpty() ? List.of() : List.of(a[1]);
                assertThat(kept.pageKey(a[0], vary, who))
                        .isEqualTo(KEYS.url(URI, null, null).pageKey(a[0], vary, who))
                        .isEqualTo(KEYS.pageKey(a[0], URI, vary, who, ""));
            }
        }
        assertThat(kept.headerListKey()).isEqualTo(KEYS.headerListKey(URI, ""));
    }

    @Test
    void pageKey_noVary_matchesDjangoVector() {
        assertThat(KEYS.pageKey("GET", URI, List.of(), Headers.empty(), null)).isEqualTo(
                "views.decorators.cache.cache_page.settingsprefix.GET.18a03f9c9649f7d684af5db3524f5c99." + EMPTY_MD5);
    }

    @Test
    void pageKey_queryString_changesUrlHash() {
        assertThat(KEYS.pageKey("GET", URI + "?test=1", List.of(), Headers.empty(), ""))
                .contains(".GET.beaf87a9a99ee81c673ea2d67ccbec2a.");
    }

    @Test
    void pageKey_host_isPartOfUrlHash() {
        // Django ticket #20346: the full absolute URI, host included.
        assertThat(KEYS.pageKey("GET", "http://testserver/cache/test/", List.of(), Headers.empty(), ""))
                .contains(".58a0a05c8a5620f813686ff969c26853.");
        assertThat(KEYS.pageKey("GET", "http://testserver/cache/test/?test=1", List.of(), Headers.empty(), ""))
                .contains(".0f1c2d56633c943073c4569d9a9502fe.");
    }

    @Test
    void pageKey_varyHeaderAbsentFromRequest_sameAsNoVary() {
        String noVary = KEYS.pageKey("GET", URI, List.of(), Headers.empty(), null);
        assertThat(KEYS.pageKey("GET", URI, List.of("Pony"), Headers.of("Accept", "*/*"), null)).isEqualTo(noVary);
    }

    @Test
    void pageKey_headIsAPageOfItsOwn() {
        assertThat(KEYS.pageKey("HEAD", URI, List.of(), Headers.empty(), null))
                .startsWith("views.decorators.cache.cache_page.settingsprefix.HEAD.18a03f9c9649f7d684af5db3524f5c99.");
    }

    @Test
    void pageKey_localeSuffix_isAppended() {
        String suffix = PageKeys.localeSuffix("en", "UTC");
        assertThat(KEYS.pageKey("GET", URI, List.of(), Headers.empty(), suffix)).endsWith(EMPTY_MD5 + ".en.UTC");
    }

    @Test
    void learn_withALocaleSuffix_leavesOutAcceptLanguage() {
        // Django 3.2 learn_cache_key for "Vary: Accept-Language, Cookie, accept-language": with USE_I18N the
        // header list is ['HTTP_COOKIE'], without it ['HTTP_ACCEPT_LANGUAGE', 'HTTP_ACCEPT_LANGUAGE', 'HTTP_COOKIE'].
        List<String> vary = Vary.parse("Accept-Language, Cookie, accept-language");
        assertThat(PageKeys.learn(vary, true)).containsExactly("cookie");
        assertThat(PageKeys.learn(vary, false)).containsExactly("accept-language", "cookie");
    }

    @Test
    void headerListKey_matchesDjangoShape() {
        assertThat(KEYS.headerListKey(URI, null)).isEqualTo(
                "views.decorators.cache.cache_header.settingsprefix.18a03f9c9649f7d684af5db3524f5c99");
        assertThat(new PageKeys(null).headerListKey(URI, ".es")).isEqualTo(
                "views.decorators.cache.cache_header..18a03f9c9649f7d684af5db3524f5c99.es");
    }

    @Test
    void keyPrefix_nullIsEmpty() {
        assertThat(new PageKeys(null).keyPrefix()).isEmpty();
        assertThat(KEYS.keyPrefix()).isEqualTo("settingsprefix");
    }

    @Test
    void urlHash_nonAsciiIsPercentEncodedFirst() {
        // Django hashes iri_to_uri(build_absolute_uri()): UTF-8 percent-encoding.
        assertThat(KEYS.headerListKey("http://example.com/caf\u00e9 x", ""))
                .isEqualTo(KEYS.headerListKey("http://example.com/caf%C3%A9%20x", ""));
        assertThat(PageKeys.iriToUri("http://h/a?b=c&d=[e]#~!*'();:@$+,/%41"))
                .isEqualTo("http://h/a?b=c&d=[e]#~!*'();:@$+,/%41");
        assertThat(PageKeys.iriToUri("/{|}\"<>^`\\")).isEqualTo("/%7B%7C%7D%22%3C%3E%5E%60%5C");
    }

    @Test
    void headerHash_lengthDelimitedLowerCaseNames() {
        assertThat(PageKeys.headerHash(List.of("Cookie"), Headers.of("Cookie", "a=1")))
                .isEqualTo("de971ad98e3247d0a0b4a80163121edd"); // md5("6:cookie,3:a=1,")
    }

    @Test
    void headerHash_sortedNamesAndJoinedFieldLines() {
        Headers request = Headers.of("Cookie", "a=1", "Cookie", "b=2", "Accept-Encoding", "gzip");
        // md5("15:accept-encoding,4:gzip,6:cookie,7:a=1,b=2,")
        assertThat(PageKeys.headerHash(List.of("cookie", "Accept-Encoding", "COOKIE"), request))
                .isEqualTo("7662c19fa0b2d03fe78187aab6c24480");
    }

    @Test
    void headerHash_noHeaders_isMd5OfNothing() {
        assertThat(PageKeys.headerHash(List.of(), Headers.of("Cookie", "a"))).isEqualTo(EMPTY_MD5);
        assertThat(PageKeys.headerHash(null, Headers.empty())).isEqualTo(EMPTY_MD5);
    }

    @Test
    void headerHash_valueMovedBetweenHeaders_differs() {
        // Django concatenates values without a delimiter (spec §10.16): A="x" and B="x" would collide.
        List<String> vary = List.of("A", "B");
        assertThat(PageKeys.headerHash(vary, Headers.of("A", "x")))
                .isNotEqualTo(PageKeys.headerHash(vary, Headers.of("B", "x")));
    }

    @Test
    void headerHash_craftedDelimiters_differ() {
        List<String> vary = List.of("A", "B");
        assertThat(PageKeys.headerHash(vary, Headers.of("A", "a,b", "B", "")))
                .isNotEqualTo(PageKeys.headerHash(vary, Headers.of("A", "a", "B", ",b")));
        assertThat(PageKeys.headerHash(vary, Headers.of("A", "1:b,")))
                .isNotEqualTo(PageKeys.headerHash(vary, Headers.of("A", "", "B", "")));
    }

    @Test
    void headerHash_presentEmptyValue_differsFromAbsent() {
        assertThat(PageKeys.headerHash(List.of("Cookie"), Headers.of("Cookie", "")))
                .isNotEqualTo(PageKeys.headerHash(List.of("Cookie"), Headers.empty()));
    }

    @Test
    void headerHash_multiByteValues_countUtf8Bytes() {
        // "é" is two bytes: "2:é" and "1:é" must not be confused with a one-byte value.
        List<String> vary = List.of("A");
        assertThat(PageKeys.headerHash(vary, Headers.of("A", "\u00e9")))
                .isNotEqualTo(PageKeys.headerHash(vary, Headers.of("A", "e")));
    }

    @Test
    void normalize_lowerCasesSortsAndDropsStarAndBlanks() {
        assertThat(PageKeys.normalize(Arrays.asList(" Cookie", "accept-encoding", "*", "", null, "COOKIE")))
                .containsExactly("accept-encoding", "cookie");
        assertThat(PageKeys.normalize(null)).isEmpty();
    }

    @Test
    void normalize_wholeVaryValue_isSplit() {
        // An unparsed "Cookie, Accept" must not become one header that no request has.
        assertThat(PageKeys.normalize(List.of("Cookie, Accept"))).containsExactly("accept", "cookie");
    }

    @Test
    void localeSuffix_eachPartOnlyWhenGiven() {
        assertThat(PageKeys.localeSuffix(null, null)).isEmpty();
        assertThat(PageKeys.localeSuffix("en-us", null)).isEqualTo(".en-us");
        assertThat(PageKeys.localeSuffix(null, "Europe/Paris")).isEqualTo(".Europe/Paris");
        assertThat(PageKeys.localeSuffix("es", "UTC")).isEqualTo(".es.UTC");
    }
}
