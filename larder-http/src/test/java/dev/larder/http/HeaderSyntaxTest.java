package dev.larder.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The shared list tokenizer (RFC 9110 §5.6.1, §5.6.4). */
class HeaderSyntaxTest {
    @Test
    void split_trimsAndDropsEmptyElements() {
        assertThat(HeaderSyntax.split(" a ,, b,", true)).containsExactly("a", "b");
        assertThat(HeaderSyntax.split(null, true)).isEmpty();
    }

    @Test
    void split_commaInsideQuotes_doesNotSplit() {
        assertThat(HeaderSyntax.split("a=\"x, y\", b", true)).containsExactly("a=\"x, y\"", "b");
    }

    @Test
    void split_escapedQuote_onlyWithEscapes() {
        assertThat(HeaderSyntax.split("a=\"x\\\", y\", b", true)).containsExactly("a=\"x\\\", y\"", "b");
        assertThat(HeaderSyntax.split("\"x\\\", \"y\"", false)).containsExactly("\"x\\\"", "\"y\"");
    }

    @Test
    void split_unclosedQuote_isAnOrdinaryCharacter() {
        assertThat(HeaderSyntax.split("a=\"x, b", true)).containsExactly("a=\"x", "b");
    }

    @Test
    void unquote_resolvesQuotedPairs() {
        assertThat(HeaderSyntax.unquote("\"a\\\"b\\\\\"")).isEqualTo("a\"b\\");
        assertThat(HeaderSyntax.unquote("plain")).isEqualTo("plain");
        assertThat(HeaderSyntax.unquote("\"open")).isEqualTo("\"open");
        assertThat(HeaderSyntax.unquote("\"a\"b")).isEqualTo("\"a\"b");
    }

    @Test
    void quote_escapesQuoteAndBackslash() {
        assertThat(HeaderSyntax.quote("a\"b\\")).isEqualTo("\"a\\\"b\\\\\"");
        assertThat(HeaderSyntax.unquote(HeaderSyntax.quote("x, \"y\""))).isEqualTo("x, \"y\"");
    }

    @Test
    void isToken_onlyTchar() {
        for (String token : List.of("max-age", "Set-Cookie", "!#$%&'*+-.^_`|~09aZ")) {
            assertThat(HeaderSyntax.isToken(token)).as(token).isTrue();
        }
        for (String notToken : List.of("", "a b", "a,b", "\"a\"", "a=b", "caf\u00e9")) {
            assertThat(HeaderSyntax.isToken(notToken)).as(notToken).isFalse();
        }
    }

    @Test
    void values_nullFromABrokenSource_isEmpty() {
        assertThat(HeaderSyntax.values(name -> null, "Vary")).isEmpty();
        assertThat(HeaderSyntax.present(name -> null, "Vary")).isFalse();
    }
}
