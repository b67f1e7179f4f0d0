package dev.larder.memcached;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.larder.Cache;
import dev.larder.CacheBackendException;
import dev.larder.CacheConfig;
import dev.larder.CacheRegistry;
import dev.larder.CacheValueTooLargeException;
import dev.larder.CacheValueTypeException;
import dev.larder.InvalidCacheKeyException;
import dev.larder.Timeout;
import dev.larder.testkit.servers.LarderServers;
import dev.larder.testkit.servers.MemcachedServers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What the memcached backend owes beyond the contract: server expiries, item size, unsigned counters, keys. */
@ExtendWith(LarderServers.class)
class MemcachedBackendTest {
    private final MemcachedServers servers;
    private final List<CacheRegistry> registries = new ArrayList<>();
    private final String prefix = "t" + UUID.randomUUID().toString().substring(0, 8);

    MemcachedBackendTest(MemcachedServers servers) {
        this.servers = servers;
    }

    @AfterEach
    void close() {
        registries.forEach(CacheRegistry::close);
    }

    private Cache cache(UnaryOperator<CacheConfig.Builder> settings) {
        CacheRegistry r = CacheRegistry.builder().cache("default",
                settings.apply(CacheConfig.builder().backend("memcached").location(servers.location()).keyPrefix(prefix))
                        .build()).build();
        registries.add(r);
        return r.defaultCache();
    }

    private Cache cache() {
        return cache(b -> b);
    }

    /** The remaining time to live the server reports, from whichever server holds the key; null if none does. */
    private Long ttl(String key) {
        for (int i = 0; i < servers.size(); i++) {
            String reply = servers.command(i, "mg " + prefix + ":1:" + key + " t");
            if (reply.startsWith("HD")) {
                return Long.parseLong(reply.substring(reply.indexOf(" t") + 2).trim());
            }
        }
        return null;
    }

    /**
     * A serializer that runs a hook when it writes the value "trigger": Memcached's
     * {@code setIfUnchanged} encodes between its two checks, so the hook runs inside that window.
     */
    private static final class Trigger implements dev.larder.spi.Serializer {
        private final dev.larder.spi.Serializer real = new dev.larder.serial.DefaultSerializer();
        private final Runnable hook;

        Trigger(Runnable hook) {
            this.hook = hook;
        }

        @Override
        public byte[] serialize(Object value) {
            if ("trigger".equals(value)) {
                hook.run();
            }
            return real.serialize(value);
        }

        @Override
        public Object deserialize(byte[] bytes) {
            return real.deserialize(bytes);
        }
    }

    @Test
    void setIfUnchanged_anExpectedKeyMovedDuringTheWrite_takesTheWriteBack() {
        Cache writer = cache();
        Cache filler = cache(b -> b.serializer(new Trigger(() -> writer.set("stamp", 2L))));
        filler.set("stamp", 1L);
        filler.set("entry", "old");

        assertThat(filler.setIfUnchanged("entry", "trigger", Timeout.DEFAULT, Map.of("stamp", 1L))).isFalse();
        assertThat(filler.get("entry")).as("taken back, not left over the old value").isNull();
        assertThat(filler.get("stamp")).isEqualTo(2L);

        assertThat(filler.setIfUnchanged("entry", "plain", Timeout.DEFAULT, Map.of("stamp", 2L))).isTrue();
        assertThat(filler.get("entry")).isEqualTo("plain");
    }

    /** A removal cannot be taken back: a conditional delete reports what it did, not the later move. */
    @Test
    void conditionalDelete_anExpectedKeyMovedAfterTheCheck_stillRemovesAndSaysSo() {
        Cache writer = cache();
        Cache filler = cache(b -> b.serializer(new Trigger(() -> writer.set("stamp", 2L))));
        filler.set("stamp", 1L);
        filler.set("entry", "old");
        assertThat(filler.setIfUnchanged("entry", "trigger", Timeout.ofSeconds(0), Map.of("stamp", 1L))).isTrue();
        assertThat(filler.hasKey("entry")).isFalse();
        assertThat(filler.get("stamp")).isEqualTo(2L);
    }

    @Test
    void setIfUnchanged_anExpectedKeyRewrittenWithTheSameValue_stillCountsAsMoved() {
        Cache writer = cache();
        Cache filler = cache(b -> b.serializer(new Trigger(() -> writer.set("stamp", 1L))));
        filler.set("stamp", 1L);
        assertThat(filler.setIfUnchanged("entry", "trigger", Timeout.DEFAULT, Map.of("stamp", 1L)))
                .as("the CAS token moved, though the value is equal").isFalse();
        assertThat(filler.hasKey("entry")).isFalse();
    }

    @Test
    void setIfUnchanged_ofAnExpectedKey_writtenMeanwhile_keepsTheOtherWrite() {
        Cache writer = cache();
        Cache filler = cache(b -> b.serializer(new Trigger(() -> writer.set("stamp", "bumped"))));
        filler.set("stamp", "one");
        assertThat(filler.setIfUnchanged("stamp", "trigger", Timeout.DEFAULT, Map.of("stamp", "one")))
                .as("compare-and-set refused: the stamp moved after the check").isFalse();
        assertThat(filler.get("stamp")).isEqualTo("bumped");
    }

    @Test
    void setIfUnchanged_isNotClaimedAtomic() {
        assertThat(cache().capabilities().atomicConditionalSet())
                .as("the written key and the expected keys may live on different servers").isFalse();
    }

    @Test
    void timeouts_becomeServerExpiries_withTheThirtyDayRule() {
        Cache cache = cache();
        cache.set("ten", "v", Timeout.ofSeconds(10));
        cache.set("never", "v", Timeout.NEVER);
        cache.set("halfsecond", "v", Timeout.ofMillis(500));
        cache.set("sixty-days", "v", Timeout.of(Duration.ofDays(60)));
        cache.set("forever-ish", "v", Timeout.of(Duration.ofDays(365L * 100)));
        assertThat(ttl("ten")).as("whole seconds, plus one for the server's coarse clock").isBetween(10L, 11L);
        assertThat(ttl("never")).isEqualTo(-1);
        assertThat(ttl("halfsecond")).isBetween(1L, 2L);
        assertThat(ttl("sixty-days")).as("sent as a Unix time, read back as seconds left")
                .isBetween(Duration.ofDays(60).toSeconds() - 5, Duration.ofDays(60).toSeconds() + 1);
        assertThat(ttl("forever-ish")).as("past 2038: never").isEqualTo(-1);
    }

    @Test
    void touchAndIncr_handleExpiryOnTheServer() {
        Cache cache = cache();
        cache.set("n", 1, Timeout.ofSeconds(100));
        assertThat(cache.incr("n")).isEqualTo(2);
        assertThat(ttl("n")).as("incr keeps the expiry").isBetween(99L, 101L);
        assertThat(cache.touch("n", Timeout.NEVER)).isTrue();
        assertThat(ttl("n")).isEqualTo(-1);
        assertThat(cache.touch("n", Timeout.ofSeconds(30))).isTrue();
        assertThat(ttl("n")).isBetween(30L, 31L);
        assertThat(cache.touch("n", Timeout.ZERO)).isTrue();
        assertThat(ttl("n")).isNull();
    }

    @Test
    void valueOverTheItemSize_failsClearly_andRemovesTheOldValue() {
        Cache cache = cache();
        cache.set("big", "small old value");
        byte[] twoMiB = new byte[2 * 1024 * 1024];
        assertThatThrownBy(() -> cache.set("big", twoMiB)).isInstanceOf(CacheValueTooLargeException.class)
                .hasMessageContaining("limit of 1048064 bytes");
        assertThat(cache.get("big")).as("no stale survivor").isNull();

        cache.set("edge", "old");
        byte[] justUnder = new byte[1024 * 1024 - 20];
        assertThatThrownBy(() -> cache.set("edge", justUnder)).as("refused before the server would, item overhead included")
                .isInstanceOf(CacheValueTooLargeException.class);
        assertThat(cache.get("edge")).isNull();
        assertThat(cache.stats().errors()).isEqualTo(2);
    }

    /** The default limit leaves room for the longest key and the item's header: the server takes every value under it. */
    @Test
    void valueAtTheDefaultLimit_withTheLongestKey_isStored() {
        Cache cache = cache();
        String longest = "k".repeat(250 - (prefix + ":1:").length());
        byte[] atTheLimit = new byte[1024 * 1024 - 512 - 1];
        cache.set(longest, atTheLimit);
        assertThat((byte[]) cache.get(longest)).hasSize(atTheLimit.length);
        cache.delete(longest);
    }

    @Test
    void maxValueSize_overWhatTheServersTake_failsAtStartup() {
        assertThatThrownBy(() -> cache(b -> b.option("max-value-size", "1m")))
                .isInstanceOf(dev.larder.CacheConfigException.class)
                .hasMessageContaining("larder.caches.default.options.max-value-size='1m'")
                .hasMessageContaining("at most 1048064 bytes").hasMessageContaining("item size of 1048576 bytes");
        Cache lower = cache(b -> b.option("max-value-size", "512k"));
        assertThatThrownBy(() -> lower.set("k", new byte[512 * 1024])).isInstanceOf(CacheValueTooLargeException.class)
                .hasMessageContaining("limit of 524288 bytes");
    }

    @Test
    void setMany_returnsTheKeysThatDidNotFit_andStoresTheRest() {
        Cache cache = cache();
        cache.set("big", "old");
        Map<String, Object> entries = new LinkedHashMap<>();
        entries.put("a", "fits");
        entries.put("big", new byte[3 * 1024 * 1024]);
        entries.put("b", 7);
        assertThat(cache.setMany(entries)).containsExactly("big");
        assertThat(cache.getMany(List.of("a", "big", "b"))).isEqualTo(Map.of("a", "fits", "b", 7L));
        assertThat(cache.stats().errors()).isEqualTo(1);
    }

    @Test
    void counters_areUnsigned() {
        Cache cache = cache();
        cache.set("n", 10);
        assertThat(cache.decr("n", 30)).as("memcached stops at zero").isZero();
        assertThat(cache.get("n")).isEqualTo(0L);
        cache.set("n", 100);
        assertThat(cache.decr("n")).isEqualTo(99);
        assertThat(cache.get("n")).as("the server pads a shortened counter with spaces").isEqualTo(99L);
        cache.set("negative", -5);
        assertThatThrownBy(() -> cache.incr("negative")).isInstanceOf(CacheValueTypeException.class)
                .hasMessageContaining("non-negative");
        assertThat(cache.get("negative")).isEqualTo(-5L);
        cache.set("max", Long.MAX_VALUE - 1);
        assertThat(cache.incr("max")).isEqualTo(Long.MAX_VALUE);
        assertThatThrownBy(() -> cache.incr("max", 5)).isInstanceOf(CacheValueTypeException.class)
                .hasMessageContaining("overflows");
        assertThat(cache.get("max")).as("put back").isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void keysMemcachedCannotTake_areRefused_evenWithoutStrictKeys() {
        Cache cache = cache();
        String accents = "é".repeat(120);
        assertThat(accents.length()).isLessThan(250);
        assertThatThrownBy(() -> cache.set(accents, "v")).as("250 characters or fewer, but over 250 bytes")
                .isInstanceOf(InvalidCacheKeyException.class).hasMessageContaining("bytes");
        assertThatThrownBy(() -> cache.get("with space")).isInstanceOf(InvalidCacheKeyException.class);
        assertThatThrownBy(() -> cache.getMany(List.of("fine", "tab\there"))).isInstanceOf(InvalidCacheKeyException.class);
        assertThatThrownBy(() -> cache.incr("new\nline")).isInstanceOf(InvalidCacheKeyException.class);
        cache.set("ключ", "unicode is fine");
        assertThat(cache.get("ключ")).isEqualTo("unicode is fine");
    }

    /**
     * xmemcached writes an unpaired surrogate as '?', so the server answered for another key and
     * the client dropped the connection every thread shares, failing other callers' requests.
     */
    @Test
    void keyWithAnUnpairedSurrogate_isRefusedBeforeTheServer_andOtherThreadsKeepWorking() throws Exception {
        Cache cache = cache();
        cache.set("user:?", "question mark");
        Map<String, Object> entries = new LinkedHashMap<>();
        for (int i = 0; i < 50; i++) {
            entries.put("other:" + i, "value " + i);
        }
        cache.setMany(entries);
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<List<String>>> readers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                readers.add(pool.submit(() -> {
                    List<String> failures = new ArrayList<>();
                    for (int round = 0; round < 200 || !done.get(); round++) {
                        String key = "other:" + (round % 50);
                        try {
                            Object value = cache.get(key);
                            if (!entries.get(key).equals(value)) {
                                failures.add(key + " read " + value);
                            }
                        } catch (RuntimeException e) {
                            failures.add(key + ": " + e);
                        }
                    }
                    return failures;
                }));
            }
            List<String> badOutcomes = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                String bad = i % 2 == 0 ? "user:\uD800" : "user:\uDBFF";
                try {
                    badOutcomes.add("read " + cache.get(bad));
                } catch (InvalidCacheKeyException e) {
                    assertThat(e).hasMessageContaining("unpaired surrogate");
                } catch (RuntimeException e) {
                    badOutcomes.add(e.toString());
                }
            }
            done.set(true);
            List<String> failures = new ArrayList<>();
            for (java.util.concurrent.Future<List<String>> r : readers) {
                failures.addAll(r.get(60, java.util.concurrent.TimeUnit.SECONDS));
            }
            assertThat(failures).as("reads by other threads").isEmpty();
            assertThat(badOutcomes).as("each surrogate key refused before it reaches the server").isEmpty();
            assertThat(cache.get("user:?")).isEqualTo("question mark");
        } finally {
            done.set(true);
            pool.shutdownNow();
        }
    }

    @Test
    void bytesWrittenByAnotherClient_areAMissAndCounted() {
        Cache cache = cache();
        for (int i = 0; i < servers.size(); i++) {
            servers.setRaw(i, prefix + ":1:planted", "~garbage".getBytes(StandardCharsets.US_ASCII));
        }
        assertThat(cache.get("planted")).isNull();
        assertThat(cache.getMany(List.of("planted"))).isEmpty();
        assertThat(cache.stats().errors()).isEqualTo(2);
        assertThat(cache.stats().misses()).isEqualTo(2);
        assertThat(cache.stats().hits()).isZero();
    }

    @Test
    void clear_flushesEveryServer() {
        Cache cache = cache();
        Map<String, Object> entries = new LinkedHashMap<>();
        for (int i = 0; i < 60; i++) {
            entries.put("k" + i, i);
        }
        cache.setMany(entries);
        for (int i = 0; i < servers.size(); i++) {
            assertThat(items(i)).as("server " + i + " holds some keys").isPositive();
        }
        cache.clear();
        assertThat(cache.getMany(entries.keySet())).isEmpty();
    }

    private long items(int server) {
        for (String line : servers.command(server, "stats").split("\r\n")) {
            if (line.startsWith("STAT curr_items ")) {
                return Long.parseLong(line.substring("STAT curr_items ".length()).trim());
            }
        }
        throw new AssertionError("no curr_items in stats");
    }
}
