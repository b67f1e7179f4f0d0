package dev.larder.dummy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.larder.Cache;
import dev.larder.CacheConfig;
import dev.larder.CacheKeyNotFoundException;
import dev.larder.CacheRegistry;
import dev.larder.InvalidCacheKeyException;
import dev.larder.SerializationException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The dummy backend's suite: the contract's opposite expectations (spec §4.6). */
class DummyCacheTest {
    private final CacheRegistry registry = CacheRegistry.builder()
            .cache("default", CacheConfig.builder().backend("dummy").strictKeys(true).build()).build();
    private final Cache cache = registry.defaultCache();

    /** A value the default serializer refuses: not serialisable at all. */
    private static final class Opaque {
    }

    @AfterEach
    void close() {
        registry.close();
    }

    @Test
    void keys_listNothing_asEveryReadMisses() {
        cache.set("k", "v");
        assertThat(cache.capabilities().listsKeys()).isTrue();
        assertThat(cache.keys().hasNext()).isFalse();
    }

    @Test
    void reads_alwaysMiss() {
        cache.set("k", "v");
        assertThat(cache.get("k")).isNull();
        assertThat(cache.getOrDefault("k", "d")).isEqualTo("d");
        assertThat(cache.hasKey("k")).isFalse();
        assertThat(cache.getMany(List.of("k"))).isEmpty();
    }

    @Test
    void writes_reportSuccessAndKeepNothing() {
        assertThat(cache.add("k", "v")).isTrue();
        assertThat(cache.add("k", "v")).isTrue();
        assertThat(cache.setMany(Map.of("a", "1"))).isEmpty();
        assertThat(cache.delete("k")).isFalse();
        assertThat(cache.touch("k")).isFalse();
        cache.deleteMany(List.of("a"));
        cache.clear();
    }

    @Test
    void counters_findNoKey() {
        cache.set("n", 1);
        assertThatThrownBy(() -> cache.incr("n")).isInstanceOf(CacheKeyNotFoundException.class);
        assertThatThrownBy(() -> cache.decr("n")).isInstanceOf(CacheKeyNotFoundException.class);
        assertThatThrownBy(() -> cache.incrVersion("n")).isInstanceOf(CacheKeyNotFoundException.class);
        assertThatThrownBy(() -> cache.decrVersion("n")).isInstanceOf(CacheKeyNotFoundException.class);
    }

    @Test
    void getOrSet_returnsTheLoadedValueEveryTime() {
        AtomicInteger calls = new AtomicInteger();
        // Normalised to Long as on every other backend, so code tried against the dummy casts alike.
        Object first = cache.getOrSet("k", calls::incrementAndGet);
        Object second = cache.getOrSet("k", calls::incrementAndGet);
        assertThat(first).isEqualTo(1L);
        assertThat(second).isEqualTo(2L);
    }

    @Test
    void badKeysAndValues_stillFail() {
        assertThatThrownBy(() -> cache.get("a b")).isInstanceOf(InvalidCacheKeyException.class);
        assertThatThrownBy(() -> cache.set("k", new Opaque())).isInstanceOf(SerializationException.class);
        assertThatThrownBy(() -> cache.set("k", null)).isInstanceOf(NullPointerException.class);
    }
}
