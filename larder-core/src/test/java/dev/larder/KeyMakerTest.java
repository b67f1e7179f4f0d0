package dev.larder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KeyMakerTest {
    private final List<String> warnings = new ArrayList<>();
    private final Logger jul = Logger.getLogger("dev.larder.keys");
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            warnings.add(r.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void listen() {
        jul.addHandler(capture);
    }

    @AfterEach
    void stop() {
        jul.removeHandler(capture);
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
        assertThat(warnings).containsExactly(
                "Cache key will cause errors if used with memcached: ':1:" + key + "' (longer than 250)");
    }

    @Test
    void exactly250_isFine() {
        new KeyMaker(KeyFunction.DEFAULT, "", 1, false).make("a".repeat(247));
        assertThat(warnings).isEmpty();
    }

    @Test
    void controlCharactersAndSpace_warnWithDjangosMessage() {
        KeyMaker maker = new KeyMaker(KeyFunction.DEFAULT, "", 1, false);
        for (String key : List.of("key with spaces", "key\u0000", "tab\t", "del\u007f")) {
            maker.make(key);
        }
        assertThat(warnings).hasSize(4).allMatch(
                w -> w.startsWith("Cache key contains characters that will cause errors if used with memcached: ':1:"));
    }

    @Test
    void longKeyWithSpace_firesBothWarnings() {
        new KeyMaker(KeyFunction.DEFAULT, "", 1, false).make(" ".repeat(300));
        assertThat(warnings).hasSize(2);
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
        assertThat(warnings).isEmpty();
    }

    @Test
    void keyFunctionReturningEmpty_isRefused() {
        KeyMaker maker = new KeyMaker((k, p, v) -> "", "", 1, false);
        assertThatThrownBy(() -> maker.make("x")).isInstanceOf(InvalidCacheKeyException.class)
                .hasMessageContaining("'x'");
    }

    @Test
    void unpairedSurrogates_areRefused_evenWhenNotStrict_namingTheIndex() {
        KeyMaker maker = new KeyMaker(KeyFunction.DEFAULT, "", 1, false);
        assertThatThrownBy(() -> maker.make("user:\uD800")).isInstanceOf(InvalidCacheKeyException.class)
                .hasMessageContaining("'user:\\uD800'").hasMessageContaining("at index 5");
        assertThatThrownBy(() -> maker.make("\uDC00user")).isInstanceOf(InvalidCacheKeyException.class)
                .hasMessageContaining("at index 0");
        assertThatThrownBy(() -> maker.make("a b\uDBFF")).as("after a space, which alone only warns")
                .isInstanceOf(InvalidCacheKeyException.class).hasMessageContaining("at index 3");
        assertThatThrownBy(() -> maker.make("\uDE00\uD83D")).as("a pair in the wrong order")
                .isInstanceOf(InvalidCacheKeyException.class).hasMessageContaining("at index 0");
        assertThat(warnings).isEmpty();
    }

    @Test
    void surrogatePairs_areValid() {
        KeyMaker maker = new KeyMaker(KeyFunction.DEFAULT, "site", 1, true);
        assertThat(maker.make("emoji:\uD83D\uDE00").value()).isEqualTo("site:1:emoji:\uD83D\uDE00");
        assertThat(warnings).isEmpty();
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
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0)).doesNotContain("\n").contains("user\\n[ERROR] forged")
                .isEqualTo("Cache key contains characters that will cause errors if used with memcached:"
                        + " ':1:user\\n[ERROR] forged'");
    }

    @Test
    void warnings_ofAHugeKey_showItsStartAndLength() {
        new KeyMaker(KeyFunction.DEFAULT, "", 1, false).make("k".repeat(1_000_000));
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0)).hasSizeLessThan(1_500).contains("…(1000003 chars)").contains("(longer than 250)");
    }
}
