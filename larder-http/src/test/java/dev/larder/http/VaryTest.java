package dev.larder.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Vary (RFC 9110 §12.5.5) and Django's patch_vary_headers (spec §6.7), every row of the §12 table. */
class VaryTest {
    static Stream<Arguments> djangoTable() {
        return Stream.of(
                Arguments.of(null, List.of("Accept-Encoding"), "Accept-Encoding"),
                Arguments.of("Accept-Encoding", List.of("accept-encoding"), "Accept-Encoding"),
                Arguments.of("Cookie", List.of("Accept-Encoding"), "Cookie, Accept-Encoding"),
                Arguments.of("Cookie, Accept-Encoding", List.of("Accept-Encoding", "cookie"), "Cookie, Accept-Encoding"),
                Arguments.of(null, List.of("Accept-Encoding", "COOKIE"), "Accept-Encoding, COOKIE"),
                Arguments.of("Cookie    ,     Accept-Encoding", List.of("Accept-Encoding", "cookie"),
                        "Cookie, Accept-Encoding"),
                Arguments.of("*", List.of("Accept-Language", "Cookie"), "*"),
                Arguments.of("Accept-Language, Cookie", List.of("*"), "*"));
    }

    @ParameterizedTest(name = "[{index}] {0} + {1} -> {2}")
    @MethodSource("djangoTable")
    void patch_djangoTableRow_givesTheSameValue(String initial, List<String> added, String expected) {
        assertThat(Vary.patch(initial, added)).isEqualTo(expected);
    }

    @Test
    void patch_nothingAtAll_isEmptyString() {
        assertThat(Vary.patch(null, List.of())).isEmpty();
        assertThat(Vary.patch("  ", null)).isEmpty();
    }

    @Test
    void patch_addedNamesAreTrimmed() {
        // Django 2026 (CVE-2026-48587): new names are trimmed before comparing.
        assertThat(Vary.patch("Cookie", List.of("  cookie ", " Accept "))).isEqualTo("Cookie, Accept");
    }

    @Test
    void patch_nameRepeatedAmongAdded_isAddedOnce() {
        assertThat(Vary.patch(null, List.of("Accept", "ACCEPT"))).isEqualTo("Accept");
    }

    @Test
    void patch_addedWholeVaryValue_isSplit() {
        assertThat(Vary.patch("Cookie", List.of("cookie, Accept-Language"))).isEqualTo("Cookie, Accept-Language");
    }

    @Test
    void patch_starAmongExistingTokens_isExactlyStar() {
        // RFC 9110 §12.5.5: "*" anywhere means the response varies on more than headers.
        assertThat(Vary.patch("Accept-Encoding, *", List.of("Cookie"))).isEqualTo("*");
    }

    @Test
    void parse_keepsOrderAndCase_dropsEmptyTokens() {
        assertThat(Vary.parse(" Cookie ,, accept-ENCODING , ")).containsExactly("Cookie", "accept-ENCODING");
        assertThat(Vary.parse((String) null)).isEmpty();
    }

    @Test
    void parse_severalFieldLines_areConcatenated() {
        assertThat(Vary.parse(Arrays.asList("Cookie", null, "Accept, Origin"))).containsExactly("Cookie", "Accept", "Origin");
        assertThat(Vary.parse((List<String>) null)).isEmpty();
    }

    @Test
    void has_isCaseInsensitiveAndTrimmed() {
        List<String> tokens = Vary.parse("Cookie    ,     Accept-Encoding");
        assertThat(Vary.has(tokens, "accept-encoding")).isTrue();
        assertThat(Vary.has(tokens, " COOKIE ")).isTrue();
        assertThat(Vary.has(tokens, "Accept")).isFalse();
        assertThat(Vary.has(List.of(" Origin "), "origin")).isTrue();
    }

    @Test
    void isStar_findsStarAnywhere() {
        assertThat(Vary.isStar(Vary.parse("Accept-Encoding, *"))).isTrue();
        assertThat(Vary.isStar(Vary.parse("Accept-Encoding"))).isFalse();
        assertThat(Vary.isStar(List.of())).isFalse();
    }
}
