package dev.larder.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Parsing and reading Cache-Control (RFC 9111 §5.2); merging is in {@link CacheControlPatchTest}. */
class CacheControlTest {
    @Test
    void withAll_isTheSameAsEachWithInTurn() {
        CacheControl base = CacheControl.parse("Public, max-age=30, no-cache=\"Set-Cookie\", x=1, public, no-store");
        assertThat(base.withAll("no-cache", "no-store", "must-revalidate", "private"))
                .isEqualTo(base.with("no-cache").with("no-store").with("must-revalidate").with("private"))
                .hasToString("max-age=30, no-cache, x=1, no-store, must-revalidate, private");
        assertThat(base.withAll()).isEqualTo(base);
    }

    @Test
    void parse_nullOrBlank_isEmpty() {
        assertThat(CacheControl.parse((String) null).isEmpty()).isTrue();
        assertThat(CacheControl.parse("   ").isEmpty()).isTrue();
        assertThat(CacheControl.parse((List<String>) null).isEmpty()).isTrue();
        assertThat(CacheControl.parse(Arrays.asList(null, "")).isEmpty()).isTrue();
        assertThat(CacheControl.empty().toString()).isEmpty();
    }

    @Test
    void parse_upperCaseName_isLowerCased() {
        // CVE-2026-8404: "PRIVATE" is private; directive names are case-insensitive (RFC 9111 §5.2).
        CacheControl cc = CacheControl.parse("PRIVATE");
        assertThat(cc.has("private")).isTrue();
        assertThat(cc.has("Private")).isTrue();
        assertThat(cc.toString()).isEqualTo("private");
    }

    @Test
    void parse_qualifiedPrivate_countsAsPrivate() {
        // RFC 9111 §5.2.2.7: private="field" is still private for our purposes.
        CacheControl cc = CacheControl.parse("Private=\"Set-Cookie\"");
        assertThat(cc.has("private")).isTrue();
        assertThat(cc.argument("private")).contains("Set-Cookie");
    }

    @Test
    void parse_paddedDirective_isTrimmed() {
        CacheControl cc = CacheControl.parse(" no-store , max-age = 5 ");
        assertThat(cc.has("no-store")).isTrue();
        assertThat(cc.maxAge()).hasValue(5);
        assertThat(cc.toString()).isEqualTo("no-store, max-age=5");
    }

    @Test
    void parse_commaInsideQuotes_isOneDirective() {
        // RFC 9110 §5.6.4: a quoted-string is one unit, commas included.
        CacheControl cc = CacheControl.parse("private=\"Set-Cookie, Link\", max-age=60");
        assertThat(cc.argument("private")).contains("Set-Cookie, Link");
        assertThat(cc.maxAge()).hasValue(60);
        assertThat(cc.toString()).isEqualTo("private=\"Set-Cookie, Link\", max-age=60");
    }

    @Test
    void parse_escapedQuoteInsideQuotes_isUnescaped() {
        CacheControl cc = CacheControl.parse("ext=\"a\\\"b, c\", public");
        assertThat(cc.argument("ext")).contains("a\"b, c");
        assertThat(cc.has("public")).isTrue();
        assertThat(cc.toString()).isEqualTo("ext=\"a\\\"b, c\", public");
    }

    @Test
    void parse_unterminatedQuote_doesNotHideLaterDirectives() {
        CacheControl cc = CacheControl.parse("ext=\"oops, no-store");
        assertThat(cc.has("no-store")).isTrue();
    }

    @Test
    void parse_emptyElements_areSkipped() {
        CacheControl cc = CacheControl.parse(",, public ,,=5,");
        assertThat(cc.toString()).isEqualTo("public");
    }

    @Test
    void parse_severalFieldLines_formOneList() {
        // RFC 9110 §5.3: two lines mean the same as one comma-joined line.
        CacheControl cc = CacheControl.parse(List.of("public", "max-age=30"));
        assertThat(cc.has("public")).isTrue();
        assertThat(cc.maxAge()).hasValue(30);
    }

    @Test
    void parse_garbage_neverThrows() {
        for (String garbage : List.of("=", "\"", "\\", "a=\"\\", "==,==", "\u0000\u00ff", ",\"\",", "x=\"")) {
            assertThat(CacheControl.parse(garbage)).isNotNull();
        }
    }

    @Test
    void maxAge_nonInteger_isEmpty() {
        assertThat(CacheControl.parse("max-age=abc").maxAge()).isEmpty();
        assertThat(CacheControl.parse("max-age=1.5").maxAge()).isEmpty();
        assertThat(CacheControl.parse("max-age").maxAge()).isEmpty();
        assertThat(CacheControl.parse("public").maxAge()).isEmpty();
    }

    @Test
    void maxAge_negative_isEmpty() {
        // delta-seconds is 1*DIGIT (RFC 9111 §1.2.2): no sign.
        assertThat(CacheControl.parse("max-age=-1").maxAge()).isEmpty();
        assertThat(CacheControl.parse("max-age=+1").maxAge()).isEmpty();
    }

    @Test
    void maxAge_quoted_isAccepted() {
        assertThat(CacheControl.parse("max-age=\"7\"").maxAge()).hasValue(7);
    }

    @Test
    void maxAge_tooLargeForLong_isTwoToThe31() {
        // RFC 9111 §1.2.2: an unrepresentable delta-seconds counts as 2147483648.
        assertThat(CacheControl.parse("max-age=99999999999999999999999").maxAge()).hasValue(2_147_483_648L);
    }

    @Test
    void maxAge_duplicates_firstOccurrenceWins() {
        // RFC 9111 §4.2.1: with several values, use the first.
        CacheControl cc = CacheControl.parse("max-age=10, max-age=5");
        assertThat(cc.maxAge()).hasValue(10);
        assertThat(cc.argument("max-age")).contains("10");
        assertThat(cc.toString()).isEqualTo("max-age=10, max-age=5");
    }

    @Test
    void sharedMaxAge_readsSMaxage() {
        CacheControl cc = CacheControl.parse("max-age=10, S-MaxAge=300");
        assertThat(cc.sharedMaxAge()).hasValue(300);
        assertThat(CacheControl.parse("max-age=10").sharedMaxAge()).isEqualTo(OptionalLong.empty());
        assertThat(CacheControl.parse("s-maxage=x").sharedMaxAge()).isEmpty();
    }

    @Test
    void has_isNotASubstringMatch() {
        // CVE-2026-8404: "x-private-ish" must not read as private.
        CacheControl cc = CacheControl.parse("x-private-ish, no-storefront");
        assertThat(cc.has("private")).isFalse();
        assertThat(cc.has("no-store")).isFalse();
    }

    @Test
    void argument_bareOrAbsent_isEmpty() {
        CacheControl cc = CacheControl.parse("no-cache, max-age=");
        assertThat(cc.argument("no-cache")).isEmpty();
        assertThat(cc.argument("public")).isEmpty();
        assertThat(cc.argument("max-age")).contains("");
    }

    @Test
    void toString_nonTokenArgument_isQuoted() {
        assertThat(CacheControl.empty().with("ext", "two words").toString()).isEqualTo("ext=\"two words\"");
        assertThat(CacheControl.empty().with("ext", "").toString()).isEqualTo("ext=\"\"");
        assertThat(CacheControl.empty().with("ext", "tok3n").toString()).isEqualTo("ext=tok3n");
    }

    @Test
    void equals_sameDirectives_areEqual() {
        assertThat(CacheControl.parse("Public, max-age=1")).isEqualTo(CacheControl.parse("public,max-age=\"1\""));
        assertThat(CacheControl.parse("public")).isNotEqualTo(CacheControl.parse("private"));
    }
}
