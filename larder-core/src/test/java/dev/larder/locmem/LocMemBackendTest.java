package dev.larder.locmem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.larder.Cache;
import dev.larder.CacheConfig;
import dev.larder.CacheConfigException;
import dev.larder.CacheRegistry;
import dev.larder.CacheValueTooLargeException;
import dev.larder.Timeout;
import dev.larder.support.ReadOnlyBytes;
import dev.larder.testing.FakeClock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What local memory owes beyond the contract: shared stores, copies, the size bound. */
class LocMemBackendTest {
    private final FakeClock clock = new FakeClock();
    private final List<CacheRegistry> registries = new ArrayList<>();
    private final String location = "locmem-test-" + UUID.randomUUID();

    @AfterEach
    void close() {
        registries.forEach(CacheRegistry::close);
    }

    private Cache cache(String location, String... options) {
        CacheConfig.Builder b = CacheConfig.builder().backend("locmem").location(location);
        for (int i = 0; i < options.length; i += 2) {
            b.option(options[i], options[i + 1]);
        }
        CacheRegistry r = CacheRegistry.builder().clock(clock).cache("default", b.build()).build();
        registries.add(r);
        return r.defaultCache();
    }

    @Test
    void sameLocation_sharesTheStore_otherLocationsDoNot() {
        Cache a = cache(location);
        Cache b = cache(location);
        Cache other = cache(location + "-other");
        a.set("k", "v");
        assertThat(b.get("k")).isEqualTo("v");
        assertThat(other.get("k")).isNull();
    }

    @Test
    void copyMode_returnsAFreshCopyOfMutableValues() {
        Cache cache = cache(location);
        byte[] bytes = {1, 2, 3};
        cache.set("bytes", bytes);
        byte[] first = (byte[]) cache.get("bytes");
        first[0] = 99;
        assertThat((byte[]) cache.get("bytes")).containsExactly(1, 2, 3).isNotSameAs(bytes);
    }

    @Test
    void copyMode_keepsImmutableValuesAsTheyAre() {
        Cache cache = cache(location);
        String text = new String("immutable");
        cache.set("s", text);
        assertThat(cache.get("s")).isSameAs(text);
    }

    @Test
    void copyMode_keepsReadOnlyBytesAsTheyAre_soEveryReaderSharesWhatWasDecodedFromThem() {
        Cache cache = cache(location);
        ReadOnlyBytes page = ReadOnlyBytes.wrap(new byte[4096], 0, 4096);
        cache.set("page", page);
        assertThat(cache.get("page")).isSameAs(page);
        Function<ReadOnlyBytes, Object> decoder = b -> new Object();
        assertThat(((ReadOnlyBytes) cache.get("page")).decoded(decoder)).isSameAs(page.decoded(decoder));
    }

    @Test
    void copyMode_readOnlyBytesOverTheValueLimit_areRefusedAsTheirEncodingWouldBe() {
        Cache cache = cache(location, "max-value-size", "100");
        assertThatThrownBy(() -> cache.set("big", ReadOnlyBytes.wrap(new byte[100], 0, 100)))
                .isInstanceOf(CacheValueTooLargeException.class);
        cache.set("small", ReadOnlyBytes.wrap(new byte[99], 0, 99));
        assertThat(cache.hasKey("small")).isTrue();
    }

    @Test
    void byteBound_weighsReadOnlyBytesByTheirLength() {
        Cache cache = cache(location, "max-entries", "300", "max-bytes", "1000000", "store-references", "true");
        for (int i = 0; i < 20; i++) {
            cache.set("big" + i, ReadOnlyBytes.wrap(new byte[100_000], 0, 100_000));
        }
        assertThat(Long.parseLong(cache.inspect().get("bytes"))).isBetween(100_000L, 1_000_000L);
    }

    @Test
    void referenceMode_returnsTheStoredObject() {
        Cache cache = cache(location, "store-references", "true");
        List<String> list = new ArrayList<>(List.of("a"));
        cache.set("list", list);
        assertThat(cache.get("list")).isSameAs(list);
    }

    @Test
    void referenceMode_storesValuesTheSerializerWouldRefuse() {
        Cache cache = cache(location, "store-references", "true");
        Object opaque = new Object();
        cache.set("o", opaque);
        assertThat(cache.get("o")).isSameAs(opaque);
    }

    @Test
    void sizeBound_evictsAndCounts() {
        Cache cache = cache(location, "max-entries", "10");
        for (int i = 0; i < 100; i++) {
            cache.set("k" + i, i, Timeout.NEVER);
        }
        int live = 0;
        for (int i = 0; i < 100; i++) {
            live += cache.hasKey("k" + i) ? 1 : 0;
        }
        assertThat(live).isEqualTo(10);
        assertThat(cache.stats().evictions()).isEqualTo(90);
    }

    @Test
    void frequentlyReadKeys_surviveAFloodOfOneOffKeys() {
        Cache cache = cache(location, "max-entries", "100");
        for (int i = 0; i < 20; i++) {
            cache.set("hot" + i, i, Timeout.NEVER);
        }
        for (int round = 0; round < 5; round++) {
            for (int i = 0; i < 20; i++) {
                cache.get("hot" + i);
            }
        }
        // Traffic goes on: hot keys keep being read while one-off keys stream through.
        for (int i = 0; i < 2_000; i++) {
            cache.set("cold" + i, i, Timeout.NEVER);
            cache.get("hot" + (i % 20));
        }
        for (int i = 0; i < 20; i++) {
            assertThat(cache.hasKey("hot" + i)).as("hot" + i).isTrue();
        }
    }

    @Test
    void closingTheLastCache_releasesTheStore() {
        CacheRegistry r = CacheRegistry.builder().clock(clock)
                .cache("default", CacheConfig.builder().location(location).build()).build();
        r.defaultCache().set("k", "v");
        r.close();
        assertThat(cache(location).get("k")).isNull();
    }

    @Test
    void cullFrequency_isAcceptedButChecked() {
        Cache cache = cache(location, "cull-frequency", "3");
        cache.set("k", "v");
        assertThat(cache.get("k")).isEqualTo("v");
        assertThatThrownBy(() -> cache("locmem-other-" + UUID.randomUUID(), "cull-frequency", "-1"))
                .isInstanceOf(CacheConfigException.class)
                .hasMessageContaining("larder.caches.default.options.cull-frequency='-1'");
    }

    @Test
    void closingACacheTwice_releasesItsShareOfTheStoreOnce() {
        Cache kept = cache(location);
        CacheRegistry other = CacheRegistry.builder().clock(clock)
                .cache("default", CacheConfig.builder().location(location).build()).build();
        kept.set("k", "v");
        other.defaultCache().close();
        other.close();
        assertThat(kept.get("k")).isEqualTo("v");
        assertThat(cache(location).get("k")).as("a new cache on the location sees the same store").isEqualTo("v");
    }

    @Test
    void refusedConfig_leavesNoStoreBehind() {
        CacheConfig bad = CacheConfig.builder().location(location).strictKeys(true).keyPrefix("my app")
                .option("max-entries", "10").build();
        assertThatThrownBy(() -> CacheRegistry.builder().clock(clock).cache("default", bad).build())
                .isInstanceOf(CacheConfigException.class).hasMessageContaining("key-prefix='my app'");
        Cache fixed = cache(location, "max-entries", "20");
        fixed.set("k", "v");
        assertThat(fixed.get("k")).isEqualTo("v");
    }

    @Test
    void sharingALocation_needsTheSameReferenceMode() {
        cache(location, "store-references", "true");
        assertThatThrownBy(() -> cache(location))
                .isInstanceOf(CacheConfigException.class)
                .hasMessageContaining("store-references=false conflicts with store-references=true");
    }

    @Test
    void byteBound_keepsWhatEntriesHoldUnderMaxBytes_whateverTheirCount() {
        Cache cache = cache(location, "max-entries", "300", "max-bytes", "1000000");
        for (int i = 0; i < 20; i++) {
            cache.set("big" + i, new byte[100_000]);
        }
        long bytes = Long.parseLong(cache.inspect().get("bytes"));
        assertThat(bytes).isLessThanOrEqualTo(1_000_000);
        long kept = 0;
        for (int i = 0; i < 20; i++) {
            kept += cache.hasKey("big" + i) ? 1 : 0;
        }
        assertThat(kept).isBetween(1L, 9L);
        assertThat(cache.inspect()).containsEntry("max-bytes", "1000000");
    }

    @Test
    void byteBound_stillLeavesRoomForMaxEntriesSmallValues() {
        Cache cache = cache(location, "max-entries", "50", "max-bytes", "1000000");
        for (int i = 0; i < 50; i++) {
            cache.set("small" + i, "v" + i);
        }
        for (int i = 0; i < 50; i++) {
            assertThat(cache.get("small" + i)).isEqualTo("v" + i);
        }
        cache.set("one more", "v");
        assertThat(Long.parseLong(cache.inspect().get("entries"))).isEqualTo(50);
    }

    @Test
    void byteBound_defaultsToAnEighthOfTheHeap_andRefusesNonsense() {
        Cache cache = cache(location);
        assertThat(Long.parseLong(cache.inspect().get("max-bytes")))
                .isEqualTo(Runtime.getRuntime().maxMemory() / 8);
        assertThatThrownBy(() -> cache(location + "-bad", "max-bytes", "12"))
                .isInstanceOf(CacheConfigException.class).hasMessageContaining("max-bytes");
        cache(location + "-shared", "max-bytes", "100000");
        assertThatThrownBy(() -> cache(location + "-shared", "max-bytes", "200000"))
                .isInstanceOf(CacheConfigException.class).hasMessageContaining("conflicts with max-bytes=100000");
    }
}
