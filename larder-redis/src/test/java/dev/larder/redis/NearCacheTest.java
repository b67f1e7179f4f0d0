package dev.larder.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.larder.Cache;
import dev.larder.CacheBackendException;
import dev.larder.CacheConfig;
import dev.larder.CacheConfigException;
import dev.larder.CacheRegistry;
import dev.larder.CacheStats;
import dev.larder.Timeout;
import dev.larder.serial.DefaultSerializer;
import dev.larder.spi.BackendContext;
import dev.larder.spi.BackendOptions;
import dev.larder.spi.CacheKey;
import dev.larder.spi.StatsCounter;
import dev.larder.spi.ValueCodec;
import dev.larder.testkit.Await;
import dev.larder.testkit.servers.LarderServers;
import dev.larder.testkit.servers.RedisServer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two application nodes (two registries, each with its own near cache) on one real Redis: a
 * write on one is never served by the other once the invalidation has arrived, including a
 * write that races a fill; a killed server, a killed tracking connection, a frozen server and a
 * {@code FLUSHDB} leave nothing stale behind.
 */
@ExtendWith(LarderServers.class)
class NearCacheTest {
    private final RedisServer shared;

    NearCacheTest(RedisServer shared) {
        this.shared = shared;
    }

    private static CacheRegistry node(String location, String... options) {
        CacheConfig.Builder b = CacheConfig.builder().backend("redis").location(location).keyPrefix("app")
                .option("near-cache.enabled", "true").option("command-timeout", "300ms");
        for (int i = 0; i < options.length; i += 2) {
            b.option(options[i], options[i + 1]);
        }
        return CacheRegistry.builder().cache("default", b.build()).build();
    }

    /** A node without a near cache: a writer with no tracking connection of its own. */
    private static CacheRegistry plain(String location) {
        return CacheRegistry.builder().cache("default", CacheConfig.builder().backend("redis").location(location)
                .keyPrefix("app").build()).build();
    }

    /** Waits (the push is asynchronous) until the condition holds, for at most five seconds. */
    private static void until(String what, BooleanSupplier condition) {
        Await.until(Duration.ofSeconds(5), what, condition);
    }

    @Test
    void secondRead_isServedLocally_withoutACommandToRedis() {
        try (CacheRegistry a = node(shared.uri())) {
            Cache cache = a.defaultCache();
            cache.set("local", "value");
            assertThat(cache.get("local")).isEqualTo("value");
            long reads = shared.calls("getrange");
            for (int i = 0; i < 100; i++) {
                assertThat(cache.get("local")).isEqualTo("value");
            }
            assertThat(shared.calls("getrange")).as("reads that reached Redis").isEqualTo(reads);
            CacheStats stats = cache.stats();
            assertThat(stats.localHits()).isEqualTo(100);
            assertThat(stats.localFills()).isEqualTo(1);
            assertThat(stats.hits()).as("local hits are hits too").isEqualTo(101);
            assertThat(cache.capabilities().nearCache()).isTrue();
            assertThat(cache.inspect()).containsEntry("near cache server", "tracking")
                    .containsEntry("near cache mode", "default").containsEntry("near cache entries", "1");
        }
    }

    @Test
    void writeOnOneNode_isNeverServedStaleByTheOther_onceItsInvalidationArrived() throws Exception {
        try (CacheRegistry a = node(shared.uri()); CacheRegistry b = node(shared.uri())) {
            Cache writer = a.defaultCache();
            Cache reader = b.defaultCache();
            for (int round = 0; round < 50; round++) {
                long invalidations = reader.stats().invalidations();
                writer.set("shared", "v" + round);
                // Until the push arrives the reader may hold the previous round's value; after, never.
                if (round > 0) {
                    until("invalidation of round " + round, () -> reader.stats().invalidations() > invalidations);
                }
                assertThat(reader.get("shared")).as("round " + round).isEqualTo("v" + round);
                assertThat(reader.get("shared")).as("round " + round + ", served locally").isEqualTo("v" + round);
            }
            assertThat(reader.stats().localHits()).isGreaterThanOrEqualTo(50);
        }
    }

    @Test
    void ownWrite_isReadBackAtOnce_withoutWaitingForThePush() {
        try (CacheRegistry a = node(shared.uri())) {
            Cache cache = a.defaultCache();
            for (int i = 0; i < 200; i++) {
                cache.set("mine", i);
                assertThat(cache.get("mine")).isEqualTo((long) i);
                assertThat(cache.get("mine")).isEqualTo((long) i);
            }
            cache.delete("mine");
            assertThat(cache.get("mine")).isNull();
            cache.set("n", 1);
            cache.get("n");
            assertThat(cache.incr("n")).isEqualTo(2);
            assertThat(cache.get("n")).isEqualTo(2L);
            cache.clear();
            assertThat(cache.get("n")).isNull();
        }
    }

    @Test
    void mutableValues_areCopiedOnEveryLocalHit() {
        try (CacheRegistry a = node(shared.uri())) {
            Cache cache = a.defaultCache();
            cache.set("list", new ArrayList<>(List.of("a", "b")));
            @SuppressWarnings("unchecked")
            List<String> first = (List<String>) cache.get("list");
            first.add("changed by the caller");
            @SuppressWarnings("unchecked")
            List<String> second = (List<String>) cache.get("list");
            assertThat(second).containsExactly("a", "b");
            assertThat(second).isNotSameAs(cache.get("list"));
            assertThat(cache.stats().localHits()).isEqualTo(2);
        }
    }

    /** What the page cache stores: read-only bytes, shared by every local hit with what was decoded from them. */
    @Test
    void readOnlyBytes_areOneInstanceAcrossLocalHits() {
        try (CacheRegistry a = node(shared.uri())) {
            Cache cache = a.defaultCache();
            cache.set("page", dev.larder.support.ReadOnlyBytes.copyOf(new byte[] {1, 2, 3}));
            Object first = cache.get("page");
            assertThat(first).isInstanceOf(dev.larder.support.ReadOnlyBytes.class);
            assertThat(cache.get("page")).isSameAs(first);
        }
    }

    @Test
    void getMany_servesWhatIsLocal_andFillsTheRestInOneGo() {
        try (CacheRegistry a = node(shared.uri()); CacheRegistry b = node(shared.uri())) {
            Map<String, Object> entries = new LinkedHashMap<>();
            for (int i = 0; i < 6; i++) {
                entries.put("many" + i, "value" + i);
            }
            a.defaultCache().setMany(entries);
            Cache reader = b.defaultCache();
            assertThat(reader.get("many0")).isEqualTo("value0");
            assertThat(reader.getMany(entries.keySet())).isEqualTo(entries);
            assertThat(reader.stats().localHits()).isEqualTo(1);
            long reads = shared.calls("getrange");
            assertThat(reader.getMany(entries.keySet())).isEqualTo(entries);
            assertThat(shared.calls("getrange")).isEqualTo(reads);
            assertThat(reader.stats().localHits()).isEqualTo(7);
        }
    }

    /**
     * The race Redis's client-side caching documentation describes, held open with a latch: a
     * fill's reply has arrived but is not yet kept when another node writes and the invalidation
     * is handled. The fill must keep nothing; the next read goes to Redis and sees the write.
     */
    @Test
    void writeRacingAFill_fromAnotherNode_leavesNothingStale() throws Exception {
        StatsCounter stats = new StatsCounter();
        try (NearCacheBackend reader = backend(shared.uri(), stats); CacheRegistry a = node(shared.uri())) {
            CacheKey key = CacheKey.of("app:1:", "raced");
            a.defaultCache().set("raced", "old");
            CountDownLatch replied = new CountDownLatch(1);
            CountDownLatch go = new CountDownLatch(1);
            reader.beforeKeep = k -> {
                replied.countDown();
                await(go);
            };
            CompletableFuture<Object> fill = CompletableFuture.supplyAsync(() -> reader.get(key));
            assertThat(replied.await(5, TimeUnit.SECONDS)).isTrue();
            a.defaultCache().set("raced", "new");
            until("the invalidation", () -> stats.snapshot().invalidations() > 0);
            go.countDown();
            assertThat(fill.get(5, TimeUnit.SECONDS)).as("the read that began before the write").isEqualTo("old");
            reader.beforeKeep = k -> { };
            assertThat(stats.snapshot().localFills()).as("the raced fill kept nothing").isZero();
            assertThat(reader.get(key)).isEqualTo("new");
            assertThat(reader.get(key)).isEqualTo("new");
            assertThat(stats.snapshot().localHits()).isEqualTo(1);
        }
    }

    /** The same race with the write made by the reading node itself: its acknowledged write drops the marker. */
    @Test
    void writeRacingAFill_onTheSameNode_leavesNothingStale() throws Exception {
        StatsCounter stats = new StatsCounter();
        try (NearCacheBackend node = backend(shared.uri(), stats)) {
            CacheKey key = CacheKey.of("app:1:", "raced-here");
            node.set(key, "old", Timeout.NEVER);
            CountDownLatch replied = new CountDownLatch(1);
            CountDownLatch go = new CountDownLatch(1);
            node.beforeKeep = k -> {
                replied.countDown();
                await(go);
            };
            CompletableFuture<Object> fill = CompletableFuture.supplyAsync(() -> node.get(key));
            assertThat(replied.await(5, TimeUnit.SECONDS)).isTrue();
            node.set(key, "new", Timeout.NEVER);
            go.countDown();
            assertThat(fill.get(5, TimeUnit.SECONDS)).isEqualTo("old");
            node.beforeKeep = k -> { };
            assertThat(node.get(key)).as("without waiting for the push").isEqualTo("new");
        }
    }

    @Test
    void flushdbFromAnotherClient_emptiesTheLocalTier() throws Exception {
        try (CacheRegistry a = node(shared.uri())) {
            Cache cache = a.defaultCache();
            cache.set("f1", "one");
            cache.set("f2", "two");
            assertThat(cache.get("f1")).isEqualTo("one");
            assertThat(cache.get("f2")).isEqualTo("two");
            long flushes = cache.stats().flushes();
            shared.cli("FLUSHDB");
            until("the flush", () -> cache.stats().flushes() > flushes);
            assertThat(cache.get("f1")).isNull();
            assertThat(cache.get("f2")).isNull();
        }
    }

    @Test
    void killedTrackingConnection_flushes_andTrackingComesBack() throws Exception {
        try (CacheRegistry a = node(shared.uri(), "near-cache.heartbeat", "100ms"); CacheRegistry b = plain(shared.uri())) {
            Cache reader = a.defaultCache();
            b.defaultCache().set("k", "before");
            assertThat(reader.get("k")).isEqualTo("before");
            assertThat(reader.get("k")).isEqualTo("before");
            long flushes = reader.stats().flushes();
            String killed = shared.cli("CLIENT", "KILL", "ID", trackingClientId(shared));
            assertThat(killed).isEqualTo("1");
            until("the flush", () -> reader.stats().flushes() > flushes);
            // Written while this node had no tracking connection: its invalidation went nowhere.
            b.defaultCache().set("k", "after");
            assertThat(reader.get("k")).isEqualTo("after");
            until("tracking again", () -> "tracking".equals(reader.inspect().get("near cache server")));
            assertThat(reader.get("k")).isEqualTo("after");
            long hits = reader.stats().localHits();
            assertThat(reader.get("k")).isEqualTo("after");
            assertThat(reader.stats().localHits()).as("served locally again").isEqualTo(hits + 1);
            b.defaultCache().set("k", "later");
            until("the invalidation", () -> "later".equals(reader.get("k")));
        }
    }

    /** The id of the connection with tracking on, from {@code CLIENT LIST} (flag {@code t}). */
    private static String trackingClientId(RedisServer redis) {
        List<String> ids = new ArrayList<>();
        for (String line : redis.cli("CLIENT", "LIST").split("\r?\n")) {
            Map<String, String> fields = new HashMap<>();
            for (String field : line.split(" ")) {
                int eq = field.indexOf('=');
                if (eq > 0) {
                    fields.put(field.substring(0, eq), field.substring(eq + 1));
                }
            }
            if (fields.getOrDefault("flags", "").contains("t")) {
                ids.add(fields.get("id"));
            }
        }
        assertThat(ids).as("tracking connections").hasSize(1);
        return ids.get(0);
    }

    @Test
    void killedServer_flushesAtOnce_andNothingStaleIsServedAfterItsRestart() throws Exception {
        try (RedisServer redis = RedisServer.start();
             CacheRegistry a = node(redis.uri(), "near-cache.heartbeat", "100ms"); CacheRegistry b = node(redis.uri())) {
            Cache reader = a.defaultCache();
            b.defaultCache().set("k", "before");
            assertThat(reader.get("k")).isEqualTo("before");
            assertThat(reader.get("k")).isEqualTo("before");
            assertThat(reader.stats().flushes()).as("none at startup").isZero();
            redis.kill();
            until("the flush", () -> reader.stats().flushes() > 0);
            assertThatThrownBy(() -> reader.get("k")).as("a dead server, not the local copy")
                    .isInstanceOf(CacheBackendException.class);
            until("the tracker's state", () -> reader.inspect().get("near cache server").startsWith("disconnected"));
            assertThat(reader.inspect().get("server")).startsWith("no answer: ");
            redis.restart();
            Await.answer(Duration.ofSeconds(10), () -> {
                b.defaultCache().set("k", "after");
                return true;
            });
            assertThat(Await.answer(Duration.ofSeconds(10), () -> reader.get("k"))).isEqualTo("after");
            until("tracking again", () -> "tracking".equals(reader.inspect().get("near cache server")));
            assertThat(reader.get("k")).isEqualTo("after");
            b.defaultCache().set("k", "later");
            until("the invalidation", () -> "later".equals(reader.get("k")));
        }
    }

    /**
     * A frozen server keeps TCP open, as a network partition can: its pushes stop without the
     * connection closing. The unanswered heartbeat disarms and flushes.
     */
    @Test
    void missedHeartbeat_flushes_andTheNodeRecoversWhenTheServerAnswers() throws Exception {
        try (RedisServer redis = RedisServer.start(); CacheRegistry a = node(redis.uri(), "near-cache.heartbeat", "100ms")) {
            Cache cache = a.defaultCache();
            cache.set("k", "v");
            assertThat(cache.get("k")).isEqualTo("v");
            long flushes = cache.stats().flushes();
            redis.freeze();
            try {
                until("the flush", () -> cache.stats().flushes() > flushes);
            } finally {
                redis.thaw();
            }
            until("tracking again", () -> "tracking".equals(cache.inspect().get("near cache server")));
            assertThat(cache.get("k")).isEqualTo("v");
        }
    }

    @Test
    void bcastMode_invalidatesKeysThisNodeNeverRead() throws Exception {
        try (CacheRegistry a = node(shared.uri(), "near-cache.mode", "bcast"); CacheRegistry b = node(shared.uri())) {
            Cache reader = a.defaultCache();
            assertThat(reader.inspect()).containsEntry("near cache mode", "bcast");
            long invalidations = reader.stats().invalidations();
            b.defaultCache().set("never-read-here", "x");
            until("the broadcast", () -> reader.stats().invalidations() > invalidations);
            b.defaultCache().set("k", "one");
            assertThat(reader.get("k")).isEqualTo("one");
            b.defaultCache().set("k", "two");
            until("the invalidation", () -> "two".equals(reader.get("k")));
        }
    }

    /**
     * BCAST tells of keys under the prefix only. A custom key function may put keys elsewhere:
     * those are read from Redis every time, never kept where no invalidation would reach them.
     */
    @Test
    void bcastMode_neverKeepsAKeyOutsideThePrefix() {
        dev.larder.KeyFunction outside = (key, prefix, version) -> key.startsWith("in-") ? prefix + ":" + key : "elsewhere:" + key;
        CacheConfig config = CacheConfig.builder().backend("redis").location(shared.uri()).keyPrefix("app")
                .keyFunction(outside).option("near-cache.enabled", "true").option("near-cache.mode", "bcast").build();
        try (CacheRegistry a = CacheRegistry.builder().cache("default", config).build()) {
            Cache cache = a.defaultCache();
            cache.set("out", "v");
            cache.set("in-k", "w");
            for (int i = 0; i < 3; i++) {
                assertThat(cache.get("out")).isEqualTo("v");
                assertThat(cache.get("in-k")).isEqualTo("w");
            }
            assertThat(cache.stats().localFills()).as("only the key under the prefix").isEqualTo(1);
            assertThat(cache.stats().localHits()).isEqualTo(2);
        }
    }

    /** The one real-time expiry test: Redis's expiry bounds a local entry, whatever push arrives or not. */
    @Test
    void localEntry_expiresWithItsRedisKey() throws Exception {
        try (CacheRegistry a = node(shared.uri())) {
            Cache cache = a.defaultCache();
            cache.set("brief", "v", Timeout.of(Duration.ofMillis(300)));
            assertThat(cache.get("brief")).isEqualTo("v");
            until("expiry", () -> cache.get("brief") == null);
        }
    }

    @Test
    void maxEntries_boundsTheLocalTier() {
        try (CacheRegistry a = node(shared.uri(), "near-cache.max-entries", "10")) {
            Cache cache = a.defaultCache();
            for (int i = 0; i < 100; i++) {
                cache.set("bounded" + i, i);
                cache.get("bounded" + i);
            }
            assertThat(Long.parseLong(cache.inspect().get("near cache entries"))).isLessThanOrEqualTo(10);
            for (int i = 0; i < 100; i++) {
                assertThat(cache.get("bounded" + i)).isEqualTo((long) i);
            }
        }
    }

    @Test
    void settings_areCheckedAtStartup_namingTheSetting() {
        assertThatThrownBy(() -> CacheRegistry.builder().cache("default", CacheConfig.builder().backend("locmem")
                .option("near-cache.enabled", "true").build()).build())
                .isInstanceOf(CacheConfigException.class)
                .hasMessageContaining("larder.caches.default.near-cache.enabled")
                .hasMessageContaining("'locmem' backend has none");
        assertThatThrownBy(() -> CacheRegistry.builder().cache("default", CacheConfig.builder().backend("redis")
                .location(shared.uri()).option("near-cache.max-entries", "10").build()).build())
                .isInstanceOf(CacheConfigException.class)
                .hasMessageContaining("larder.caches.default.near-cache.max-entries='10'")
                .hasMessageContaining("near-cache.enabled is not true");
        assertThatThrownBy(() -> node(shared.uri(), "near-cache.mode", "push"))
                .isInstanceOf(CacheConfigException.class)
                .hasMessageContaining("larder.caches.default.near-cache.mode='push'").hasMessageContaining("default or bcast");
        assertThatThrownBy(() -> node("redis-sentinel://127.0.0.1:1#mymaster"))
                .isInstanceOf(CacheConfigException.class).hasMessageContaining("Sentinel");
        assertThatThrownBy(() -> node(shared.uri(), "near-cache.max-entries", "0"))
                .isInstanceOf(CacheConfigException.class).hasMessageContaining("near-cache.max-entries='0'");
    }

    @Test
    void propertiesFile_spellsItNearCacheDot() {
        java.util.Properties p = new java.util.Properties();
        p.setProperty("larder.caches.default.backend", "redis");
        p.setProperty("larder.caches.default.location", shared.uri());
        p.setProperty("larder.caches.default.near-cache.enabled", "true");
        p.setProperty("larder.caches.default.near-cache.max-entries", "500");
        try (CacheRegistry r = CacheRegistry.fromProperties(p)) {
            assertThat(r.defaultCache().capabilities().nearCache()).isTrue();
        }
    }

    private static NearCacheBackend backend(String uri, StatsCounter stats) {
        BackendOptions options = new BackendOptions("near", Map.of("near-cache.enabled", "true"));
        ValueCodec codec = new ValueCodec("near", new DefaultSerializer(), stats);
        return (NearCacheBackend) new RedisBackendFactory().create(new BackendContext("near", uri, options,
                Clock.systemUTC(), codec, stats, "app", true, Map.of()));
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("latch not released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
