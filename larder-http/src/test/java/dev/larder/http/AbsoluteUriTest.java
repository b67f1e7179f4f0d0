package dev.larder.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Page keys from the URL Django builds. Every expected hash below was obtained by running
 * Django 3.2.25 behind wsgiref and gunicorn 20.1: a raw {@code GET <target> HTTP/1.1} with
 * {@code Host: <host>} sent over a socket, and the view printing
 * {@code _generate_cache_header_key("p", request)}.
 */
class AbsoluteUriTest {
    private static final PageKeys KEYS = new PageKeys("p");

    static Stream<Arguments> djangoKeys() {
        return Stream.of(
                // target | Host | Django 3.2's md5 of build_absolute_uri()
                "/k/%7Euser | www.example.com | 2007ac8d8d0b4726170dd4dc0de91939",
                "/k/~user | www.example.com | 2007ac8d8d0b4726170dd4dc0de91939",
                "/k/%7euser | www.example.com | 2007ac8d8d0b4726170dd4dc0de91939",
                "/caf%c3%a9 | www.example.com | a307aed539ccebb80a7832eae2f46efe",
                "/caf%C3%A9 | www.example.com | a307aed539ccebb80a7832eae2f46efe",
                "/caf\u00e9 | www.example.com | a307aed539ccebb80a7832eae2f46efe",
                "/x/./y/../z | www.example.com | a8e96a49f01ca4ff7ea7de9c1e456430",
                "/x/z | www.example.com | a8e96a49f01ca4ff7ea7de9c1e456430",
                "/x/y/.. | www.example.com | a2cae491bd82ad00a995e885e4edfa7e",
                "/x/y/. | www.example.com | 3d2826656f138baa5816d2d5694f59c4",
                "/x/%2e/y | www.example.com | f98bd2368cfd7a10e31977ff403f133c",
                "/x/%2E%2E/z | www.example.com | fba927da1c861d0868af5f09e5e8d724",
                "/./x | www.example.com | a6f1ba198ba3b94bec9d4fe751c89366",
                "/../x | www.example.com | a6f1ba198ba3b94bec9d4fe751c89366",
                "/a/../../b | www.example.com | 7b6b6f99ef447e138265eaeb0228171e",
                "/a//b/./c | www.example.com | 49e033b4eee572ccced8f6268c1eb2bb",
                "/p? | www.example.com | 3f7a0574319529e7efb9093f10ee15a2",
                "/p | www.example.com | 3f7a0574319529e7efb9093f10ee15a2",
                "/p?a=1 | www.example.com | 2af2921592d70ccc03fff426560ffee8",
                "/p;jsessionid=ABC | www.example.com | f1ae1dcf24d9fe9a928f532f97eebe60",
                "/p;a=b/c | www.example.com | 5a2435fe9c8d785cead240688fae3d17",
                "/a/b | www.example.com | 7ee6b975717ef58308ac4f842e3e3a7c",
                "/%25FF | www.example.com | cebae7607559e46c16b6303663d52063",
                "/q?a+b | www.example.com | c61330c213903bfd88d5e3285a7cf0ee",
                "/q?a%20b | www.example.com | 96292afe92f0c1f5969c77ecd84a114b",
                "/q?a%2Bb | www.example.com | 5820b795fdec785c73df62457e4e7d48",
                "/q?caf%c3%a9 | www.example.com | 6ceebfe3b140712c99f60a8b20d414e4",
                "/q?%C3%83%C2%A9 | www.example.com | 4f5612c8270fd584a41dfca53528e984",
                "/q?a=\"b\" | www.example.com | 08a223527fd6efbafc133f1f7b5fb792",
                "/q?a=%22b%22 | www.example.com | 08a223527fd6efbafc133f1f7b5fb792",
                "/q?a=<b>|{}^`\\ | www.example.com | fe3e0450ce0511cd067f911836b1a264",
                "/q?a;b=c&d=e | www.example.com | 38b75851a4b9ddc9edaa668eac7a7787",
                "/q?a/../b | www.example.com | 693248167aeac94f051c7d4657311642",
                "/sp%20ace | www.example.com | 9725b9d261bb65fa05d12f8817cc6e9e",
                "/a\"b | www.example.com | 9d8f6bbb6c3f874688064dcc3d27033b",
                "/a%22b | www.example.com | 9d8f6bbb6c3f874688064dcc3d27033b",
                "/a=b | www.example.com | 4292cfa3a1e84718f5ebcb06ac81249d",
                "/a%3Db | www.example.com | 4292cfa3a1e84718f5ebcb06ac81249d",
                "/a%3Fb | www.example.com | c9aee856964957d19525f5a0fef99e38",
                "/a%23b | www.example.com | 8200828e1aeb65cb49ec86ffdaf1e00a",
                "/a%25b | www.example.com | be16dc233b99d15b79afc60e6d2705e8",
                "/a%00b | www.example.com | 004ec09367dd1afd7dc95e09381d7b0c",
                "/a\\b | www.example.com | 0313c2c8b9032dd3fff346bfca8dddc2",
                "/a%5Cb | www.example.com | 0313c2c8b9032dd3fff346bfca8dddc2",
                "/a'b()*!$&+,:@ | www.example.com | 2085850787700bbf1ede584dd31ee9a4",
                "/[x] | www.example.com | 123e8f68f31d4840d1aac717548ab4d5",
                "/%5Bx%5D | www.example.com | 123e8f68f31d4840d1aac717548ab4d5",
                "/ | www.example.com | f1777111f5d0f1c81ffa04de751128fa",
                // The host is the Host header as sent: case, trailing dot and default ports kept.
                "/h | www.example.com | 1fa92852f5b87eb2bd66d3cbdf9d454c",
                "/h | WWW.Example.COM | 67414158052bb74e311b42036cf6a118",
                "/h | www.example.com:80 | 27bbd8fac59fb8c1d9ad3c17c06d2aa6",
                "/h | www.example.com:443 | f88e37eceeb400a795a3e29c9eb7c260",
                "/h | www.example.com:8080 | 45e4f320d13a05052804ca336ead992a",
                "/h | www.example.com. | 4334e5a66ca8cd24d5b8713f25af95d1",
                "/h | 127.0.0.1:8000 | ba57d65700c1726e361e6e91925c0280",
                "/h | [::1]:8000 | 81cfedee027ca50575247d8956185f67",
                "/h | [::1] | f91ec7797e365d9e5afa56966721c871",
                "/h | xn--caf-dma.com | 4e0ca27f8c676465c4a535771c2ea891")
                .map(row -> Arguments.of((Object[]) row.split(" \\| ")));
    }

    @ParameterizedTest(name = "[{index}] {0} Host: {1}")
    @MethodSource("djangoKeys")
    void headerListKey_isDjangos(String target, String host, String md5) {
        assertThat(KEYS.headerListKey(AbsoluteUri.of("http", host, target), ""))
                .isEqualTo("views.decorators.cache.cache_header.p." + md5);
    }

    @Test
    void pageKey_isDjangos() {
        // Django 3.2: _generate_cache_key(request, "GET", [], "p") for GET /k/%7Euser, Host: www.example.com.
        String uri = AbsoluteUri.of("http", "www.example.com", "/k/%7Euser");
        assertThat(KEYS.pageKey("GET", uri, java.util.List.of(), Headers.empty(), "")).isEqualTo(
                "views.decorators.cache.cache_page.p.GET.2007ac8d8d0b4726170dd4dc0de91939.d41d8cd98f00b204e9800998ecf8427e");
    }

    @Test
    void https_keepsAnExplicitDefaultPort_asDjango() {
        // Django 3.2 with wsgi.url_scheme https and HTTP_HOST example.com / example.com:443.
        assertThat(KEYS.headerListKey(AbsoluteUri.of("https", "example.com", "/h"), ""))
                .endsWith(".b103d1e8b07966135b53f84cdeaab1a8");
        assertThat(KEYS.headerListKey(AbsoluteUri.of("https", "example.com:443", "/h"), ""))
                .endsWith(".bea0298eadc87914cb4ad53b411042f5");
    }

    @Test
    void spellingsOfOneResource_areOneUri() {
        assertOne("/k/%7Euser", "/k/~user", "/k/%7euser");
        assertOne("/caf%c3%a9", "/caf%C3%A9", "/caf\u00e9");
        assertOne("/x/./y/../z", "/x/z", "/x/%2e/y/%2E%2E/z");
        assertOne("/p?", "/p");
        assertThat(AbsoluteUri.of("http", "h", "/x/./y/../caf%c3%a9?a+b")).isEqualTo("http://h/x/caf%C3%A9?a+b");
    }

    /** Where Django gives two resources one key, Larder keeps them apart (README: Differences from Django). */
    @Test
    void encodedSlash_staysApartFromSlash() {
        // Django 3.2: /a%2Fb and /a/b both hash http://www.example.com/a/b (7ee6b975...).
        assertThat(uri("/a%2Fb")).isEqualTo("http://www.example.com/a%2fb").isEqualTo(uri("/a%2fb"))
                .isNotEqualTo(uri("/a/b"));
    }

    @Test
    void encodedSemicolon_staysApartFromPathParameters() {
        // Django 3.2: /p;jsessionid=ABC and /p%3Bjsessionid=ABC both hash .../p%3Bjsessionid%3DABC (f1ae1dcf...).
        assertThat(uri("/p;jsessionid=ABC")).isEqualTo("http://www.example.com/p%3Bjsessionid%3DABC");
        assertThat(uri("/p%3Bjsessionid=ABC")).isEqualTo("http://www.example.com/p%3bjsessionid%3DABC");
    }

    @Test
    void octetsThatAreNotUtf8_stayApartFromAnEscapedPercent() {
        // Django 3.2: /%FF and /%25FF both hash http://www.example.com/%25FF (cebae760...).
        assertThat(uri("/%FF")).isEqualTo("http://www.example.com/%ff");
        assertThat(uri("/%25FF")).isEqualTo("http://www.example.com/%25FF");
        // Django: /a%25C3(, /%25ED%25A0%2580 (a surrogate), /%25C0%25AF (overlong '/').
        assertThat(uri("/a%C3%28")).isEqualTo("http://www.example.com/a%c3(");
        assertThat(uri("/%ED%A0%80")).isEqualTo("http://www.example.com/%ed%a0%80");
        assertThat(uri("/%C0%AF")).isEqualTo("http://www.example.com/%c0%af");
        assertThat(uri("/%F0%9F%98%80%F4%90%80%80")).isEqualTo("http://www.example.com/%F0%9F%98%80%f4%90%80%80");
    }

    @Test
    void rawNonAsciiQuery_isItsUtf8Octets() {
        // Django 3.2: /q?café hashes .../q?caf%C3%83%C2%A9, the key of the query "%C3%83%C2%A9".
        assertThat(uri("/q?caf\u00e9")).isEqualTo("http://www.example.com/q?caf%C3%A9");
    }

    @Test
    void fragment_isDropped_asGunicornDoes() {
        // Django 3.2 behind gunicorn: .../p and .../p?a=1; behind wsgiref: .../p%23frag and .../p?a=1#frag.
        assertThat(uri("/p#frag")).isEqualTo("http://www.example.com/p");
        assertThat(uri("/p?a=1#frag")).isEqualTo("http://www.example.com/p?a=1");
        assertThat(uri("/q?#x")).isEqualTo("http://www.example.com/q");
    }

    @Test
    void leadingDoubleSlash_isKept_asGunicornDoes() {
        // Django 3.2 behind gunicorn: http://www.example.com//evil.com/x; wsgiref collapses it to /evil.com/x.
        assertThat(uri("//evil.com/x")).isEqualTo("http://www.example.com//evil.com/x").isEqualTo(uri("//evil.com/./x"));
    }

    @Test
    void badInput_isRefusedNamingIt() {
        assertThatThrownBy(() -> AbsoluteUri.of("http", "a.com/x", "/")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'a.com/x'");
        for (String host : Arrays.asList("", "bad host", "user@a.com", "a.com:", "a.com:x", "caf\u00e9.com", "a?b")) {
            assertThat(AbsoluteUri.isHost(host)).as(host).isFalse();
        }
        assertThat(AbsoluteUri.isHost("a_b.com")).as("RFC 3986 allows it; Django raises DisallowedHost").isTrue();
        assertThatThrownBy(() -> AbsoluteUri.of("ht tp", "a", "/")).hasMessageContaining("'ht tp'");
        assertThatThrownBy(() -> AbsoluteUri.of("http", "a", "*")).hasMessageContaining("'*'");
        assertThatThrownBy(() -> AbsoluteUri.of("http", "a", "http://a/x")).hasMessageContaining("'http://a/x'");
        assertThatThrownBy(() -> AbsoluteUri.of("http", "a", "/x\uD800")).hasMessageContaining("surrogate");
        assertThatThrownBy(() -> AbsoluteUri.of("http", "a", "/x?\uDC00")).hasMessageContaining("surrogate");
    }

    @Test
    void plainUris_areReturnedAsTheyAre() {
        assertThat(uri("/a-b_c.d~e/f:g@h&i+j$k,l!m*n'o(p)?q=1&r=/s;t")).isEqualTo(
                "http://www.example.com/a-b_c.d~e/f:g@h&i+j$k,l!m*n'o(p)?q=1&r=/s;t");
    }

    private static String uri(String target) {
        return AbsoluteUri.of("http", "www.example.com", target);
    }

    private static void assertOne(String... targets) {
        for (String t : targets) {
            assertThat(uri(t)).as(t).isEqualTo(uri(targets[0]));
        }
    }
}
