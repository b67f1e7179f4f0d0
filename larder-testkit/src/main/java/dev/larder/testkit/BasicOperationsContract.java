package dev.larder.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.larder.Cache;
import dev.larder.CacheRegistry;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.Test;

/**
 * get, set, add, delete, hasKey and clear on one key at a time; close; stats.
 */
abstract class BasicOperationsContract extends ContractGroup {
    BasicOperationsContract(Fixture fixture) {
        super(fixture);
    }

    @Test
    void close_endsTheCache_andEveryCallAfterwardsSaysSo() {
        cache.set("k", "v");
        Cache other = cache.version(2);
        cache.clear();
        cache.close();
        cache.close();
        List<ThrowableAssert.ThrowingCallable> calls = List.of(
                () -> cache.get("k"), () -> cache.set("k", "v"), () -> cache.add("k", "v"),
                () -> cache.getOrSet("k", () -> "v"), () -> cache.delete("k"), () -> cache.touch("k"),
                () -> cache.incr("k", 1), () -> cache.hasKey("k"), () -> cache.incrVersion("k"),
                () -> cache.getMany(List.of()), () -> cache.setMany(Map.of()), () -> cache.deleteMany(List.of()),
                cache::clear, () -> other.get("k"));
        for (var call : calls) {
            assertThatThrownBy(call).isInstanceOf(IllegalStateException.class)
                    .hasMessage("cache '" + CacheRegistry.DEFAULT_ALIAS + "' is closed");
        }
        assertThat(cache.stats()).isNotNull();
    }

    @Test
    void get_missingKey_returnsNull() {
        assertThat(cache.get("missing")).isNull();
        assertThat(cache.getOrDefault("missing", "fallback")).isEqualTo("fallback");
    }

    @Test
    void set_thenGet_returnsValue() {
        cache.set("key", "value");
        assertThat(cache.get("key")).isEqualTo("value");
        assertThat(cache.getOrDefault("key", "fallback")).isEqualTo("value");
    }

    @Test
    void set_existingKey_replacesValue() {
        cache.set("key", "one");
        cache.set("key", "two");
        assertThat(cache.get("key")).isEqualTo("two");
    }

    @Test
    void add_absentKey_storesAndReturnsTrue() {
        assertThat(cache.add("key", "value")).isTrue();
        assertThat(cache.get("key")).isEqualTo("value");
    }

    @Test
    void add_existingKey_returnsFalseAndKeepsValue() {
        cache.set("key", "first");
        assertThat(cache.add("key", "second")).isFalse();
        assertThat(cache.get("key")).isEqualTo("first");
    }

    @Test
    void delete_existingKey_returnsTrue() {
        cache.set("key", "value");
        assertThat(cache.delete("key")).isTrue();
        assertThat(cache.get("key")).isNull();
    }

    @Test
    void delete_missingKey_returnsFalse() {
        assertThat(cache.delete("missing")).isFalse();
    }

    @Test
    void hasKey_tellsPresentFromAbsent() {
        cache.set("present", "v");
        assertThat(cache.hasKey("present")).isTrue();
        assertThat(cache.hasKey("absent")).isFalse();
    }

    @Test
    void clear_removesEverything() {
        cache.set("a", "1");
        cache.set("b", "2");
        cache.clear();
        assertThat(cache.get("a")).isNull();
        assertThat(cache.hasKey("b")).isFalse();
    }

    @Test
    void stats_countHitsMissesSetsDeletes() {
        cache.set("a", "1");
        cache.get("a");
        cache.get("nope");
        cache.delete("a");
        assertThat(cache.stats().hits()).isEqualTo(1);
        assertThat(cache.stats().misses()).isEqualTo(1);
        assertThat(cache.stats().sets()).isEqualTo(1);
        assertThat(cache.stats().deletes()).isEqualTo(1);
    }
}
