package dev.larder.benchmarks;

import dev.larder.Cache;
import dev.larder.CacheConfig;
import dev.larder.CacheRegistry;
import dev.larder.CacheStats;
import dev.larder.Timeout;
import dev.larder.testkit.servers.RedisServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * How long a near cache serves a value another node has replaced, and what each
 * {@code near-cache.mode} costs the load around it. Two registries in one JVM stand for two
 * nodes, A and B, each with its own near cache (its own tracking connection) on one
 * {@code redis-server} the harness starts; both name the same cache (one key prefix).
 *
 * <p>A probe: B holds key {@code probe} locally (it read it), A waits 0.5-1.5 ms, {@code set}s
 * a new value, and as soon as the {@code set} returns (acknowledged) the same thread reads the
 * key on B in a tight loop until B returns the new value, timing each read. <b>left</b> is the
 * start of B's first read that returned the new value: the entry had left B's local tier by
 * then. It was still there at the start of the read before (or at A's ack, if there was none),
 * so the p99 of those earlier instants is a lower bound of the true p99; the gap between the
 * two reads is the resolution, reported. <b>seen</b> is the end of that first read: the
 * invalidation plus B's read of the new value from Redis. One thread does both, so no hand-off
 * between threads is measured; it yields between reads, so that its spinning does not keep
 * Lettuce's event loop, which handles B's invalidations, off one of the machine's two cores.
 * When B's first read after the {@code set} already returns the new value, B had dropped the
 * entry before A's {@code set} returned (counted). 2 x {@code samples} probes, the first half
 * unrecorded (warm-up).
 *
 * <p>Around the probes, load threads (two per node) read and write other keys of the same
 * cache: {@code idle} (none), {@code read-heavy} (90% reads over 5,000 keys, which fit the
 * local tier of 10,000, the default bound) and {@code write-heavy} (50% writes over 100,000
 * keys, ten times the tier). Each load's throughput is measured alone first, for
 * {@code SECONDS}, without the probe's spinning reader. Modes: {@code off} (no near cache: B
 * reads Redis every time; its "seen" is one read), {@code default} and {@code bcast}, in an
 * order rotated per round; a fresh pair of registries and an empty server for each.
 *
 * <p>{@code java -cp benchmarks.jar dev.larder.benchmarks.NearCacheStaleness [rounds] [seconds] [samples]}
 */
public final class NearCacheStaleness {
    private static final String PROBE = "probe";
    private static final int LOAD_THREADS = 4;
    private static final String VALUE = Workload.stringValue(7);
    private static final List<String> MODES = List.of("off", "default", "bcast");

    /** A background load: keys, share of writes, threads. */
    private record Profile(String name, int keys, int writePercent, int threads) {
    }

    private static final List<Profile> PROFILES = List.of(
            new Profile("idle", 0, 0, 0),
            new Profile("read-heavy", 5_000, 10, LOAD_THREADS),
            new Profile("write-heavy", 100_000, 50, LOAD_THREADS));

    /** One configuration's measurements in one round. */
    private record Run(long[] leftAfter, long[] left, long[] seen, long[] gap, int beforeAck, double opsPerSecond,
                       CacheStats b) {
    }

    private NearCacheStaleness() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = Load.roundsArg(args);
        Duration each = Load.durationArg(args);
        int samples = args.length > 2 ? Integer.parseInt(args[2]) : 2_000;
        Map<String, List<Run>> runs = new LinkedHashMap<>();
        try (RedisServer redis = RedisServer.start()) {
            for (int r = 0; r < rounds; r++) {
                for (Profile profile : PROFILES) {
                    for (int m = 0; m < MODES.size(); m++) {
                        String mode = MODES.get((m + r) % MODES.size());
                        redis.cli("FLUSHALL");
                        Run run = measure(redis, mode, profile, each, samples);
                        runs.computeIfAbsent(profile.name() + "/" + mode, k -> new ArrayList<>()).add(run);
                        System.err.printf("  round %d %-11s %-7s load %,10.0f ops/s  left p50 %6.1f p99 %7.1f  seen p50 %6.1f"
                                        + " p99 %7.1f µs  B: %s%n", r + 1, profile.name(), mode, run.opsPerSecond,
                                micros(run.left, 0.5), micros(run.left, 0.99), micros(run.seen, 0.5),
                                micros(run.seen, 0.99), run.b);
                    }
                }
            }
        }
        report(runs, rounds, samples, each);
    }

    private static Run measure(RedisServer redis, String mode, Profile profile, Duration each, int samples)
            throws Exception {
        try (CacheRegistry a = registry(redis, mode); CacheRegistry b = registry(redis, mode)) {
            Cache[] nodes = {a.defaultCache(), b.defaultCache()};
            String[] keys = fill(nodes[0], profile.keys());
            LongAdder ops = new LongAdder();
            List<Thread> load = new ArrayList<>();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            AtomicBoolean stop = new AtomicBoolean();
            for (int t = 0; t < profile.threads(); t++) {
                Cache cache = nodes[t % 2];
                SplittableRandom random = new SplittableRandom(t);
                Thread thread = new Thread(() -> {
                    try {
                        while (!stop.get()) {
                            String key = keys[random.nextInt(keys.length)];
                            if (random.nextInt(100) < profile.writePercent()) {
                                cache.set(key, VALUE);
                            } else {
                                cache.get(key);
                            }
                            ops.increment();
                        }
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                    }
                }, "load-" + t);
                load.add(thread);
                thread.start();
            }
            double throughput = 0;
            if (profile.threads() > 0) {
                Thread.sleep(2_000);
                long before = ops.sum();
                long t0 = System.nanoTime();
                Thread.sleep(each.toMillis());
                throughput = (ops.sum() - before) / ((System.nanoTime() - t0) / 1e9);
            }
            Run run;
            try {
                run = probe(nodes[0], nodes[1], samples, throughput);
            } finally {
                stop.set(true);
                for (Thread thread : load) {
                    thread.join();
                }
            }
            if (failure.get() != null) {
                throw new IllegalStateException("a load thread failed: " + failure.get(), failure.get());
            }
            return run;
        }
    }

    private static CacheRegistry registry(RedisServer redis, String mode) {
        CacheConfig.Builder cache = CacheConfig.builder().backend("redis").location(redis.uri()).keyPrefix("app")
                .timeout(Timeout.ofMinutes(60));
        if (!mode.equals("off")) {
            cache.option("near-cache.enabled", "true").option("near-cache.mode", mode);
        }
        return CacheRegistry.builder().cache("default", cache.build()).build();
    }

    private static String[] fill(Cache cache, int count) {
        String[] keys = new String[count];
        Map<String, Object> batch = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            keys[i] = "item:" + i;
            batch.put(keys[i], VALUE);
            if (batch.size() == 1_000 || i == count - 1) {
                cache.setMany(batch);
                batch.clear();
            }
        }
        return keys;
    }

    /**
     * A writes the probe key {@code samples} times (after as many unrecorded, to warm up); after
     * each write returns, the same thread reads it on B until B returns the new value.
     */
    private static Run probe(Cache a, Cache b, int samples, double throughput) {
        long[] leftAfter = new long[samples];
        long[] left = new long[samples];
        long[] seen = new long[samples];
        long[] gap = new long[samples];
        int beforeAck = 0;
        SplittableRandom random = new SplittableRandom(42);
        a.set(PROBE, probeValue(0));
        for (int i = 1; i <= 2 * samples; i++) {
            LockSupport.parkNanos(500_000 + random.nextInt(1_000_000));
            // B's copy of the last value: local since B's read that fetched it.
            if (!probeValue(i - 1).equals(b.get(PROBE))) {
                throw new IllegalStateException("B does not hold value " + (i - 1) + " of the probe");
            }
            String value = probeValue(i);
            a.set(PROBE, value);
            long acked = System.nanoTime();
            long previous = acked;
            long deadline = acked + TimeUnit.SECONDS.toNanos(10);
            while (true) {
                long start = System.nanoTime();
                Object read = b.get(PROBE);
                long end = System.nanoTime();
                if (value.equals(read)) {
                    int k = i - samples - 1;
                    if (k >= 0) {
                        leftAfter[k] = previous - acked;
                        left[k] = start - acked;
                        seen[k] = end - acked;
                        gap[k] = start - previous;
                        beforeAck += previous == acked ? 1 : 0;
                    }
                    break;
                }
                if (end > deadline) {
                    throw new IllegalStateException("B still serves value " + (i - 1) + " of the probe 10 s after A's set");
                }
                previous = start;
                // B's event loop, which handles the invalidation, may need this core (2 here).
                Thread.yield();
            }
        }
        Arrays.sort(leftAfter);
        Arrays.sort(left);
        Arrays.sort(seen);
        Arrays.sort(gap);
        return new Run(leftAfter, left, seen, gap, beforeAck, throughput, b.stats());
    }

    /** The sample's number first, padded to a 100-character value. */
    private static String probeValue(int i) {
        return i + " " + Workload.stringValue(i).substring(Integer.toString(i).length() + 1);
    }

    static double micros(long[] sorted, double p) {
        return Load.percentileMicros(sorted, p);
    }

    private static void report(Map<String, List<Run>> runs, int rounds, int samples, Duration each) {
        Report report = new Report("near-staleness");
        report.line(String.format("%d rounds x %,d samples per row; load throughput over %d s, measured before the probes.",
                rounds, samples, each.toSeconds()));
        report.line("");
        report.line("| load | mode | left B's tier p50 / p99 / max µs | left, p99 no earlier than µs | B reads new value p50 / p99 / max µs "
                + "| p99 range over rounds (seen) | seen > 1 ms | resolution p99 µs | load ops/s (median) | load vs off (range) |");
        report.line("|---|---|---|---|---|---|---|---|---|---|");
        for (Profile profile : PROFILES) {
            double[] off = throughputs(runs.get(profile.name() + "/off"));
            for (String mode : MODES) {
                List<Run> list = runs.get(profile.name() + "/" + mode);
                long[] leftAfter = pool(list, Run::leftAfter);
                long[] left = pool(list, Run::left);
                long[] seen = pool(list, Run::seen);
                long[] gap = pool(list, Run::gap);
                double[] p99s = list.stream().mapToDouble(r -> micros(r.seen, 0.99)).sorted().toArray();
                double[] ops = throughputs(list);
                String load = profile.threads() == 0 ? "-" : String.format("%,.0f", Load.median(ops));
                String vsOff = "-";
                if (profile.threads() > 0) {
                    double[] ratio = Load.ratio(ops, off);
                    vsOff = String.format("**%.2fx** (%.2f-%.2f)", ratio[0], ratio[1], ratio[2]);
                }
                report.line(String.format("| %s | %s | %s | %s | %s | %.0f-%.0f | %.2f%% | %.1f | %s | %s |", profile.name(),
                        mode, mode.equals("off") ? "-" : triple(left),
                        mode.equals("off") ? "-" : String.format("%.0f", micros(leftAfter, 0.99)), triple(seen), p99s[0],
                        p99s[p99s.length - 1],
                        100.0 * over(seen, 1_000_000) / seen.length, micros(gap, 0.99), load, vsOff));
            }
        }
        report.line("");
        report.line("| load | mode | B's local hits (last round) | fills | invalidations | flushes "
                + "| B had dropped it when A's set returned (all rounds) |");
        report.line("|---|---|---|---|---|---|---|");
        for (Profile profile : PROFILES) {
            for (String mode : MODES) {
                List<Run> list = runs.get(profile.name() + "/" + mode);
                CacheStats s = list.get(list.size() - 1).b;
                int before = list.stream().mapToInt(Run::beforeAck).sum();
                report.line(String.format("| %s | %s | %,d | %,d | %,d | %d | %d of %,d |", profile.name(), mode,
                        s.localHits(), s.localFills(), s.invalidations(), s.flushes(), before, samples * list.size()));
            }
        }
    }

    private static long over(long[] sorted, long nanos) {
        return Arrays.stream(sorted).filter(n -> n > nanos).count();
    }

    private static String triple(long[] sorted) {
        return String.format("%.0f / %.0f / %.0f", micros(sorted, 0.5), micros(sorted, 0.99),
                sorted[sorted.length - 1] / 1000.0);
    }

    private static double[] throughputs(List<Run> list) {
        return list.stream().mapToDouble(Run::opsPerSecond).toArray();
    }

    private static long[] pool(List<Run> list, java.util.function.Function<Run, long[]> part) {
        long[] all = list.stream().flatMapToLong(r -> Arrays.stream(part.apply(r))).toArray();
        Arrays.sort(all);
        return all;
    }
}
