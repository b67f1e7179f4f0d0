package dev.larder.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.larder.Cache;
import dev.larder.CacheValueTypeException;
import dev.larder.testkit.CacheContract.Point;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Values of every supported type read back as written; integral numbers come back as
 * {@code Long} and typed reads convert or name both types.
 */
abstract class ValuesContract extends ContractGroup {
    ValuesContract(Fixture fixture) {
        super(fixture);
    }

    @Test
    void values_roundTripByType() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("string", "héllo, wörld");
        values.put("long", 42L);
        values.put("double", 3.25);
        values.put("boolean", true);
        values.put("bytes", new byte[] {1, 2, 3});
        values.put("list", List.of("a", "b"));
        values.put("map", new HashMap<>(Map.of("k", 1L)));
        values.put("date", LocalDate.of(2026, 11, 24));
        values.put("empty", Optional.empty());
        values.put("optional", Optional.of("x"));
        values.forEach((k, v) -> cache.set(k, v));
        values.forEach((k, v) -> assertThat(cache.get(k)).as(k).isEqualTo(v));
    }

    @Test
    void integralNumbers_areReadBackAsLong_andConvertOnTypedGet() {
        cache.set("int", 7);
        assertThat(cache.get("int")).isEqualTo(7L);
        assertThat(cache.get("int", Integer.class)).isEqualTo(7);
        assertThat(cache.get("int", int.class)).isEqualTo(7);
    }

    @Test
    void typedGet_wrongType_throwsNamingTypes() {
        cache.set("key", "text");
        assertThatThrownBy(() -> cache.get("key", Integer.class))
                .isInstanceOf(CacheValueTypeException.class)
                .hasMessageContaining("java.lang.String").hasMessageContaining("java.lang.Integer");
    }

    @Test
    void allowedRecord_roundTrips() {
        Cache records = newCache(b -> b.allowClasses(Point.class.getName()));
        records.set("point", new Point(1, 2));
        assertThat(records.get("point")).isEqualTo(new Point(1, 2));
    }
}
