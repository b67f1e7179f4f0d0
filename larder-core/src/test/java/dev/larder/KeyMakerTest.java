package dev.larder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.larder.testing.LogCapture;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KeyMakerTest {
    private LogCapture warnings;

    @BeforeEach
    void listen() {
        warnings = LogCapture.of("dev.larder.keys");
    }

    @AfterEach
    void stop() {
        warnings.close();
    }

    @Test
    void defaultKey_isPrefixVersionKey() {
        assertThat(new KeyMaker(KeyFunction.DEFAULT, "", 1, false).make("key").value()).isEqualTo(":1:key");
        assertThat(new KeyMaker(KeyFunction.DEFAULT, "site", 3, false).make("key").value()).isEqualTo("site:3:key");
        assertThat(new KeyMaker(KeyFunction.DEFAULT, "site", 3, false).withVersion(4).make("k").value()).isEqualTo("site:4:k");
    }

    @Test
    void customFunction_receivesKeyPrefixAndVersion() {
        KeyMaker maker = new KeyMaker((k, p, v) -> p + "|" + v + "|" + k, "pre", 7, false);
        assertThat(maker.make("x").value()).isEqualTo("pre|7|x");
    }

    @Test
    void longKey_warnsWithDjangosMessage() {
        String key = "a".repeat(248);
        new KeyMaker(KeyFunction.DEFAULT, "", 1, false).make(key);
        assertThat(warnings.messages()).containsExactly(
                "Cache key will cause errors if used with memcached: ':1:" + key + "' (longer than 250)");
    }

    @Test
    void exactly250_isFine() {
        new KeyMaker(KeyFunction.DEFAULT, "", 1, false).make("a".repeat(247));
        assertThat(warnings.messages()).isEmpty();
    }

    @Test
    void controlCharactersAndSpace_warnWithDjangosMessage() {
        KeyMaker maker = new KeyMaker(KeyFunction.DEFAULT, "", 1, false);
        for (String key : List.of("key with spaces", "key\u0000", "tab\t", "del\u007f")) {
            maker.make(key);
        }
        assertThat(warnings.messages()).hasSize(4).allMatch(
                w -> w.startsWith("Cache key contains characters that will cause errors if used with memcached: ':1:"));
    }

    @Test
    void longKeyWithSpace_firesBothWarnings() {
        new KeyMaker(KeyFunction.DEFAULT, "", 1, false).make(" ".repeat(300));
        assertThat(warnings.messages()).hasSize(2);
    }

    @Test
    void prefixWithSpace_isValidatedAsPartOfTheKey() {
        KeyMaker maker = new KeyMaker(KeyFunction.DEFAULT, "my site", 1, true);
        assertThatThrownBy(() -> maker.make("key")).isInstanceOf(InvalidCacheKeyException.class)
                .hasMessageContaining("'my site:1:key'");
    }

    @Test
    void strict_throwsInsteadOfWarning() {
        KeyMaker maker = new KeyMaker(KeyFunction.DEFAULT, "", 1, true);
        assertThatThrownBy(() -> maker.make("a b")).isInstanceOf(InvalidCacheKeyException.class);
        assertThat(warnings.messages()).isEmpty();
    }

    @Test
    void emptyKey_isAKeyLikeAnyOther() {
        // Django 3.2: cache.set('', 1) stores under ':1:' with no warning, on every backend.
        assertThat(new KeyMaker(KeyFunction.DEFAULT, "", 1, true).make("").value()).isEqualTo(":1:");
        // With KEY_FUNCTION = lambda key, prefix, version: key, locmem, file and db store under ''.
        assertThat(new KeyMaker((k, p, v) -> k, "", 1, true).make("").value()).isEmpty();
        assertThat(warnings.messages()).isEmpty();
    }

    @Test
    void keyFunctionReturningNull_isRefused() {
        KeyMaker maker = new KeyMaker((k, p, v) -> null, "", 1, false);
        assertThatThrownBy(() -> maker.make("x")).isInstanceOf(InvalidCacheKeyException.class)
                .hasMessageContaining("'x'");
    }

    @Test
    void unpairedSurrogates_areRefused_evenWhenNotStrict_namingTheIndex() {
        KeyMaker maker = new KeyMaker(KeyFunction.DEFAULT, "", 1, false);
        assertThatThrownBy(() -> maker.make("user:\uD800")).isInstanceOf(InvalidCacheKeyException.class)
                .hasMessageContaining("'user:\\ud800'").hasMessageContaining("at index 5");
        assertThatThrownBy(() -> maker.make("\uDC00user")).isInstanceOf(InvalidCacheKeyException.class)
                .hasMessageContaining("at index 0");
        assertThatThrownBy(() -> maker.make("a b\uDBFF")).as("after a space, which alone only warns")
                .isInstanceOf(InvalidCacheKeyException.class).hasMessageContaining("at index 3");
        assertThatThrownBy(() -> maker.make("\uDE00\uD83D")).as("a pair in the wrong order")
                .isInstanceOf(InvalidCacheKeyException.class).hasMessageContaining("at index 0");
        assertThat(warnings.messages()).isEmpty();
    }

    @Test
    void surrogatePairs_areValid() {
        KeyMaker maker = new KeyMaker(KeyFunction.DEFAULT, "site", 1, true);
        assertThat(maker.make("emoji:\uD83D\uDE00").value()).isEqualTo("site:1:emoji:\uD83D\uDE00");
        assertThat(warnings.messages()).isEmpty();
    }

    @Test
    void customKeyFunction_outputIsChecked() {
        KeyMaker maker = new KeyMaker((k, p, v) -> p + ":" + k.substring(0, k.length() - 1), "", 1, false);
        assertThat(maker.make("\uD83D\uDE00x").value()).isEqualTo(":\uD83D\uDE00");
        assertThatThrownBy(() -> maker.make("\uD83D\uDE00\uD83D\uDE00")).isInstanceOf(InvalidCacheKeyException.class)
                .as("an emoji cut in half: the function's output is what is stored")
                .hasMessageContaining("made").hasMessageContaining("at index 3");
    }

    @Test
    void prefixWithAnUnpairedSurrogate_isRefusedAtConstruction() {
        assertThatThrownBy(() -> new KeyMaker(KeyFunction.DEFAULT, "site\uD800", 1, false))
                .isInstanceOf(InvalidCacheKeyException.class).hasMessageContaining("at index 4");
        assertThatThrownBy(() -> new KeyMaker((k, p, v) -> k, "\uDFFF", 1, false))
                .isInstanceOf(InvalidCacheKeyException.class);
    }

    @Test
    void warnings_escapeTheKey_soANewlineCannotForgeALogLine() {
        new KeyMaker(KeyFunction.DEFAULT, "", 1, false).make("user\n[ERROR] forged");
        assertThat(warnings.messages()).hasSize(1);
        assertThat(warnings.messages().get(0)).doesNotContain("\n").contains("user\\n[ERROR] forged")
                .isEqualTo("Cache key contains characters that will cause errors if used with memcached:"
                        + " ':1:user\\n[ERROR] forged'");
    }

    @Test
    void warnings_ofAHugeKey_showTheReprOfItsStartAndItsLength() {
        // Django quotes all 1,000,003 characters; Larder shows the first 200 (see the README).
        new KeyMaker(KeyFunction.DEFAULT, "", 1, false).make("k".repeat(1_000_000));
        assertThat(warnings.messages()).containsExactly("Cache key will cause errors if used with memcached: ':1:"
                + "k".repeat(197) + "'…(1000003 chars) (longer than 250)");
    }

    @Test
    void warnings_showTheKeyAsPythonsReprDoes() {
        // Django 3.2 on Python 3.11 (Unicode 14.0): cache.set(key, 1) on locmem warns exactly this.
        List<Map.Entry<String, String>> django = List.of(
                Map.entry("it's x",
                        "Cache key contains characters that will cause errors if used with memcached: \":1:it's x\""),
                Map.entry("say \"hi\"",
                        "Cache key contains characters that will cause errors if used with memcached: ':1:say \"hi\"'"),
                Map.entry("it's \"x\"",
                        "Cache key contains characters that will cause errors if used with memcached: ':1:it\\'s \"x\"'"),
                Map.entry("both ' \" \\",
                        "Cache key contains characters that will cause errors if used with memcached: ':1:both \\' \" \\\\'"),
                Map.entry("a\nb\tc\rd",
                        "Cache key contains characters that will cause errors if used with memcached: ':1:a\\nb\\tc\\rd'"),
                Map.entry("\\ x",
                        "Cache key contains characters that will cause errors if used with memcached: ':1:\\\\ x'"),
                Map.entry("\u0000\u001F\u007F ",
                        "Cache key contains characters that will cause errors if used with memcached: ':1:\\x00\\x1f\\x7f '"),
                Map.entry(" \u0085\u00A0\u00AD",
                        "Cache key contains characters that will cause errors if used with memcached: ':1: \\x85\\xa0\\xad'"),
                Map.entry(" \u2028\u2029\u202E\u200E\u061C\uFEFF\u3000\u00A0",
                        "Cache key contains characters that will cause errors if used with memcached: ':1: \\u2028\\u2029\\u202e\\u200e\\u061c\\ufeff\\u3000\\xa0'"),
                Map.entry(" \uDB40\uDC01\uDBFF\uDFFF\uD83D\uDE00\u00E9\u4E2D\uDB40\uDC7F\uD834\uDD73\uE000\uDB80\uDC00",
                        "Cache key contains characters that will cause errors if used with memcached: ':1: \\U000e0001\\U0010ffff\uD83D\uDE00\u00E9\u4E2D\\U000e007f\\U0001d173\\ue000\\U000f0000'"),
                Map.entry(" \u0378\u0590\u05FF\uFFFE\uFFFF",
                        "Cache key contains characters that will cause errors if used with memcached: ':1: \\u0378\\u0590\\u05ff\\ufffe\\uffff'"),
                Map.entry(" \u1680\u2000\u200B\u2066 \u00AD\u0600",
                        "Cache key contains characters that will cause errors if used with memcached: ':1: \\u1680\\u2000\\u200b\\u2066 \\xad\\u0600'"),
                Map.entry(" \u0870\u061D\uD83D\uDEDD",
                        "Cache key contains characters that will cause errors if used with memcached: ':1: \u0870\u061D\uD83D\uDEDD'"),
                Map.entry("user\n[ERROR] forged",
                        "Cache key contains characters that will cause errors if used with memcached: ':1:user\\n[ERROR] forged'"),
                Map.entry("it's\n",
                        "Cache key contains characters that will cause errors if used with memcached: \":1:it's\\n\""));
        KeyMaker maker = new KeyMaker(KeyFunction.DEFAULT, "", 1, false);
        for (Map.Entry<String, String> e : django) {
            warnings.clear();
            maker.make(e.getKey());
            assertThat(warnings.messages()).as(e.getValue()).containsExactly(e.getValue());
        }
    }

    @Test
    void length_isCountedInCodePoints_asPythonsLen() {
        // Django 3.2: 'a'*247 and '\U0001F600'*247 (':1:' + 247 = 250 characters) do not warn;
        // 'a'*248 and '\U0001F600'*248 warn, the emoji shown as they are.
        KeyMaker maker = new KeyMaker(KeyFunction.DEFAULT, "", 1, false);
        String emoji = "\uD83D\uDE00";
        maker.make(emoji.repeat(247));
        maker.make("\u00E9".repeat(247));
        assertThat(warnings.messages()).isEmpty();
        maker.make(emoji.repeat(248));
        assertThat(warnings.messages()).containsExactly(
                "Cache key will cause errors if used with memcached: ':1:" + emoji.repeat(248) + "' (longer than 250)");
    }

    @Test
    void strict_throwsDjangosFirstMessage() {
        KeyMaker maker = new KeyMaker(KeyFunction.DEFAULT, "", 1, false).strict();
        assertThatThrownBy(() -> maker.make(" ".repeat(300))).isInstanceOf(InvalidCacheKeyException.class)
                .hasMessage("Cache key will cause errors if used with memcached: ':1:" + " ".repeat(300) + "' (longer than 250)");
        assertThatThrownBy(() -> maker.make("it's x")).isInstanceOf(InvalidCacheKeyException.class)
                .hasMessage("Cache key contains characters that will cause errors if used with memcached: \":1:it's x\"");
        assertThat(maker.make("\uD83D\uDE00".repeat(247)).value()).startsWith(":1:");
        assertThat(warnings.messages()).isEmpty();
    }
}
