package dev.larder.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.larder.Cache;
import dev.larder.CacheValueTypeException;
import dev.larder.InvalidCacheKeyException;
import dev.larder.SerializationException;
import dev.larder.support.Keys;
import dev.larder.testkit.CacheContract.Opaque;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/**
 * Null and malformed keys, null values and timeouts, and the state failed writes leave.
 */
abstract class BadInputContract extends ContractGroup {
    BadInputContract(Fixture fixture) {
        super(fixture);
    }

    @Test
    void nullKeys_areRefusedEverywhere() {
        List<Callable<Object>> calls = List.of(
                () -> cache.get(null), () -> { cache.set(null, "v"); return null; }, () -> cache.add(null, "v"),
                () -> cache.delete(null), () -> cache.incr(null), () -> cache.touch(null), () -> cache.hasKey(null),
                () -> cache.getMany(Collections.singletonList(null)));
        for (Callable<Object> call : calls) {
            assertThatThrownBy(call::call).isInstanceOf(InvalidCacheKeyException.class);
        }
    }

    @Test
    void emptyKey_isAKeyLikeAnyOther() {
        // Django 3.2 on locmem, file, db and memcached (the stored key is ':1:'): set('', 1),
        // get('') -> 1, add('', 2) -> False, incr('') -> 2, has_key('') -> True,
        // touch('') -> True, get_many(['']) -> {'': 2}, delete('') -> True, get('') -> None.
        assumeThat(capabilities().stores()).as("the backend keeps entries").isTrue();
        cache.set("", 1);
        assertThat(cache.get("")).isEqualTo(1L);
        assertThat(cache.add("", 2)).isFalse();
        assertThat(cache.incr("")).isEqualTo(2);
        assertThat(cache.hasKey("")).isTrue();
        assertThat(cache.touch("")).isTrue();
        assertThat(cache.getMany(List.of(""))).containsExactly(Map.entry("", 2L));
        assertThat(cache.delete("")).isTrue();
        assertThat(cache.get("")).isNull();
    }

    @Test
    void keysWithAnUnpairedSurrogate_areRefusedEverywhere_andNeverMeetTheirLookAlike() {
        cache.set("user:?", "question mark");
        for (String bad : List.of("user:\uD800", "user:\uDBFF", "\uDC00", "user:\uD83D")) {
            List<Callable<Object>> calls = List.of(
                    () -> cache.get(bad), () -> { cache.set(bad, "v"); return null; }, () -> cache.add(bad, "v"),
                    () -> cache.delete(bad), () -> cache.getMany(List.of("user:?", bad)),
                    () -> cache.setMany(Map.of(bad, "v")), () -> cache.getOrSet(bad, () -> "v"),
                    () -> cache.hasKey(bad), () -> cache.incr(bad));
            for (Callable<Object> call : calls) {
                assertThatThrownBy(call::call).as(Keys.printable(bad)).isInstanceOf(InvalidCacheKeyException.class)
                        .hasMessageContaining("unpaired surrogate").hasMessageContaining("at index")
                        .hasMessageContaining("\\u");
            }
        }
        assertThat(cache.get("user:?")).as("its own entry, untouched").isEqualTo("question mark");
        assertThat(cache.getMany(List.of("user:?"))).containsExactly(Map.entry("user:?", "question mark"));
    }

    @Test
    void keysWithAnUnpairedSurrogate_areRefusedEvenWhenNotStrict_andFromACustomKeyFunction() {
        Cache lenient = newCache(b -> b.strictKeys(false).keyPrefix("custom")
                .keyFunction((key, prefix, version) -> prefix + ":" + key + "\uD800"));
        assertThatThrownBy(() -> lenient.set("fine", "v")).isInstanceOf(InvalidCacheKeyException.class)
                .hasMessageContaining("at index 11");
    }

    @Test
    void emojiKeys_surrogatePairs_roundTrip() {
        Cache strict = newCache(b -> b.strictKeys(true));
        strict.set("user:\uD83D\uDE00", "grinning");
        strict.set("user:\uD83D\uDE01", "beaming");
        assertThat(strict.get("user:\uD83D\uDE00")).isEqualTo("grinning");
        assertThat(strict.get("user:\uD83D\uDE01")).isEqualTo("beaming");
        assertThat(strict.get("user:?")).isNull();
    }

    @Test
    void nullValue_isRefusedWithAHint() {
        assertThatThrownBy(() -> cache.set("key", null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("Optional.empty()");
        assertThatThrownBy(() -> cache.setMany(Collections.singletonMap("key", null)))
                .isInstanceOf(NullPointerException.class);
        assertThat(cache.hasKey("key")).isFalse();
    }

    @Test
    void nullTimeout_isRefused() {
        assertThatThrownBy(() -> cache.set("key", "v", null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void failedWrites_leaveTheCacheConsistent() {
        cache.set("n", 5);
        if (serializesValues()) {
            assertThatThrownBy(() -> cache.set("n", new Opaque())).isInstanceOf(SerializationException.class);
        }
        assertThatThrownBy(() -> cache.incr("n", Long.MAX_VALUE)).isInstanceOf(CacheValueTypeException.class);
        assertThat(cache.incr("n")).isEqualTo(6);
        assertThat(cache.getMany(Set.of("n"))).containsEntry("n", 6L);
    }
}
