package dev.larder.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.larder.Cache;
import dev.larder.InvalidCacheKeyException;
import org.junit.jupiter.api.Test;

/**
 * Key prefixes, custom key functions, and the key checks (long keys, strict keys).
 */
abstract class PrefixAndKeyFunctionContract extends ContractGroup {
    PrefixAndKeyFunctionContract(Fixture fixture) {
        super(fixture);
    }

    @Test
    void prefixes_keepCachesOnOneStoreApart() {
        Cache a = newCache(b -> b.keyPrefix("app-a"));
        Cache b = newCache(bb -> bb.keyPrefix("app-b"));
        a.set("key", "from a");
        b.set("key", "from b");
        assertThat(a.get("key")).isEqualTo("from a");
        assertThat(b.get("key")).isEqualTo("from b");
    }

    @Test
    void customKeyFunction_isUsed() {
        Cache upper = newCache(b -> b.keyPrefix("custom")
                .keyFunction((key, prefix, version) -> prefix + "/K/" + key.toUpperCase()));
        upper.set("hello", "v");
        assertThat(upper.get("HELLO")).isEqualTo("v");
    }

    @Test
    void longKey_warnsByDefault_unlessTheBackendRefusesIt() {
        String key = "k".repeat(300);
        if (capabilities().refusesLongKeys()) {
            assertThatThrownBy(() -> cache.set(key, "v")).isInstanceOf(InvalidCacheKeyException.class)
                    .hasMessageContaining("longer than 250");
            assertThatThrownBy(() -> cache.get("has space")).isInstanceOf(InvalidCacheKeyException.class);
            return;
        }
        cache.set(key, "v");
        assertThat(cache.get(key)).isEqualTo("v");
    }

    @Test
    void strictKeys_refuseLongKeysAndSpaces() {
        Cache strict = newCache(b -> b.strictKeys(true));
        assertThatThrownBy(() -> strict.set("k".repeat(250), "v"))
                .isInstanceOf(InvalidCacheKeyException.class).hasMessageContaining("longer than 250");
        assertThatThrownBy(() -> strict.get("has space"))
                .isInstanceOf(InvalidCacheKeyException.class).hasMessageContaining("':1:has space'");
        assertThatThrownBy(() -> strict.get("bell\u0007"))
                .isInstanceOf(InvalidCacheKeyException.class);
        strict.set("fine-key", "v");
        assertThat(strict.get("fine-key")).isEqualTo("v");
    }

    @Test
    void nonAsciiKeys_areAllowed() {
        Cache strict = newCache(b -> b.strictKeys(true));
        strict.set("clé-ключ-鍵", "v");
        assertThat(strict.get("clé-ключ-鍵")).isEqualTo("v");
    }
}
