package dev.larder.benchmarks;

import dev.larder.Cache;
import dev.larder.CacheConfig;
import dev.larder.CacheRegistry;
import dev.larder.testkit.servers.RedisServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Redis, 1 KiB values, 50 client threads, 10,000 keys: Larder's {@code get} and {@code set}
 * against raw Lettuce issuing the same commands on one shared connection (what a Lettuce user
 * writes), and against {@code redis-benchmark -c 50} (C, no pipelining); then what
 * {@code getMany} of 100 keys costs. Starts its own {@code redis-server}.
 *
 * <p>{@code java -cp benchmarks.jar dev.larder.benchmarks.RedisLoad [rounds] [seconds]}
 */
public final class RedisLoad {
    static final int THREADS = 50;
    static final int KEYS = 10_000;
    private static final Pattern RPS = Pattern.compile("([\\d.]+) requests per second");

    private RedisLoad() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = Load.roundsArg(args);
        Duration each = Load.durationArg(args);
        Report report = new Report("redis");
        try (RedisServer redis = RedisServer.start();
             CacheRegistry caches = CacheRegistry.builder().cache("default",
                     CacheConfig.builder().backend("redis").location(redis.uri()).build()).build()) {
            Cache cache = caches.defaultCache();
            RedisClient client = RedisClient.create(redis.uri());
            StatefulRedisConnection<String, byte[]> connection =
                    client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
            RedisCommands<String, byte[]> lettuce = connection.sync();
            byte[] value = new byte[1024];
            Load.Keys all = Load.Keys.of(KEYS);
            all.fill(cache, value);
            String[] keys = all.names();
            String[] stored = all.stored();
            // The raw client writes the very bytes Larder stored.
            byte[] rawValue = lettuce.get(stored[0]);
            // redis-benchmark's own keys, so that its GETs find values as Larder's do.
            redis.cli("FLUSHALL");
            runRedisBenchmark(redis, "set", 200_000);
            all.fill(cache, value);
            long[] rbRequests = {200_000, 200_000};
            // Larder's set sends the default timeout (300 s) as SET PX; the raw client does the same.
            SetArgs fiveMinutes = SetArgs.Builder.px(300_000);

            List<Load.Variant> gets = List.of(
                    new Load.Variant("larder get", () -> Load.throughput(THREADS, each,
                            (t, i) -> cache.get(keys[Load.pick(t, i, KEYS)]))),
                    new Load.Variant("lettuce get", () -> Load.throughput(THREADS, each,
                            (t, i) -> lettuce.get(stored[Load.pick(t, i, KEYS)]))),
                    new Load.Variant("redis-benchmark get", () -> {
                        double rps = runRedisBenchmark(redis, "get", rbRequests[0]);
                        rbRequests[0] = Math.max(50_000, (long) (rps * each.toSeconds()));
                        return rps;
                    }));
            List<Load.Variant> sets = List.of(
                    new Load.Variant("larder set", () -> Load.throughput(THREADS, each,
                            (t, i) -> cache.set(keys[Load.pick(t, i, KEYS)], value))),
                    new Load.Variant("lettuce set", () -> Load.throughput(THREADS, each,
                            (t, i) -> lettuce.set(stored[Load.pick(t, i, KEYS)], rawValue, fiveMinutes))),
                    new Load.Variant("redis-benchmark set", () -> {
                        double rps = runRedisBenchmark(redis, "set", rbRequests[1]);
                        rbRequests[1] = Math.max(50_000, (long) (rps * each.toSeconds()));
                        return rps;
                    }));
            System.err.println("warm-up");
            Load.rounds(1, List.of(gets.get(0), gets.get(1), sets.get(0), sets.get(1)));
            Map<String, double[]> getResults = Load.rounds(rounds, gets);
            Map<String, double[]> setResults = Load.rounds(rounds, sets);

            report.line("| comparison (" + THREADS + " threads, 1 KiB) | Larder ops/s | other ops/s | Larder / other, median (range) | target |");
            report.line("|---|---|---|---|---|");
            report.ratioRow("get: Larder / raw Lettuce", getResults, "larder get", "lettuce get", ">= 0.9x");
            report.ratioRow("set: Larder / raw Lettuce", setResults, "larder set", "lettuce set", ">= 0.9x");
            report.ratioRow("get: Larder / redis-benchmark -c 50", getResults, "larder get", "redis-benchmark get", ">= 1.0x");
            report.ratioRow("set: Larder / redis-benchmark -c 50", setResults, "larder set", "redis-benchmark set", ">= 1.0x");
            getMany(report, redis, cache, keys);
            connection.close();
            client.shutdown();
        }
    }

    /** {@code redis-benchmark} with 50 connections, 1 KiB values, 10,000 random keys; its requests per second. */
    static double runRedisBenchmark(RedisServer redis, String test, long requests) {
        try {
            Process p = new ProcessBuilder("redis-benchmark", "-h", "127.0.0.1", "-p", Integer.toString(redis.port()),
                    "-c", "50", "-n", Long.toString(requests), "-d", "1024", "-r", Integer.toString(KEYS), "-t", test, "-q")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            Matcher m = RPS.matcher(out.substring(Math.max(0, out.lastIndexOf(test.toUpperCase()))));
            if (!m.find()) {
                throw new IllegalStateException("unexpected redis-benchmark output: " + out);
            }
            return Double.parseDouble(m.group(1));
        } catch (Exception e) {
            throw new IllegalStateException("redis-benchmark failed (apt-get install redis-tools): " + e, e);
        }
    }

    /** One getMany of 100 keys: 100 GETRANGEs sent together (counted by the server), against 100 gets. */
    private static void getMany(Report report, RedisServer redis, Cache cache, String[] keys) throws Exception {
        List<String> hundred = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            hundred.add(keys[i * 37]);
        }
        long ranges = redis.calls("getrange");
        int repeats = 2_000;
        long[] many = Load.latencies(repeats, (t, i) -> cache.getMany(hundred));
        long rangeCalls = redis.calls("getrange") - ranges;
        long[] one = Load.latencies(repeats, (t, i) -> cache.get(hundred.get((int) (i % 100))));
        long[] sequential = Load.latencies(200, (t, i) -> {
            for (String k : hundred) {
                cache.get(k);
            }
        });
        Map<String, Object> entries = new LinkedHashMap<>();
        hundred.forEach(k -> entries.put(k, new byte[1024]));
        long[] setMany = Load.latencies(repeats, (t, i) -> cache.setMany(entries));
        long[] sets = Load.latencies(200, (t, i) -> entries.forEach(cache::set));
        report.line("");
        report.line("| one thread, 100 keys of 1 KiB | median latency | p99 | server commands per call |");
        report.line("|---|---|---|---|");
        report.line(String.format("| `getMany` of 100 keys | %.0f µs | %.0f µs | %.2f GETRANGE, pipelined |",
                Load.percentileMicros(many, 0.5), Load.percentileMicros(many, 0.99), rangeCalls / (double) repeats));
        report.line(String.format("| `get` of 1 key | %.0f µs | %.0f µs | 1 GETRANGE |",
                Load.percentileMicros(one, 0.5), Load.percentileMicros(one, 0.99)));
        report.line(String.format("| 100 `get`s in a row | %.0f µs | %.0f µs | 100 GETRANGE |",
                Load.percentileMicros(sequential, 0.5), Load.percentileMicros(sequential, 0.99)));
        report.line(String.format("| `setMany` of 100 keys | %.0f µs | %.0f µs | 100 SET PX, pipelined |",
                Load.percentileMicros(setMany, 0.5), Load.percentileMicros(setMany, 0.99)));
        report.line(String.format("| 100 `set`s in a row | %.0f µs | %.0f µs | 100 SET PX |",
                Load.percentileMicros(sets, 0.5), Load.percentileMicros(sets, 0.99)));
    }

}
