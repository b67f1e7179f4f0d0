package dev.larder.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.larder.Cache;
import dev.larder.Timeout;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@code max-entries} and {@code cull-frequency}, for backends that cull or are bounded.
 */
abstract class CullingContract extends ContractGroup {
    CullingContract(Fixture fixture) {
        super(fixture);
    }

    @Test
    void cullFrequency3_leavesDjangosCount() {
        assumeThat(capabilities().culls()).as("backend culls by cull-frequency").isTrue();
        Cache small = newCache("culling-" + UUID.randomUUID(), b -> b.option("max-entries", "30").option("cull-frequency", "3"));
        for (int i = 1; i < 50; i++) {
            small.set("key" + i, i, Timeout.NEVER);
        }
        assertThat(liveCount(small, 49)).isEqualTo(expectedSurvivors(30, 3));
    }

    @Test
    void cullFrequency0_clearsWhenFull() {
        assumeThat(capabilities().culls()).as("backend culls by cull-frequency").isTrue();
        Cache small = newCache("culling-" + UUID.randomUUID(), b -> b.option("max-entries", "30").option("cull-frequency", "0"));
        for (int i = 1; i < 50; i++) {
            small.set("key" + i, i, Timeout.NEVER);
        }
        assertThat(liveCount(small, 49)).isEqualTo(expectedSurvivors(30, 0));
    }

    @Test
    void maxEntries_boundsTheStore() {
        assumeThat(capabilities().bounded()).as("backend honours max-entries").isTrue();
        Cache small = newCache("culling-" + UUID.randomUUID(), b -> b.option("max-entries", "50"));
        for (int i = 0; i < 500; i++) {
            small.set("key" + i, i, Timeout.NEVER);
        }
        assertThat(liveCount(small, 500)).isBetween(1, 50);
    }

    private int liveCount(Cache c, int upTo) {
        int live = 0;
        for (int i = 0; i <= upTo; i++) {
            if (c.hasKey("key" + i)) {
                live++;
            }
        }
        return live;
    }
}
