package dev.larder.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Vary (RFC 9110 §12.5.5): parsing and patching; Django's own outputs are in {@link VaryDjangoTest}. */
class VaryTest {
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
