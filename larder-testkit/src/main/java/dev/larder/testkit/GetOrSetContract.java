package dev.larder.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.larder.CacheValueTypeException;
import dev.larder.Timeout;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * {@code getOrSet}: one load per miss, what a loader that fails, returns null or asks for
 * its own key leaves behind, and typed loads.
 */
abstract class GetOrSetContract extends ContractGroup {
    GetOrSetContract(Fixture fixture) {
        super(fixture);
    }

    @Test
    void getOrSet_miss_callsLoaderOnceAndStores() {
        AtomicInteger calls = new AtomicInteger();
        assertThat((String) cache.getOrSet("key", () -> "v" + calls.incrementAndGet())).isEqualTo("v1");
        assertThat((String) cache.getOrSet("key", () -> "v" + calls.incrementAndGet())).isEqualTo("v1");
        assertThat(calls).hasValue(1);
        assertThat(cache.get("key")).isEqualTo("v1");
    }

    @Test
    void getOrSet_racingWriterWins() {
        Object result = cache.getOrSet("key", () -> {
            cache.set("key", "written meanwhile");
            return "loaded";
        });
        assertThat(result).isEqualTo("written meanwhile");
        assertThat(cache.get("key")).isEqualTo("written meanwhile");
    }

    @Test
    void getOrSet_loaderReturnsNull_storesNothing() {
        assertThat((Object) cache.getOrSet("key", () -> null)).isNull();
        assertThat(cache.hasKey("key")).isFalse();
    }

    @Test
    void getOrSet_loaderThrows_propagatesAndStoresNothing() {
        assertThatThrownBy(() -> cache.getOrSet("key", () -> {
            throw new IllegalStateException("boom");
        })).isInstanceOf(IllegalStateException.class).hasMessage("boom");
        assertThat(cache.hasKey("key")).isFalse();
    }

    @Test
    void getOrSet_typed_convertsIntegralNumbersOnMissAndHit() {
        Integer loaded = cache.getOrSet("n", Integer.class, () -> 42, Timeout.DEFAULT);
        Integer hit = cache.getOrSet("n", Integer.class, () -> 7, Timeout.DEFAULT);
        assertThat(loaded).isEqualTo(42);
        assertThat(hit).isEqualTo(42);
        cache.set("text", "not a number");
        assertThatThrownBy(() -> cache.getOrSet("text", Integer.class, () -> 1, Timeout.DEFAULT))
                .isInstanceOf(CacheValueTypeException.class);
    }

    @Test
    void getOrSet_loaderAskingForItsOwnKey_failsInsteadOfWaitingForever() {
        assertThatThrownBy(() -> cache.getOrSet("self", () -> cache.getOrSet("self", () -> "inner")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("'self'");
        assertThat(cache.hasKey("self")).isFalse();
        assertThat((String) cache.getOrSet("self", () -> "later")).isEqualTo("later");
    }
}
