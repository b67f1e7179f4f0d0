package dev.larder.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.larder.Cache;
import dev.larder.CacheConfigException;
import dev.larder.CacheValueTooLargeException;
import dev.larder.Timeout;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@code options.max-value-size}, set to 1 KiB here so that every backend is tested without
 * megabytes of data; each backend's own tests cover its default.
 */
abstract class ValueSizeContract extends ContractGroup {
    ValueSizeContract(Fixture fixture) {
        super(fixture);
    }

    /** Serialised as a one-byte tag and the bytes: {@code n + 1} bytes stored. */
    private byte[] bytesStoredAs(int n) {
        byte[] b = new byte[n - 1];
        new Random(n).nextBytes(b);
        return b;
    }

    private Cache small() {
        return newCache(b -> b.option("max-value-size", "1k"));
    }

    @Test
    void set_overTheLimit_throwsNamingKeySizeAndLimit_andRemovesTheOldValue() {
        Cache small = small();
        small.set("big", "old");
        if (!serializesValues()) {
            // Kept as they are, values are never measured.
            small.set("big", bytesStoredAs(1025));
            assertThat(small.get("big")).isNotNull();
            return;
        }
        assertThatThrownBy(() -> small.set("big", bytesStoredAs(1025)))
                .isInstanceOf(CacheValueTooLargeException.class)
                .hasMessageContaining("':1:big'").hasMessageContaining("1025 bytes")
                .hasMessageContaining("limit of 1024 bytes").hasMessageContaining("options.max-value-size")
                .satisfies(e -> assertThat(((CacheValueTooLargeException) e).limit()).isEqualTo(1024));
        assertThat(small.get("big")).as("no stale value outlives the refused write").isNull();
        assertThatThrownBy(() -> small.set("text", "x".repeat(1024))).isInstanceOf(CacheValueTooLargeException.class);
        assertThat(small.hasKey("text")).isFalse();
    }

    @Test
    void valueAtTheLimit_isStoredAndReadBack() {
        Cache small = small();
        byte[] exactly = bytesStoredAs(1024);
        small.set("edge", exactly);
        assertThat((byte[]) small.get("edge")).isEqualTo(exactly);
        assertThat(small.getMany(List.of("edge"))).containsOnlyKeys("edge");
        assertThat(small.stats().errors()).isZero();
    }

    @Test
    void add_getOrSet_andSetIfUnchanged_overTheLimit_throwAndStoreNothing() {
        Cache small = small();
        if (!serializesValues()) {
            assertThat(small.add("added", bytesStoredAs(2000))).as("kept as it is, never measured").isTrue();
            return;
        }
        assertThatThrownBy(() -> small.add("added", bytesStoredAs(2000))).isInstanceOf(CacheValueTooLargeException.class);
        assertThat(small.hasKey("added")).isFalse();
        assertThatThrownBy(() -> small.getOrSet("loaded", () -> bytesStoredAs(2000), Timeout.DEFAULT))
                .isInstanceOf(CacheValueTooLargeException.class);
        assertThat(small.hasKey("loaded")).isFalse();
        small.set("stamp", 1L);
        small.set("entry", "old");
        assertThatThrownBy(() -> small.setIfUnchanged("entry", bytesStoredAs(2000), Timeout.DEFAULT,
                Map.of("stamp", 1L))).isInstanceOf(CacheValueTooLargeException.class);
        assertThat(small.get("entry")).as("a conditional write changes nothing when refused").isEqualTo("old");
    }

    @Test
    void setMany_overTheLimit_returnsThoseKeys_storesTheRest_andRemovesTheirOldValues() {
        Cache small = small();
        small.set("big", "old");
        Map<String, Object> entries = new LinkedHashMap<>();
        entries.put("a", "fits");
        entries.put("big", bytesStoredAs(3000));
        entries.put("b", 7);
        if (!serializesValues()) {
            assertThat(small.setMany(entries)).as("kept as they are, never measured").isEmpty();
            return;
        }
        assertThat(small.setMany(entries)).containsExactly("big");
        assertThat(small.getMany(List.of("a", "big", "b"))).isEqualTo(Map.of("a", "fits", "b", 7L));
        assertThat(small.stats().errors()).isEqualTo(1);
        assertThat(small.setMany(Map.of("only", bytesStoredAs(3000)))).containsExactly("only");
    }

    @Test
    void storedValueOverTheLimit_isAMiss_loggedAndCounted() {
        Cache large = newCache(b -> b.option("max-value-size", "64k"));
        byte[] random = bytesStoredAs(3000);
        large.set("random", random);
        large.set("zeros", new byte[40_000]);
        large.set("small", "fine");
        Cache small = small();
        if (!serializesValues()) {
            assertThat(small.get("random")).as("kept as it is, never measured").isSameAs(random);
            return;
        }
        assertThat(small.get("random")).isNull();
        assertThat(small.get("zeros")).as("however well it compresses").isNull();
        assertThat(small.getMany(List.of("random", "zeros", "small"))).isEqualTo(Map.of("small", "fine"));
        assertThat(small.stats().errors()).isEqualTo(4);
        assertThat((byte[]) large.get("random")).as("a cache with a higher limit reads it").isEqualTo(random);
    }

    @Test
    void maxValueSize_acceptsBytesAndBinaryUnits() {
        if (!serializesValues()) {
            assertThat(newCache(b -> b.option("max-value-size", "2K")).get("k")).as("accepted, never applied").isNull();
            return;
        }
        assertThatThrownBy(() -> newCache(b -> b.option("max-value-size", "1023"))
                .set("k", bytesStoredAs(1024))).hasMessageContaining("limit of 1023 bytes");
        assertThatThrownBy(() -> newCache(b -> b.option("max-value-size", "2K"))
                .set("k", bytesStoredAs(2049))).hasMessageContaining("limit of 2048 bytes");
    }

    @Test
    void maxValueSize_thatIsNoSize_isAConfigError() {
        for (String bad : List.of("16MB", "1.5m", "-1", "0", "2g", "lots")) {
            assertThatThrownBy(() -> newCache(b -> b.option("max-value-size", bad)))
                    .isInstanceOf(CacheConfigException.class)
                    .hasMessageContaining("larder.caches.default.options.max-value-size='" + bad + "'");
        }
    }
}
