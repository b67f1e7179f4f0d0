package dev.larder.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The shared list tokenizer (RFC 9110 §5.6.1, §5.6.4). */
class FieldsTest {
    @Test
    void split_trimsAndDropsEmptyElements() {
        assertThat(Fields.split(" a ,, b,", true)).containsExactly("a", "b");
        assertThat(Fields.split(null, true)).isEmpty();
    }

    @Test
    void split_commaInsideQuotes_doesNotSplit() {
        assertThat(Fields.split("a=\"x, y\", b", true)).containsExactly("a=\"x, y\"", "b");
    }

    @Test
    void split_escapedQuote_onlyWithEscapes() {
        assertThat(Fields.split("a=\"x\\\", y\", b", true)).containsExactly("a=\"x\\\", y\"", "b");
        assertThat(Fields.split("\"x\\\", \"y\"", false)).containsExactly("\"x\\\"", "\"y\"");
    }

    @Test
    void split_unclosedQuote_isAnOrdinaryCharacter() {
        assertThat(Fields.split("a=\"x, b", true)).containsExactly("a=\"x", "b");
    }

    @Test
    void unquote_resolvesQuotedPairs() {
        assertThat(Fields.unquote("\"a\\\"b\\\\\"")).isEqualTo("a\"b\\");
        assertThat(Fields.unquote("plain")).isEqualTo("plain");
        assertThat(Fields.unquote("\"open")).isEqualTo("\"open");
        assertThat(Fields.unquote("\"a\"b")).isEqualTo("\"a\"b");
    }

    @Test
    void quote_escapesQuoteAndBackslash() {
        assertThat(Fields.quote("a\"b\\")).isEqualTo("\"a\\\"b\\\\\"");
        assertThat(Fields.unquote(Fields.quote("x, \"y\""))).isEqualTo("x, \"y\"");
    }

    @Test
    void isToken_onlyTchar() {
        for (String token : List.of("max-age", "Set-Cookie", "!#$%&'*+-.^_`|~09aZ")) {
            assertThat(Fields.isToken(token)).as(token).isTrue();
        }
        for (String notToken : List.of("", "a b", "a,b", "\"a\"", "a=b", "caf\u00e9")) {
            assertThat(Fields.isToken(notToken)).as(notToken).isFalse();
        }
    }

    @Test
    void values_nullFromABrokenSource_isEmpty() {
        assertThat(Fields.values(name -> null, "Vary")).isEmpty();
        assertThat(Fields.present(name -> null, "Vary")).isFalse();
    }
}
