package dev.larder.spi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KeysTest {
    @Test
    void ordinaryKeys_areReturnedAsTheyAre() {
        for (String key : new String[] {"user:42", "has space", "clé-ключ-鍵", "emoji:\uD83D\uDE00", "back\\slash", "k".repeat(1_000)}) {
            assertThat(Keys.printable(key)).isSameAs(key);
        }
    }

    @Test
    void controlCharacters_areEscaped() {
        assertThat(Keys.printable("a\nb\rc\td")).isEqualTo("a\\nb\\rc\\td");
        assertThat(Keys.printable("nul\u0000 esc\u001b del\u007f nel\u0085")).isEqualTo("nul\\x00 esc\\x1B del\\x7F nel\\x85");
        assertThat(Keys.printable("user\n[ERROR] forged")).isEqualTo("user\\n[ERROR] forged");
    }

    @Test
    void unpairedSurrogatesAndBidiControls_areEscaped_pairsKept() {
        assertThat(Keys.printable("user:\uD800")).isEqualTo("user:\\uD800");
        assertThat(Keys.printable("\uDC00\uD83D\uDE00\uD83D")).isEqualTo("\\uDC00\uD83D\uDE00\\uD83D");
        assertThat(Keys.printable("a\u202Eb\u2066c\u2069d\u200Fe\u2028f")).isEqualTo("a\\u202Eb\\u2066c\\u2069d\\u200Fe\\u2028f");
    }

    @Test
    void longKeys_areShortenedToTheirStartAndLength() {
        String huge = "k".repeat(1_000_000);
        assertThat(Keys.printable(huge)).isEqualTo("k".repeat(Keys.SHOWN_OF_LONG) + "…(1000000 chars)");
        String longWithNewline = "\n".repeat(5_000);
        assertThat(Keys.printable(longWithNewline)).isEqualTo("\\n".repeat(Keys.SHOWN_OF_LONG) + "…(5000 chars)");
    }

    @Test
    void shortening_neverSplitsASurrogatePair() {
        String key = "k".repeat(Keys.SHOWN_OF_LONG - 1) + "\uD83D\uDE00".repeat(1_000);
        assertThat(Keys.printable(key)).isEqualTo("k".repeat(Keys.SHOWN_OF_LONG - 1) + "…(" + key.length() + " chars)");
    }

    @Test
    void nullPrintsAsNull() {
        assertThat(Keys.printable(null)).isEqualTo("null");
    }
}
