package dev.larder.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.larder.Timeout;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code setIfUnchanged}: a write that happens only while every expected value holds.
 */
abstract class ConditionalSetContract extends ContractGroup {
    ConditionalSetContract(Fixture fixture) {
        super(fixture);
    }

    @Test
    void setIfUnchanged_storesOnlyWhileEveryExpectedValueHolds() {
        assumeThat(capabilities().stores()).isTrue();
        cache.set("stamp:a", 1L);
        cache.set("stamp:b", "two");
        assertThat(cache.setIfUnchanged("entry", "first", Timeout.DEFAULT, Map.of("stamp:a", 1L, "stamp:b", "two")))
                .isTrue();
        assertThat(cache.get("entry")).isEqualTo("first");
        cache.set("stamp:a", 2L);
        assertThat(cache.setIfUnchanged("entry", "second", Timeout.DEFAULT, Map.of("stamp:a", 1L))).isFalse();
        assertThat(cache.get("entry")).as("kept").isEqualTo("first");
        assertThat(cache.setIfUnchanged("entry", "third", Timeout.DEFAULT, Map.of("stamp:missing", 1L)))
                .as("an absent key matches nothing").isFalse();
        assertThat(cache.setIfUnchanged("entry", "fourth", Timeout.DEFAULT, Map.of("stamp:a", 2L))).isTrue();
        assertThat(cache.get("entry")).isEqualTo("fourth");
    }

    @Test
    void setIfUnchanged_mayWriteAnExpectedKeyItself() {
        assumeThat(capabilities().stores()).isTrue();
        cache.set("stamp", 1L);
        assertThat(cache.setIfUnchanged("stamp", 2L, Timeout.DEFAULT, Map.of("stamp", 1L))).isTrue();
        assertThat(cache.get("stamp")).isEqualTo(2L);
        assertThat(cache.setIfUnchanged("stamp", 3L, Timeout.DEFAULT, Map.of("stamp", 1L))).isFalse();
        assertThat(cache.get("stamp")).isEqualTo(2L);
    }

    @Test
    void setIfUnchanged_expiredTimeout_removesTheKeyOnlyWhileExpectedHolds() {
        assumeThat(capabilities().stores()).isTrue();
        cache.set("stamp", 1L);
        cache.set("entry", "kept");
        assertThat(cache.setIfUnchanged("entry", "gone", Timeout.ofSeconds(0), Map.of("stamp", 2L))).isFalse();
        assertThat(cache.get("entry")).isEqualTo("kept");
        assertThat(cache.setIfUnchanged("entry", "gone", Timeout.ofSeconds(0), Map.of("stamp", 1L))).isTrue();
        assertThat(cache.hasKey("entry")).isFalse();
    }
}
