package dev.larder.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.larder.Timeout;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code setIfUnchanged}: a write that happens only while every expected value holds, and with
 * an expired timeout a delete that does; atomic where the backend says so.
 */
abstract class ConditionalSetContract extends ContractGroup {
    private static final int ROUNDS = 20;
    private static final int THREADS = 8;

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
    void conditionalDelete_unchanged_removesTheKey() {
        assumeThat(capabilities().stores()).isTrue();
        cache.set("stamp", 1L);
        cache.set("entry", "doomed");
        assertThat(cache.setIfUnchanged("entry", "ignored", Timeout.ofSeconds(0), Map.of("stamp", 1L))).isTrue();
        assertThat(cache.hasKey("entry")).isFalse();
        assertThat(cache.get("stamp")).as("the expected key is only read").isEqualTo(1L);
    }

    @Test
    void conditionalDelete_changed_keepsTheKey() {
        assumeThat(capabilities().stores()).isTrue();
        cache.set("stamp", 1L);
        cache.set("entry", "kept");
        assertThat(cache.setIfUnchanged("entry", "gone", Timeout.ofSeconds(0), Map.of("stamp", 2L))).isFalse();
        assertThat(cache.get("entry")).isEqualTo("kept");
        assertThat(cache.setIfUnchanged("entry", "gone", Timeout.ofSeconds(-1), Map.of("stamp:missing", 1L)))
                .as("an absent key matches nothing").isFalse();
        assertThat(cache.get("entry")).isEqualTo("kept");
    }

    @Test
    void conditionalDelete_ofAnExpectedKeyItself_removesItOnce() {
        assumeThat(capabilities().stores()).isTrue();
        cache.set("stamp", 1L);
        assertThat(cache.setIfUnchanged("stamp", 0L, Timeout.ofSeconds(0), Map.of("stamp", 1L))).isTrue();
        assertThat(cache.hasKey("stamp")).isFalse();
        assertThat(cache.setIfUnchanged("stamp", 0L, Timeout.ofSeconds(0), Map.of("stamp", 1L))).isFalse();
    }

    /**
     * Threads that read the same stamp race to replace the key (odd threads) or remove it (even
     * ones), each expecting what they read: exactly one may win, and the key ends as it left it.
     */
    @Test
    void conditionalReplaceOrDelete_racingFromOneRead_exactlyOneWins() throws Exception {
        assumeThat(capabilities().atomicConditionalSet()).isTrue();
        for (int round = 0; round < ROUNDS; round++) {
            long read = round;
            cache.set("stamp", read);
            List<Boolean> won = CacheContract.race(THREADS, t -> cache.setIfUnchanged("stamp", 1_000L + t,
                    t % 2 == 0 ? Timeout.ofSeconds(0) : Timeout.DEFAULT, Map.of("stamp", read)));
            assertThat(won).as("round " + round).containsOnlyOnce(true);
            int winner = won.indexOf(true);
            assertThat(cache.get("stamp")).as("round " + round + ", won by thread " + winner)
                    .isEqualTo(winner % 2 == 0 ? null : 1_000L + winner);
        }
    }
}
