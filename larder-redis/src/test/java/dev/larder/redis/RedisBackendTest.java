package dev.larder.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.larder.Cache;
import dev.larder.CacheBackendException;
import dev.larder.CacheConfig;
import dev.larder.CacheKeyNotFoundException;
import dev.larder.CacheRegistry;
import dev.larder.CacheValueTooLargeException;
import dev.larder.CacheValueTypeException;
import dev.larder.Timeout;
import dev.larder.testing.Threads;
import dev.larder.testkit.servers.LarderServers;
import dev.larder.testkit.servers.RedisServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What the redis backend owes beyond the contract: TTLs on the server, scoped clear, one round trip, bad bytes. */
@ExtendWith(LarderServers.class)
class RedisBackendTest {
    private final RedisServer redis;
    private final List<CacheRegistry> registries = new ArrayList<>();
    private final String prefix = "t" + UUID.randomUUID().toString().substring(0, 8);

    RedisBackendTest(RedisServer redis) {
        this.redis = redis;
    }

    @AfterEach
    void close() {
        registries.forEach(CacheRegistry::close);
    }

    private Cache cache(UnaryOperator<CacheConfig.Builder> settings) {
        CacheRegistry r = CacheRegistry.builder()
                .cache("default", settings.apply(CacheConfig.builder().backend("redis").location(redis.uri())).build())
                .build();
        registries.add(r);
        return r.defaultCache();
    }

    private Cache cache() {
        return cache(b -> b.keyPrefix(prefix));
    }

    private long pttl(String key) {
        return Long.parseLong(redis.cli("PTTL", prefix + ":1:" + key));
    }

    /** The check and the write are one script: no command of another client can fall between them. */
    @Test
    void setIfUnchanged_isOneAtomicScript_andKeepsTheTimeout() {
        Cache cache = cache();
        assertThat(cache.capabilities().atomicConditionalSet()).isTrue();
        cache.set("stamp", 7L);
        cache.setIfUnchanged("warm", "w", dev.larder.Timeout.NEVER, java.util.Map.of("stamp", 7L)); // loads the script
        redis.cli("CONFIG", "RESETSTAT");
        assertThat(cache.setIfUnchanged("entry", "v", dev.larder.Timeout.ofSeconds(60), java.util.Map.of("stamp", 7L)))
                .isTrue();
        assertThat(redis.calls("evalsha")).isEqualTo(1);
        // The check-then-write fallback would have sent an MGET; the script's own GET and SET run inside it.
        assertThat(redis.calls("mget")).isZero();
        assertThat(pttl("entry")).isBetween(55_000L, 60_000L);
        assertThat(cache.setIfUnchanged("entry", "w", dev.larder.Timeout.NEVER, java.util.Map.of("stamp", 8L))).isFalse();
        assertThat(cache.get("entry")).isEqualTo("v");
    }

    /** The conditional delete is the same one script, with no read of its own before it. */
    @Test
    void conditionalDelete_isOneAtomicScript() {
        Cache cache = cache();
        cache.set("stamp", 7L);
        cache.set("entry", "v");
        cache.setIfUnchanged("warm", "w", Timeout.NEVER, Map.of("stamp", 7L)); // loads the script
        redis.cli("CONFIG", "RESETSTAT");
        assertThat(cache.setIfUnchanged("entry", "ignored", Timeout.ofSeconds(0), Map.of("stamp", 7L))).isTrue();
        assertThat(redis.calls("evalsha")).isEqualTo(1);
        // The read-then-write default reads the expected keys with GETRANGE; the script reads with GET.
        assertThat(redis.calls("getrange")).as("no read outside the script").isZero();
        assertThat(redis.calls("del")).as("the script's own DEL (commandstats counts it too)").isEqualTo(1);
        assertThat(redis.cli("EXISTS", prefix + ":1:entry")).isEqualTo("0");
    }

    /** Whatever clear does, keys() lists by the prefix, never the other keys of the database. */
    @Test
    void keys_withClearFlushdb_stillListOnlyThePrefixsKeys() {
        Cache cache = cache(b -> b.keyPrefix(prefix).option("clear", "flushdb"));
        Cache other = cache(b -> b.keyPrefix(prefix + "-other"));
        cache.set("mine", 1L);
        other.set("theirs", 2L);
        List<String> listed = new ArrayList<>();
        cache.keys().forEachRemaining(listed::add);
        assertThat(listed).containsExactly("mine");
    }

    @Test
    void timeouts_becomeServerExpiries() {
        Cache cache = cache();
        cache.set("ten", "v", Timeout.ofSeconds(10));
        cache.set("never", "v", Timeout.NEVER);
        cache.set("century", "v", Timeout.of(Duration.ofDays(365L * 200)));
        cache.add("added", "v", Timeout.ofMillis(1500));
        cache.setMany(Map.of("m1", "v", "m2", "v"), Timeout.ofSeconds(20));
        assertThat(pttl("ten")).isBetween(9_000L, 10_000L);
        assertThat(pttl("never")).as("no expiry").isEqualTo(-1);
        assertThat(pttl("century")).as("past Redis's range: kept without expiry").isEqualTo(-1);
        assertThat(pttl("added")).isBetween(1_000L, 1_500L);
        assertThat(pttl("m1")).isBetween(19_000L, 20_000L);
        assertThat(pttl("m2")).isBetween(19_000L, 20_000L);
    }

    @Test
    void touch_setsOrRemovesTheExpiry() {
        Cache cache = cache();
        cache.set("k", "v", Timeout.ofSeconds(10));
        assertThat(cache.touch("k", Timeout.NEVER)).isTrue();
        assertThat(pttl("k")).isEqualTo(-1);
        assertThat(cache.touch("k", Timeout.ofSeconds(60))).isTrue();
        assertThat(pttl("k")).isBetween(59_000L, 60_000L);
        assertThat(cache.touch("k", Timeout.ZERO)).isTrue();
        assertThat(redis.cli("EXISTS", prefix + ":1:k")).isEqualTo("0");
    }

    @Test
    void incr_keepsTheExpiry_andNeverCreatesAMissingKey() {
        Cache cache = cache();
        cache.set("n", 5, Timeout.ofSeconds(30));
        assertThat(cache.incr("n", 10)).isEqualTo(15);
        assertThat(pttl("n")).isBetween(29_000L, 30_000L);
        assertThatThrownBy(() -> cache.incr("missing")).isInstanceOf(CacheKeyNotFoundException.class);
        assertThat(redis.cli("EXISTS", prefix + ":1:missing")).as("INCRBY alone would have made it 1").isEqualTo("0");
    }

    @Test
    void incr_storesDigitsTheServerCanCount() {
        Cache cache = cache();
        cache.set("n", 41);
        assertThat(redis.cli("GET", prefix + ":1:n")).isEqualTo("41");
        redis.cli("INCRBY", prefix + ":1:n", "1");
        assertThat(cache.get("n")).as("a counter another client moved").isEqualTo(42L);
    }

    @Test
    void incr_onTextOrPastLongMax_failsAndKeepsTheValue() {
        Cache cache = cache();
        cache.set("text", "12");
        assertThatThrownBy(() -> cache.incr("text")).isInstanceOf(CacheValueTypeException.class)
                .hasMessageContaining("not an integer");
        cache.set("max", Long.MAX_VALUE);
        assertThatThrownBy(() -> cache.incr("max")).isInstanceOf(CacheValueTypeException.class)
                .hasMessageContaining("overflows");
        assertThat(cache.get("max")).isEqualTo(Long.MAX_VALUE);
        assertThat(cache.get("text")).isEqualTo("12");
    }

    @Test
    void clear_removesThisCachesKeysOnly() {
        Cache mine = cache();
        Cache other = cache(b -> b.keyPrefix(prefix + "-other"));
        Cache globby = cache(b -> b.keyPrefix(prefix + "*"));
        mine.setMany(Map.of("a", "1", "b", "2"));
        other.set("a", "kept");
        globby.set("a", "kept too");
        redis.cli("SET", prefix + "-foreign", "not larder's");
        mine.clear();
        assertThat(mine.getMany(List.of("a", "b"))).isEmpty();
        assertThat(other.get("a")).isEqualTo("kept");
        assertThat(globby.get("a")).isEqualTo("kept too");
        assertThat(redis.cli("GET", prefix + "-foreign")).isEqualTo("not larder's");
        globby.clear();
        assertThat(other.get("a")).as("'*' in a prefix is matched literally").isEqualTo("kept");
    }

    @Test
    void clear_withFlushdb_emptiesItsOwnDatabaseOnly() {
        CacheRegistry r = CacheRegistry.builder().cache("default", CacheConfig.builder().backend("redis")
                .location(redis.uri() + "/7").keyPrefix(prefix).option("clear", "flushdb").build()).build();
        registries.add(r);
        Cache cache = r.defaultCache();
        cache.set("a", "1");
        redis.cli("-n", "7", "SET", "foreign-in-7", "gone with the database");
        redis.cli("SET", prefix + "-in-0", "another database");
        long flushes = calls("flushdb");
        cache.clear();
        assertThat(calls("flushdb") - flushes).isEqualTo(1);
        assertThat(cache.get("a")).isNull();
        assertThat(redis.cli("-n", "7", "EXISTS", "foreign-in-7")).as("flushdb empties the whole database").isEqualTo("0");
        assertThat(redis.cli("GET", prefix + "-in-0")).as("other databases are untouched").isEqualTo("another database");
    }

    @Test
    void clear_byPrefix_neverSendsKeys() {
        Cache cache = cache();
        cache.setMany(Map.of("a", "1", "b", "2"));
        long keys = calls("keys");
        long scans = calls("scan");
        cache.clear();
        assertThat(calls("keys") - keys).isZero();
        assertThat(calls("scan") - scans).isPositive();
    }

    @Test
    void clear_manyKeys_scansInBatches() {
        Cache cache = cache();
        Map<String, Object> entries = new LinkedHashMap<>();
        for (int i = 0; i < 5_000; i++) {
            entries.put("k" + i, i);
        }
        cache.setMany(entries);
        cache.clear();
        assertThat(redis.cli("EVAL", "return #redis.call('KEYS', ARGV[1])", "0", prefix + ":*")).isEqualTo("0");
    }

    @Test
    void clear_withCustomKeyFunctionAndNoPrefix_refusesToGuess() {
        Cache custom = cache(b -> b.keyFunction((key, p, version) -> "custom-" + key));
        custom.set("a", "1");
        assertThatThrownBy(custom::clear).isInstanceOf(CacheBackendException.class)
                .hasMessageContaining("custom key function and no key-prefix").hasMessageContaining("clear=flushdb");
        assertThat(custom.get("a")).isEqualTo("1");
        custom.delete("a");
    }

    @Test
    void getMany_isOneBoundedReadPerKey_andNoUnboundedOne() {
        Cache cache = cache();
        Map<String, Object> entries = new LinkedHashMap<>();
        for (int i = 0; i < 100; i++) {
            entries.put("k" + i, "v" + i);
        }
        cache.setMany(entries);
        long rangesBefore = calls("getrange");
        long mgetsBefore = calls("mget");
        long getsBefore = calls("get");
        assertThat(cache.getMany(entries.keySet())).hasSize(100);
        assertThat(calls("getrange") - rangesBefore).isEqualTo(100);
        assertThat(calls("mget") - mgetsBefore).isZero();
        assertThat(calls("get") - getsBefore).isZero();
    }

    /**
     * getOrSet's round trips, counted by the server: a miss is GETRANGE then SET NX (it was
     * GETRANGE, GETRANGE, SET NX, GETRANGE), a hit one GETRANGE, and a caller waiting on the
     * load one GETRANGE, its miss (it read again after the load), yet gets its own copy.
     */
    @Test
    void getOrSet_missIsTwoRoundTrips_hitOne_waiterOne() throws Exception {
        Cache cache = cache();
        cache.get("warm-up");
        long before = commands();
        assertThat((String) cache.getOrSet("miss", () -> "loaded")).isEqualTo("loaded");
        assertThat(commands() - before).as("a miss").isEqualTo(2);
        before = commands();
        assertThat((String) cache.getOrSet("miss", () -> "again")).isEqualTo("loaded");
        assertThat(commands() - before).as("a hit").isEqualTo(1);

        CountDownLatch loading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Object> leader = pool.submit(() -> cache.getOrSet("shared", () -> {
                loading.countDown();
                await(release);
                return new ArrayList<>(List.of("computed"));
            }));
            assertThat(loading.await(10, TimeUnit.SECONDS)).isTrue();
            before = commands();
            AtomicReference<Thread> waiterThread = new AtomicReference<>();
            Future<Object> waiter = pool.submit(() -> {
                waiterThread.set(Thread.currentThread());
                return cache.getOrSet("shared", () -> "never called");
            });
            // Parked in the wait for the load, not in its own read, which parks too.
            Threads.awaitParkedIn(waiterThread::get, "dev.larder.Followers", "await", Duration.ofSeconds(10));
            release.countDown();
            Object led = leader.get(10, TimeUnit.SECONDS);
            Object waited = waiter.get(10, TimeUnit.SECONDS);
            assertThat(commands() - before).as("the leader's SET NX and the waiter's miss").isEqualTo(2);
            assertThat(waited).isEqualTo(List.of("computed")).isNotSameAs(led);
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Every command the server has run, but the INFO calls that read the count. */
    private long commands() {
        long total = 0;
        for (String line : redis.cli("INFO", "commandstats").split("\r?\n")) {
            if (line.startsWith("cmdstat_") && !line.startsWith("cmdstat_info:")) {
                total += Long.parseLong(line.substring(line.indexOf("calls=") + "calls=".length(), line.indexOf(',')));
            }
        }
        return total;
    }

    private long calls(String command) {
        String line = redis.info("commandstats", "cmdstat_" + command);
        if (line == null) {
            return 0;
        }
        return Long.parseLong(line.substring("calls=".length(), line.indexOf(',')));
    }

    @Test
    void bytesWrittenByAnotherClient_areAMissAndCounted() {
        Cache cache = cache();
        redis.cli("SET", prefix + ":1:planted", "~not a larder value");
        // Larder's Java-serialisation tag, then a stream header and garbage, written byte by byte.
        redis.cli("EVAL", "return redis.call('SET', KEYS[1], '\\10\\172\\237\\0\\5garbage')", "1", prefix + ":1:java");
        assertThat(cache.get("planted")).isNull();
        assertThat(cache.getMany(List.of("java", "planted"))).isEmpty();
        assertThat(cache.stats().errors()).isEqualTo(3);
        assertThat(cache.stats().misses()).isEqualTo(3);
        assertThat(cache.stats().hits()).isZero();
    }

    /**
     * A 64 MB value planted by another program under a key Larder reads: a plain GET of it
     * holds the shared connection past the command timeout, and every small read queued behind
     * it on other threads fails with it.
     */
    @Test
    void hugePlantedValue_isAMiss_andSmallReadsOnOtherThreadsAllSucceed() throws Exception {
        Cache cache = cache();
        for (int i = 0; i < 20; i++) {
            cache.set("small" + i, "value " + i);
        }
        redis.cli("EVAL", "return redis.call('SET', KEYS[1], string.rep('x', 64 * 1024 * 1024))", "1", prefix + ":1:huge");
        ExecutorService pool = Executors.newFixedThreadPool(9);
        try {
            List<Future<Object>> huge = new ArrayList<>();
            List<Future<Integer>> small = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                small.add(pool.submit(() -> {
                    int read = 0;
                    for (int i = 0; i < 300; i++) {
                        assertThat(cache.get("small" + (i % 20))).isEqualTo("value " + (i % 20));
                        read++;
                    }
                    return read;
                }));
            }
            for (int i = 0; i < 3; i++) {
                huge.add(pool.submit(() -> cache.get("huge")));
            }
            for (Future<Integer> f : small) {
                assertThat(f.get(60, TimeUnit.SECONDS)).isEqualTo(300);
            }
            for (Future<Object> f : huge) {
                assertThat(f.get(60, TimeUnit.SECONDS)).isNull();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(cache.getMany(List.of("huge", "small1"))).isEqualTo(Map.of("small1", "value 1"));
        assertThat(cache.stats().errors()).as("each read of it is counted").isEqualTo(4);
    }

    /**
     * Values just under the limit, allowed and in flight both ways on the shared connection, while
     * other threads make small reads: none of those fails or waits past its timeout.
     */
    @Test
    void largeValuesInFlight_atTheLimit_neverFailSmallCallsOnOtherThreads() throws Exception {
        Cache cache = cache();
        for (int i = 0; i < 20; i++) {
            cache.set("small" + i, "value " + i);
        }
        byte[] large = new byte[16 * 1024 * 1024 - 64];
        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            List<Future<Integer>> calls = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                String key = "large" + t;
                calls.add(pool.submit(() -> {
                    for (int i = 0; i < 4; i++) {
                        large[0] = (byte) i;
                        cache.set(key, large.clone());
                        assertThat((byte[]) cache.get(key)).hasSize(large.length);
                    }
                    return 4;
                }));
            }
            for (int t = 0; t < 8; t++) {
                calls.add(pool.submit(() -> {
                    int done = 0;
                    for (int i = 0; i < 300; i++) {
                        cache.set("mine" + (i % 7), i);
                        assertThat(cache.get("small" + (i % 20))).isEqualTo("value " + (i % 20));
                        done++;
                    }
                    return done;
                }));
            }
            int total = 0;
            for (Future<Integer> f : calls) {
                total += f.get(120, TimeUnit.SECONDS);
            }
            assertThat(total).isEqualTo(2 * 4 + 8 * 300);
        } finally {
            pool.shutdownNow();
        }
        assertThat(cache.stats().errors()).isZero();
    }

    @Test
    void defaultLimit_is16MiB() {
        Cache cache = cache();
        byte[] atTheLimit = new byte[16 * 1024 * 1024 - 1];
        cache.set("at", atTheLimit);
        assertThat((byte[]) cache.get("at")).hasSize(atTheLimit.length);
        assertThatThrownBy(() -> cache.set("over", new byte[16 * 1024 * 1024]))
                .isInstanceOf(CacheValueTooLargeException.class).hasMessageContaining("limit of 16777216 bytes");
        assertThat(redis.cli("EXISTS", prefix + ":1:over")).isEqualTo("0");
        cache.delete("at");
    }

    @Test
    void badOptions_failAtStartupNamingThem() {
        assertThatThrownBy(() -> cache(b -> b.option("command-timeout", "soon")))
                .hasMessageContaining("larder.caches.default.options.command-timeout='soon'");
        assertThatThrownBy(() -> cache(b -> b.option("read-from", "everywhere")))
                .hasMessageContaining("read-from='everywhere'").hasMessageContaining("replica-preferred");
        assertThatThrownBy(() -> cache(b -> b.option("clear", "all")))
                .hasMessageContaining("clear='all'");
        assertThatThrownBy(() -> cache(b -> b.option("max-entries", "10")))
                .hasMessageContaining("max-entries is not an option of the 'redis' backend");
    }
}
