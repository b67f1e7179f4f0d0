package dev.larder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.testing.fuzz.Bounded;
import dev.larder.testing.fuzz.Shapes;
import java.util.List;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.Logger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Keys through real {@code locmem} caches, one lenient and one with {@code strict-keys}: any
 * string is stored and read back, or refused with {@link InvalidCacheKeyException} (the only
 * exception {@link Cache} documents for keys); at most 32 bytes a character + 256 KiB, 50 ms +
 * 100 ns a character. A key with an unpaired surrogate is refused, because a backend that
 * stores UTF-8 would write it as {@code ?} and two such keys would share an entry.
 */
class KeyFuzzTest {
    static final String ALPHABET = "abc:/-_.é中 \\t\\n\\u0000\\u007f";
    static final List<String> EXAMPLES = List.of("user:42", "views:/home", "a b", "é中文", "\\ud83d\\ude00 emoji",
            "x".repeat(251));
    static final Bounded KEY = Bounded.named("Cache.set+get (key validation)")
            .documented(InvalidCacheKeyException.class).allocation(32, 256 * 1024);
    // The lenient cache warns about each bad key; thousands of megabyte warnings are not the point here.
    static final Logger KEY_WARNINGS = Logger.getLogger("dev.larder.keys");
    static final CacheRegistry CACHES;

    static {
        KEY_WARNINGS.setLevel(Level.OFF);
        Properties props = new Properties();
        props.setProperty("larder.caches.default.backend", "locmem");
        props.setProperty("larder.caches.default.location", "key-fuzz-lenient");
        props.setProperty("larder.caches.strict.backend", "locmem");
        props.setProperty("larder.caches.strict.location", "key-fuzz-strict");
        props.setProperty("larder.caches.strict.options.strict-keys", "true");
        CACHES = CacheRegistry.fromProperties(props);
    }

    @Provide
    Arbitrary<String> keys() {
        return Shapes.text(ALPHABET, EXAMPLES);
    }

    @Provide
    Arbitrary<String> keysWithUnpairedSurrogates() {
        return Shapes.withUnpairedSurrogates(Arbitraries.oneOf(Arbitraries.strings().alpha().ofMaxLength(20),
                Arbitraries.of(EXAMPLES))).filter(KeyFuzzTest::hasUnpairedSurrogate);
    }

    @Property
    void anyKey_isStoredAndReadBack_orRefused(@ForAll("keys") String key) {
        for (String alias : List.of("default", "strict")) {
            Cache cache = CACHES.cache(alias);
            Object read = KEY.call(key.length(), () -> {
                cache.set(key, "v");
                return cache.get(key);
            });
            if (read != null) {
                assertThat(read).isEqualTo("v");
            }
        }
    }

    @Property
    void keyWithUnpairedSurrogate_isRefused(@ForAll("keysWithUnpairedSurrogates") String key) {
        Cache cache = CACHES.defaultCache();
        // Bounded returns null when the call threw its documented InvalidCacheKeyException.
        String outcome = KEY.call(key.length(), () -> {
            cache.set(key, "v");
            return "stored";
        });
        assertThat(outcome).as("a key with an unpaired surrogate is refused, not stored").isNull();
    }

    static boolean hasUnpairedSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && (i + 1 == s.length() || !Character.isLowSurrogate(s.charAt(i + 1)))) {
                return true;
            }
            if (Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(s.charAt(i - 1)))) {
                return true;
            }
        }
        return false;
    }

    @AfterContainer
    static void summary() {
        System.out.println(KEY.summary());
        CACHES.close();
    }
}
