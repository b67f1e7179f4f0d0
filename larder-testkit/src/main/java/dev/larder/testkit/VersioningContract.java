package dev.larder.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.larder.Cache;
import dev.larder.CacheKeyNotFoundException;
import dev.larder.CacheValueTypeException;
import org.junit.jupiter.api.Test;

/**
 * Key versions: separate keys per version, the configured default, {@code incrVersion}
 * and {@code decrVersion}.
 */
abstract class VersioningContract extends ContractGroup {
    VersioningContract(Fixture fixture) {
        super(fixture);
    }

    @Test
    void versions_areSeparateKeys() {
        cache.set("key", "v1");
        cache.version(2).set("key", "v2");
        assertThat(cache.get("key")).isEqualTo("v1");
        assertThat(cache.version(2).get("key")).isEqualTo("v2");
        assertThat(cache.version(3).get("key")).isNull();
    }

    @Test
    void configuredVersion_isTheDefault() {
        Cache v5 = newCache(b -> b.version(5));
        v5.set("key", "value");
        assertThat(v5.version()).isEqualTo(5);
        assertThat(cache.version(5).get("key")).isEqualTo("value");
        assertThat(cache.get("key")).isNull();
    }

    @Test
    void incrVersion_movesTheValue() {
        cache.set("key", "value");
        assertThat(cache.incrVersion("key")).isEqualTo(2);
        assertThat(cache.get("key")).isNull();
        assertThat(cache.version(2).get("key")).isEqualTo("value");
        assertThat(cache.version(2).decrVersion("key")).isEqualTo(1);
        assertThat(cache.get("key")).isEqualTo("value");
    }

    @Test
    void incrVersion_byZero_keepsTheValueWhereItIs() {
        cache.set("key", "value");
        assertThat(cache.incrVersion("key", 0)).isEqualTo(1);
        assertThat(cache.get("key")).isEqualTo("value");
        assertThatThrownBy(() -> cache.incrVersion("missing", 0)).isInstanceOf(CacheKeyNotFoundException.class);
    }

    @Test
    void versionArithmetic_thatOverflows_throwsAndMovesNothing() {
        cache.set("key", "value");
        assertThatThrownBy(() -> cache.decrVersion("key", Integer.MIN_VALUE))
                .isInstanceOf(CacheValueTypeException.class).hasMessageContaining("overflows");
        assertThatThrownBy(() -> cache.incrVersion("key", Integer.MAX_VALUE))
                .isInstanceOf(CacheValueTypeException.class);
        assertThat(cache.get("key")).isEqualTo("value");
    }

    @Test
    void incrVersion_missingKey_throws() {
        assertThatThrownBy(() -> cache.incrVersion("missing"))
                .isInstanceOf(CacheKeyNotFoundException.class).hasMessageContaining("missing");
    }
}
