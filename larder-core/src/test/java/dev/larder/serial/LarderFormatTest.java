package dev.larder.serial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Currency;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** Larder's own value format: what it takes, and that values come back as the class they were. */
class LarderFormatTest {
    private final DefaultSerializer serializer = new DefaultSerializer(AllowList.defaults().and("dev.larder.serial.*"));

    enum Colour { RED, GREEN { @Override public String toString() { return "green"; } } }

    record Line(String name, List<Integer> points, Map<String, Long> totals, Colour colour, Optional<String> note,
                int[] raw) {
    }

    @Test
    void collections_comeBackAsTheClassTheyWere_withNullsAndOrderKept() {
        List<Object> values = List.of(
                new ArrayList<>(Arrays.asList(1, null, "x")), new LinkedList<>(List.of(1L, 2L)), List.of("a", "b"),
                Arrays.asList("p", "q"), Collections.emptyList(), new TreeSet<>(Set.of(3, 1, 2)),
                new LinkedHashMap<>(Map.of("only", 1)), new TreeMap<>(Map.of("b", 2, "a", 1)),
                new ConcurrentHashMap<>(Map.of(UUID.randomUUID(), "u")), new HashMap<>(Map.of(DayOfWeek.MONDAY, 1)));
        for (Object v : values) {
            Object back = serializer.deserialize(serializer.serialize(v));
            assertThat(back).as(v.getClass().getName()).isEqualTo(v);
            if (!v.getClass().getName().startsWith("java.util.ImmutableCollections")
                    && !v.getClass().getName().startsWith("java.util.Collections$")) {
                assertThat(back).as(v.getClass().getName()).hasSameClassAs(v);
            }
        }
        LinkedHashMap<String, Integer> ordered = new LinkedHashMap<>();
        for (int i = 50; i > 0; i--) {
            ordered.put("k" + i, i);
        }
        assertThat(new ArrayList<Object>(((Map<?, ?>) serializer.deserialize(serializer.serialize(ordered))).keySet()))
                .containsExactlyElementsOf(new ArrayList<Object>(ordered.keySet()));
        List<Integer> unmodifiable = Collections.unmodifiableList(new ArrayList<>(List.of(1)));
        Object back = serializer.deserialize(serializer.serialize(unmodifiable));
        assertThatThrownBy(() -> ((List<Integer>) back).add(2)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void scalarsAndJdkValueTypes_roundTrip_asTheirOwnClass() {
        List<Object> values = List.of(7, (short) 3, (byte) -2, 'z', 1.25, -0.5f, true, new BigInteger("-123456789012345678901234567890"),
                new BigDecimal("-1.2300"), UUID.randomUUID(), LocalDate.of(2026, 12, 7), Duration.ofMillis(1500),
                Period.ofWeeks(2), OffsetDateTime.parse("2026-12-07T03:00:00+01:00"), ZoneId.of("Europe/Paris"),
                ZoneId.of("+02:00"), URI.create("https://example.com/a?b=c"), new Date(1_700_000_000_123L),
                Locale.forLanguageTag("pt-BR"), Currency.getInstance("EUR"), Colour.GREEN, "ünï©ødé 🎉");
        for (Object v : values) {
            Object back = serializer.deserialize(serializer.serialize(v));
            assertThat(back).as(v.getClass().getName()).isEqualTo(v);
        }
    }

    @Test
    void records_andArrays_roundTrip() {
        Line line = new Line("l", List.of(1, 2), new TreeMap<>(Map.of("t", 9L)), Colour.RED, Optional.of("n"),
                new int[] {1, -1, Integer.MAX_VALUE});
        Line back = (Line) serializer.deserialize(serializer.serialize(line));
        assertThat(back.name()).isEqualTo("l");
        assertThat(back.points()).containsExactly(1, 2);
        assertThat(back.totals()).isEqualTo(Map.of("t", 9L));
        assertThat(back.colour()).isEqualTo(Colour.RED);
        assertThat(back.note()).contains("n");
        assertThat(back.raw()).containsExactly(1, -1, Integer.MAX_VALUE);
        assertThat((String[]) serializer.deserialize(serializer.serialize(new String[] {"a", null})))
                .containsExactly("a", null);
        assertThat((double[]) serializer.deserialize(serializer.serialize(new double[] {0.5, -2})))
                .containsExactly(0.5, -2);
        assertThat((boolean[]) serializer.deserialize(serializer.serialize(new boolean[] {true, false})))
                .containsExactly(true, false);
        assertThat((char[]) serializer.deserialize(serializer.serialize(new char[] {'a', '\uffff'})))
                .containsExactly('a', '\uffff');
    }

    @Test
    void nullMembers_stringsWithUnpairedSurrogates_andLocalesATagCannotSpell_roundTrip() {
        Set<String> withNull = new java.util.HashSet<>(Arrays.asList("a", null));
        assertThat(serializer.deserialize(serializer.serialize(withNull))).isEqualTo(withNull);
        Map<String, Integer> halves = new HashMap<>(Map.of("a\uD800", 1, "a\uDC00", 2, "a?", 3));
        assertThat(serializer.deserialize(serializer.serialize(halves))).isEqualTo(halves);
        assertThat(serializer.deserialize(serializer.serialize("\uDBFF"))).isEqualTo("\uDBFF");
        Locale nynorsk = new Locale("no", "NO", "NY");
        assertThat(serializer.deserialize(serializer.serialize(nynorsk))).isEqualTo(nynorsk);
        assertThatThrownBy(() -> new DefaultSerializer().serialize(nynorsk))
                .isInstanceOf(dev.larder.SerializationException.class).hasMessageContaining("allow-classes");
    }

    @Test
    void largeMembers_takeLongerLengthPrefixes() {
        String big = "x".repeat(100_000);
        List<String> list = new ArrayList<>(List.of("a", big, "b"));
        assertThat(serializer.deserialize(serializer.serialize(list))).isEqualTo(list);
    }

    @Test
    void commonValues_takeFewerBytesThanJavaSerialisation() throws Exception {
        Map<String, Object> value = new HashMap<>(Map.of("id", 42L, "name", "Alice", "tags", List.of("a", "b")));
        java.io.ByteArrayOutputStream java = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(java)) {
            out.writeObject(value);
        }
        assertThat(serializer.serialize(value).length).isLessThan(java.size() / 4);
    }
}
