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
}
