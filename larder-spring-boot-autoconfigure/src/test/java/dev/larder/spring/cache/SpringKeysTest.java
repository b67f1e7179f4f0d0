package dev.larder.spring.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.springframework.cache.interceptor.SimpleKey;

/** SpringKeys: fixed encodings (they are stored, so they must not change), and no collisions. */
class SpringKeysTest {
    enum Color { RED, GREEN }

    record Isbn(String prefix, int number) {
    }

    record Pair(Object left, Object right) {
    }

    record OtherPair(Object left, Object right) {
    }

    @Test
    void encodings_areStable() {
        assertThat(SpringKeys.toLarderKey("book:42")).isEqualTo("book:42");
        assertThat(SpringKeys.toLarderKey("~i42")).isEqualTo("~~i42");
        assertThat(SpringKeys.toLarderKey(42)).isEqualTo("~i42");
        assertThat(SpringKeys.toLarderKey(42L)).isEqualTo("~l42");
        assertThat(SpringKeys.toLarderKey((short) 42)).isEqualTo("~s42");
        assertThat(SpringKeys.toLarderKey(1.5)).isEqualTo("~d1.5");
        assertThat(SpringKeys.toLarderKey(new BigDecimal("1.50"))).isEqualTo("~D1.50");
        assertThat(SpringKeys.toLarderKey(true)).isEqualTo("~ztrue");
        assertThat(SpringKeys.toLarderKey(UUID.fromString("123e4567-e89b-12d3-a456-426614174000")))
                .isEqualTo("~u123e4567-e89b-12d3-a456-426614174000");
        assertThat(SpringKeys.toLarderKey(LocalDate.of(2026, 1, 2))).isEqualTo("~tjava.time.LocalDate=2026-01-02");
        assertThat(SpringKeys.toLarderKey(Color.RED)).isEqualTo("~edev.larder.spring.cache.SpringKeysTest$Color.RED");
    }

    @Test
    void composites_areStable() {
        assertThat(SpringKeys.toLarderKey(SimpleKey.EMPTY)).isEqualTo("~k[]");
        assertThat(SpringKeys.toLarderKey(new SimpleKey("a", 1, null))).isEqualTo("~k[1:a3:~i12:~n]");
        assertThat(SpringKeys.toLarderKey(List.of("a", "b"))).isEqualTo("~L[1:a1:b]");
        assertThat(SpringKeys.toLarderKey(new SimpleKey(new int[] {1, 2}, "x")))
                .isEqualTo("~k[17:~aint[3:~i13:~i2]1:x]");
        assertThat(SpringKeys.toLarderKey(new Isbn("978", 3)))
                .isEqualTo("~rdev.larder.spring.cache.SpringKeysTest$Isbn(3:9783:~i3)");
    }

    @Test
    void longKeys_andKeysWithSpaces_areHashed_withAReadableHead() {
        // MD5 over UTF-16BE of the encoding; computed independently (Python hashlib).
        assertThat(SpringKeys.toLarderKey("a b")).isEqualTo("~h615eceff017dda7469eb4311d2f2a716a");
        assertThat(SpringKeys.toLarderKey("x".repeat(161)))
                .isEqualTo("~h4473d6209251f789bbc5ec48cc2003ad" + "x".repeat(SpringKeys.HEAD));
        assertThat(SpringKeys.toLarderKey("x".repeat(SpringKeys.MAX_BYTES))).isEqualTo("x".repeat(SpringKeys.MAX_BYTES));
        assertThat(SpringKeys.toLarderKey("a b")).matches("~h[0-9a-f]{32}a");
        assertThat(SpringKeys.toLarderKey("\uD800")).matches("~h[0-9a-f]{32}");
        assertThat(SpringKeys.toLarderKey("\uD800")).isNotEqualTo(SpringKeys.toLarderKey("?"));
    }

    @Test
    void unpairedSurrogates_ofEitherKind_getDifferentHashes() {
        // Encoded as UTF-16BE, both would become "a\uFFFD" and share a key.
        assertThat(SpringKeys.toLarderKey("a\uD800")).isNotEqualTo(SpringKeys.toLarderKey("a\uDC00"));
        assertThat(SpringKeys.toLarderKey("\uDC00\uD800")).isNotEqualTo(SpringKeys.toLarderKey("\uD800\uDC00"));
        assertThat(SpringKeys.toLarderKey("\uD83D\uDE00")).isEqualTo("\uD83D\uDE00");
    }

    @Test
    void anUnknownClass_isRefused_namingItAndWhatToDo() {
        assertThatThrownBy(() -> SpringKeys.toLarderKey(new StringBuilder("x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.StringBuilder").hasMessageContaining("KeyGenerator");
        assertThatThrownBy(() -> SpringKeys.toLarderKey(new SimpleKey(new Object())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("java.lang.Object");
    }

    @Test
    void aListContainingItself_isRefused() {
        List<Object> self = new ArrayList<>();
        self.add(self);
        assertThatThrownBy(() -> SpringKeys.toLarderKey(self)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("levels deep");
    }

    /** Keys that are not equal never share a Larder key; equal keys always do. */
    @Property
    void theMapping_isInjective(@ForAll("keyLists") List<Object> keys) {
        Map<String, Object> seen = new HashMap<>();
        for (Object key : keys) {
            String larder = SpringKeys.toLarderKey(key);
            Object earlier = seen.putIfAbsent(larder, key);
            if (earlier != null) {
                assertThat(Objects.deepEquals(earlier, key)).as("%s and %s both map to %s", earlier, key, larder).isTrue();
            }
            assertThat(SpringKeys.toLarderKey(key)).isEqualTo(larder);
        }
    }

    /**
     * Keys, and with them the adversaries of a type-tagged encoding: strings that are another
     * key's encoding, at the top and nested (so "~i1" meets 1, and SimpleKey("~i1") meets SimpleKey(1)).
     */
    @Provide
    Arbitrary<List<Object>> keyLists() {
        return keys(2).list().ofMinSize(2).ofMaxSize(20).map(keys -> {
            List<Object> all = new ArrayList<>(keys);
            for (Object key : keys) {
                String encoded = SpringKeys.toLarderKey(key);
                all.add(encoded);
                all.add(new SimpleKey(encoded));
                all.add(List.of(encoded, encoded));
            }
            return all;
        });
    }

    private Arbitrary<Object> keys(int depth) {
        Arbitrary<Object> scalar = scalars();
        if (depth == 0) {
            return scalar;
        }
        Arbitrary<Object> inner = keys(depth - 1);
        Arbitrary<Object> simpleKey = inner.list().ofMaxSize(3).map(l -> new SimpleKey(l.toArray()));
        Arbitrary<Object> list = inner.list().ofMaxSize(3).map(l -> (Object) List.copyOf(l));
        Arbitrary<Object> pair = Combinators.combine(inner, inner).as(Pair::new);
        Arbitrary<Object> otherPair = Combinators.combine(inner, inner).as(OtherPair::new);
        Arbitrary<Object> withArray = Arbitraries.integers().between(0, 2).array(int[].class).ofMaxSize(3)
                .map(a -> new SimpleKey(a, "~"));
        return Arbitraries.oneOf(scalar, scalar, scalar, simpleKey, list, pair, otherPair, withArray);
    }

    /** Small alphabets and ranges, so that near-misses (a string that looks like a number's encoding) come up. */
    private Arbitrary<Object> scalars() {
        // High and low surrogates, so that keys hold pairs, lone ones and pairs in the wrong order.
        Arbitrary<Object> strings = Arbitraries.strings().withChars("~:[]()1i0lk3an. \uD800\uDBFF\uDC00\uDFFF")
                .ofMaxLength(6).map(s -> s);
        Arbitrary<Object> ints = Arbitraries.integers().between(-2, 12).map(i -> i);
        Arbitrary<Object> longs = Arbitraries.longs().between(-2, 12).map(l -> l);
        Arbitrary<Object> shorts = Arbitraries.shorts().between((short) 0, (short) 3).map(s -> s);
        Arbitrary<Object> doubles = Arbitraries.of(0.0, -0.0, 1.0, 1.5, Double.NaN).map(d -> d);
        Arbitrary<Object> decimals = Arbitraries.of("1", "1.0", "1.00", "10").map(BigDecimal::new);
        Arbitrary<Object> others = Arbitraries.of(true, false, 'i', '~', Color.RED, Color.GREEN, LocalDate.of(2026, 1, 2),
                UUID.fromString("123e4567-e89b-12d3-a456-426614174000"), SimpleKey.EMPTY);
        return Arbitraries.oneOf(strings, ints, longs, shorts, doubles, decimals, others);
    }
}
