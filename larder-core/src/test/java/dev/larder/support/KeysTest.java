package dev.larder.support;

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
        assertThat(Keys.printable("nul\u0000 esc\u001b del\u007f nel\u0085")).isEqualTo("nul\\x00 esc\\x1b del\\x7f nel\\x85");
        assertThat(Keys.printable("user\n[ERROR] forged")).isEqualTo("user\\n[ERROR] forged");
    }

    @Test
    void unpairedSurrogatesAndBidiControls_areEscaped_pairsKept() {
        assertThat(Keys.printable("user:\uD800")).isEqualTo("user:\\ud800");
        assertThat(Keys.printable("\uDC00\uD83D\uDE00\uD83D")).isEqualTo("\\udc00\uD83D\uDE00\\ud83d");
        assertThat(Keys.printable("a\u202Eb\u2066c\u2069d\u200Fe\u2028f")).isEqualTo("a\\u202eb\\u2066c\\u2069d\\u200fe\\u2028f");
    }

    @Test
    void longKeys_areShortenedToTheirStartAndLength() {
        String huge = "k".repeat(1_000_000);
        assertThat(Keys.printable(huge)).isEqualTo("k".repeat(Keys.SHOWN_OF_LONG) + "…(1000000 chars)");
        String longWithNewline = "\n".repeat(5_000);
        assertThat(Keys.printable(longWithNewline)).isEqualTo("\\n".repeat(Keys.SHOWN_OF_LONG) + "…(5000 chars)");
    }

    @Test
    void shortening_countsCodePoints_andNeverSplitsASurrogatePair() {
        String key = "k".repeat(Keys.SHOWN_OF_LONG - 1) + "\uD83D\uDE00".repeat(1_000);
        assertThat(Keys.printable(key)).isEqualTo("k".repeat(Keys.SHOWN_OF_LONG - 1) + "\uD83D\uDE00…(1199 chars)");
        String thousandEmoji = "\uD83D\uDE00".repeat(Keys.MAX_WHOLE);
        assertThat(Keys.printable(thousandEmoji)).as("2,000 UTF-16 units, 1,000 code points").isSameAs(thousandEmoji);
    }

    @Test
    void printable_escapesWhatPythonsReprEscapes_butNeitherQuotesNorBackslashes() {
        // Python 3.11: repr(' \xa0\u200b\ufeff\U000e0001\ue000\u0378') escapes all but the space.
        assertThat(Keys.printable("it's \"x\" \\ \u00A0\u200B\uFEFF\uDB40\uDC01\uE000\u0378"))
                .isEqualTo("it's \"x\" \\ \\xa0\\u200b\\ufeff\\U000e0001\\ue000\\u0378");
    }

    @Test
    void repr_isPythons() {
        // Each expected value is what Python 3.11's repr() gives for the same string.
        assertThat(Keys.repr("")).isEqualTo("''");
        assertThat(Keys.repr("it's")).isEqualTo("\"it's\"");
        assertThat(Keys.repr("say \"hi\"")).isEqualTo("'say \"hi\"'");
        assertThat(Keys.repr("it's \"x\"")).isEqualTo("'it\\'s \"x\"'");
        assertThat(Keys.repr("back\\slash")).isEqualTo("'back\\\\slash'");
        assertThat(Keys.repr("\u0000\u0007\u001b\u007f\u0080\u009f")).isEqualTo("'\\x00\\x07\\x1b\\x7f\\x80\\x9f'");
        assertThat(Keys.repr("\uD800")).as("a lone surrogate").isEqualTo("'\\ud800'");
        assertThat(Keys.repr("\uDBFF\uDFFF\uD83D\uDE00")).isEqualTo("'\\U0010ffff\uD83D\uDE00'");
        assertThat(Keys.repr("\u0870\uD83D\uDEDD")).as("added in Unicode 14.0, which Python 3.11 prints")
                .isEqualTo("'\u0870\uD83D\uDEDD'");
    }

    @Test
    void quoted_isRepr_shortenedOverAThousandCodePoints() {
        assertThat(Keys.quoted("k".repeat(Keys.MAX_WHOLE))).isEqualTo("'" + "k".repeat(Keys.MAX_WHOLE) + "'");
        assertThat(Keys.quoted("it's".repeat(1_000))).isEqualTo("\"" + "it's".repeat(50) + "\"…(4000 chars)");
    }

    @Test
    void memcacheKeyWarnings_areDjangos() {
        assertThat(Keys.memcacheKeyWarnings(":1:key")).isEmpty();
        assertThat(Keys.memcacheKeyWarnings("")).isEmpty();
        assertThat(Keys.memcacheKeyWarnings(":1:" + " ".repeat(248))).containsExactly(
                "Cache key will cause errors if used with memcached: ':1:" + " ".repeat(248) + "' (longer than 250)",
                "Cache key contains characters that will cause errors if used with memcached: ':1:" + " ".repeat(248) + "'");
    }

    @Test
    void nullPrintsAsNull() {
        assertThat(Keys.printable(null)).isEqualTo("null");
    }
}
