package dev.larder.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.larder.SerializationException;
import dev.larder.Timeout;
import dev.larder.testkit.CacheContract.Opaque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The many-key calls: {@code getMany}, {@code setMany}, {@code deleteMany}.
 */
abstract class BulkContract extends ContractGroup {
    BulkContract(Fixture fixture) {
        super(fixture);
    }

    @Test
    void getMany_returnsOnlyPresentKeys() {
        cache.set("a", "1");
        cache.set("b", "2");
        assertThat(cache.getMany(List.of("a", "b", "c"))).containsExactlyInAnyOrderEntriesOf(
                Map.of("a", "1", "b", "2"));
    }

    @Test
    void getMany_leavesOutExpiredKeys() {
        requireCacheClock();
        cache.set("a", "1");
        cache.set("gone", "3", Timeout.ofSeconds(1));
        clock.advanceSeconds(1);
        assertThat(cache.getMany(List.of("a", "gone"))).containsExactlyInAnyOrderEntriesOf(Map.of("a", "1"));
    }

    @Test
    void getMany_manyKeysAndDuplicates() {
        Map<String, Object> entries = new LinkedHashMap<>();
        for (int i = 0; i < 300; i++) {
            entries.put("bulk:" + i, "value " + i);
        }
        assertThat(cache.setMany(entries)).isEmpty();
        List<String> wanted = new ArrayList<>(entries.keySet());
        wanted.add("bulk:0");
        wanted.add("bulk:missing");
        assertThat(cache.getMany(wanted)).isEqualTo(entries);
    }

    @Test
    void getMany_noKeys_returnsEmptyMap() {
        assertThat(cache.getMany(List.of())).isEmpty();
    }

    @Test
    void setMany_storesAllAndReportsNoFailures() {
        assertThat(cache.setMany(Map.of("a", "1", "b", 2L))).isEmpty();
        assertThat(cache.get("a")).isEqualTo("1");
        assertThat(cache.get("b")).isEqualTo(2L);
    }

    @Test
    void setMany_emptyMap_returnsEmptyList() {
        assertThat(cache.setMany(Map.of())).isEmpty();
    }

    @Test
    void setMany_withTimeout_expiresAll() {
        requireCacheClock();
        cache.setMany(Map.of("a", "1", "b", "2"), Timeout.ofSeconds(3));
        clock.advanceSeconds(3);
        assertThat(cache.getMany(List.of("a", "b"))).isEmpty();
    }

    @Test
    void deleteMany_removesGivenKeysOnly() {
        cache.setMany(Map.of("a", "1", "b", "2", "c", "3"));
        cache.deleteMany(List.of("a", "c", "missing"));
        assertThat(cache.getMany(List.of("a", "b", "c"))).containsOnlyKeys("b");
    }

    @Test
    void deleteMany_empty_isNoOp() {
        cache.set("a", "1");
        cache.deleteMany(List.of());
        assertThat(cache.get("a")).isEqualTo("1");
    }

    @Test
    void setMany_unserialisableValue_throwsAndStoresNothing() {
        assumeThat(serializesValues()).as("cache serialises values").isTrue();
        Map<String, Object> entries = new LinkedHashMap<>();
        entries.put("good", List.of("fine"));
        entries.put("bad", new Opaque());
        assertThatThrownBy(() -> cache.setMany(entries)).isInstanceOf(SerializationException.class)
                .hasMessageContaining("bad");
        assertThat(cache.hasKey("good")).isFalse();
    }
}
