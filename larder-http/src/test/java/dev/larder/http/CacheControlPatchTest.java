package dev.larder.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Django's patch_cache_control merge rules (spec §6.1), with every row of the §12 table. */
class CacheControlPatchTest {
    static Stream<Arguments> djangoTable() {
        // initial, kwarg name (Django spelling), argument (null = True), expected parts
        return Stream.of(
                Arguments.of(null, "private", null, Set.of("private")),
                Arguments.of("", "private", null, Set.of("private")),
                // Django writes the token form, no-cache=Set-Cookie; RFC 9111 §5.2.2.4 asks for the quoted-string.
                Arguments.of("", "no_cache", "Set-Cookie", Set.of("no-cache=\"Set-Cookie\"")),
                Arguments.of("no-cache=Set-Cookie", "no_cache", null, Set.of("no-cache")),
                // Django: {no-cache=Set-Cookie, no-cache=Link}, in set order; here one quoted list.
                Arguments.of("no-cache=Set-Cookie", "no_cache", "Link", Set.of("no-cache=\"Set-Cookie, Link\"")),
                Arguments.of("private", "public", null, Set.of("public")),
                Arguments.of("public", "private", null, Set.of("private")),
                Arguments.of("must-revalidate,max-age=60,private", "public", null,
                        Set.of("must-revalidate", "max-age=60", "public")));
    }

    @ParameterizedTest(name = "[{index}] {0} + {1}={2}")
    @MethodSource("djangoTable")
    void with_djangoTableRow_givesTheSameParts(String initial, String name, String argument, Set<String> parts) {
        String patched = CacheControl.parse(initial).with(name, argument).toString();
        assertThat(Set.copyOf(HeaderSyntax.split(patched, true))).isEqualTo(parts);
    }

    @Test
    void with_newDirectives_comeAfterExistingOnes() {
        CacheControl cc = CacheControl.parse("no-transform").with("public").with("s_maxage", "60");
        assertThat(cc.toString()).isEqualTo("no-transform, public, s-maxage=60");
    }

    @Test
    void with_existingDirective_isOverwrittenInPlace() {
        CacheControl cc = CacheControl.parse("s-maxage=10, public, s-maxage=20").with("S-MAXAGE", "30");
        assertThat(cc.toString()).isEqualTo("s-maxage=30, public");
    }

    @Test
    void withMaxAge_keepsTheSmaller() {
        assertThat(CacheControl.parse("max-age=60, public").withMaxAge(3600).toString()).isEqualTo("max-age=60, public");
        assertThat(CacheControl.parse("public, max-age=3600").withMaxAge(60).toString()).isEqualTo("public, max-age=60");
        assertThat(CacheControl.empty().withMaxAge(2).toString()).isEqualTo("max-age=2");
    }

    @Test
    void withMaxAge_duplicates_keepsTheSmallestOnce() {
        assertThat(CacheControl.parse("max-age=60, max-age=5").withMaxAge(30).toString()).isEqualTo("max-age=5");
    }

    @Test
    void withMaxAge_invalidExisting_isReplaced() {
        // Django would raise ValueError on int("abc"); a header we cannot read must not stop us.
        assertThat(CacheControl.parse("max-age=abc").withMaxAge(30).toString()).isEqualTo("max-age=30");
    }

    @Test
    void withMaxAge_negative_isWrittenAsZero() {
        assertThat(CacheControl.empty().withMaxAge(-1).toString()).isEqualTo("max-age=0");
    }

    @Test
    void with_maxAgeArgument_keepsTheSmallerToo() {
        assertThat(CacheControl.parse("max-age=10").with("max_age", "20").toString()).isEqualTo("max-age=10");
    }

    @Test
    void with_qualifiedPrivate_dropsPublic() {
        CacheControl cc = CacheControl.parse("public, max-age=5").with("private", "Set-Cookie");
        assertThat(cc.toString()).isEqualTo("max-age=5, private=\"Set-Cookie\"");
    }

    @Test
    void with_public_dropsQualifiedPrivateToo() {
        assertThat(CacheControl.parse("private=\"Set-Cookie\"").with("public").toString()).isEqualTo("public");
    }

    @Test
    void with_sameNoCacheField_isKeptOnce() {
        CacheControl cc = CacheControl.parse("no-cache=Link").with("no-cache", "LINK");
        assertThat(cc.toString()).isEqualTo("no-cache=\"Link\"");
    }

    @Test
    void with_noCacheField_afterBareNoCache_staysBare() {
        CacheControl cc = CacheControl.parse("no-cache, public").with("no_cache", "Link");
        assertThat(cc.toString()).isEqualTo("no-cache, public");
    }

    @Test
    void with_noCacheFields_stayWhereNoCacheFirstWas() {
        CacheControl cc = CacheControl.parse("no-cache=A, public, no-cache=B").with("no-cache", "C");
        assertThat(cc.toString()).isEqualTo("no-cache=\"A, B, C\", public");
    }

    @Test
    void with_invalidName_namesIt() {
        assertThatThrownBy(() -> CacheControl.empty().with("max age"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'max age'");
        assertThatThrownBy(() -> CacheControl.empty().with(""))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void with_argumentWithLineBreak_isRejected() {
        // A CR LF in a header value would let a caller inject a header (RFC 9110 §5.5).
        assertThatThrownBy(() -> CacheControl.empty().with("ext", "a\r\nSet-Cookie: x=1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ext");
    }

    @Test
    void with_leavesTheOriginalUnchanged() {
        CacheControl original = CacheControl.parse("private");
        original.with("public");
        assertThat(original.toString()).isEqualTo("private");
    }
}
