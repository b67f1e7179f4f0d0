package dev.larder.benchmarks;

import dev.larder.Cache;
import dev.larder.CacheConfig;
import dev.larder.CacheRegistry;
import dev.larder.Timeout;
import dev.larder.testkit.Stampede;
import dev.larder.testkit.servers.RedisServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * {@code getOrSet} through a stampede on Redis, with the load policy off and on, in one run:
 * <ol>
 *   <li>a cold key: 500 callers in each of two JVMs at once, a one-second loader; how many
 *       times the loader ran, without and with {@code lease};</li>
 *   <li>a hot key across its expiries: 8 threads in each of two processes (caches that share
 *       only the store) for 12 s, a 1 s timeout and a 100 ms loader; reloads per expiry and
 *       callers that waited for a reload, without and with {@code early-refresh} and a lease.</li>
 * </ol>
 * Starts its own {@code redis-server}.
 *
 * <p>{@code java -cp benchmarks.jar dev.larder.benchmarks.LoadStorm}
 */
public final class LoadStorm {
    private static final Duration LEASE = Duration.ofSeconds(10);

    private LoadStorm() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("child")) {
            child(args);
            return;
        }
        Report report = new Report("loads");
        try (RedisServer redis = RedisServer.start()) {
            report.line("| cold key, 1,000 callers in two JVMs | loader runs |");
            report.line("|---|---|");
            report.line("| no lease | " + coldKey(redis, false) + " |");
            report.line("| `lease=true` | " + coldKey(redis, true) + " |");
            report.line("");
            report.line("| hot key, warm, 2 processes x 8 threads, 12 s, timeout 1 s, load 100 ms | entries stored | loads | loads per entry | calls that waited > 50 ms | slowest call (ms) |");
            report.line("|---|---|---|---|---|---|");
            report.line(hotKey(redis, "no policy", b -> b));
            report.line(hotKey(redis, "`early-refresh=true`, `lease=true`", b -> b.earlyRefresh(true).lease(LEASE)));
        }
    }

    private static Cache open(List<CacheRegistry> opened, String uri, String prefix, UnaryOperator<CacheConfig.Builder> policy) {
        CacheConfig.Builder b = CacheConfig.builder().backend("redis").location(uri).keyPrefix(prefix)
                .option("command-timeout", "2s");
        CacheRegistry registry = CacheRegistry.builder().cache("default", policy.apply(b).build()).build();
        opened.add(registry);
        return registry.defaultCache();
    }

    /** The loader's runs when 500 callers in this JVM and 500 in another ask for one cold key. */
    private static long coldKey(RedisServer redis, boolean lease) throws Exception {
        String prefix = "cold-" + lease;
        List<CacheRegistry> opened = new ArrayList<>();
        try {
            Cache cache = open(opened, redis.uri(), prefix, b -> lease ? b.lease(LEASE) : b);
            cache.set("loads", 0L, Timeout.NEVER);
            Process other = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), LoadStorm.class.getName(), "child",
                    redis.uri(), prefix, Boolean.toString(lease)).redirectErrorStream(true).start();
            BufferedReader lines = new BufferedReader(new InputStreamReader(other.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = lines.readLine()) != null && !line.equals("ready")) {
                System.out.println("  other JVM: " + line);
            }
            // Both sides start 500 ms from now; the loader takes a second, so both race it.
            long start = System.currentTimeMillis() + 500;
            cache.set("start", start, Timeout.NEVER);
            Stampede.race(cache, "cold", 500, start);
            String out = lines.lines().collect(Collectors.joining("\n"));
            if (!other.waitFor(60, TimeUnit.SECONDS) || other.exitValue() != 0 || line == null) {
                throw new IllegalStateException("the other JVM failed: " + out);
            }
            return cache.get("loads", Long.class);
        } finally {
            opened.forEach(CacheRegistry::close);
        }
    }

    private static void child(String[] args) throws Exception {
        List<CacheRegistry> opened = new ArrayList<>();
        try {
            Cache cache = open(opened, args[1], args[2], b -> Boolean.parseBoolean(args[3]) ? b.lease(LEASE) : b);
            System.out.println("ready");
            Stampede.race(cache, "cold", 500, Stampede.awaitStart(cache));
        } finally {
            opened.forEach(CacheRegistry::close);
        }
    }

    /** One row: entries stored, loads, loads per entry, calls that waited, the slowest call. */
    private static String hotKey(RedisServer redis, String name, UnaryOperator<CacheConfig.Builder> policy)
            throws Exception {
        List<CacheRegistry> opened = new ArrayList<>();
        String prefix = "hot-" + System.nanoTime();
        List<Cache> processes = List.of(open(opened, redis.uri(), prefix, policy), open(opened, redis.uri(), prefix, policy));
        AtomicLong loads = new AtomicLong();
        AtomicLong waited = new AtomicLong();
        AtomicLong slowest = new AtomicLong();
        Set<Object> seen = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        // Warm: what is measured is expiry, not the cold start (the first table).
        hammer(processes.get(0), System.nanoTime(), seen, loads, waited, slowest);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(12);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (Cache c : processes) {
                for (int i = 0; i < 8; i++) {
                    running.add(pool.submit(() -> hammer(c, end, seen, loads, waited, slowest)));
                }
            }
            for (Future<?> f : running) {
                f.get(60, TimeUnit.SECONDS);
            }
            // A loader whose add lost returns the winner's value, so callers see stored values only.
            long stored = seen.size();
            return String.format("| %s | %d | %d | %.2f | %d | %d |", name, stored, loads.get(),
                    (double) loads.get() / stored, waited.get(), TimeUnit.NANOSECONDS.toMillis(slowest.get()));
        } finally {
            pool.shutdownNow();
            opened.forEach(CacheRegistry::close);
        }
    }

    private static Void hammer(Cache cache, long end, Set<Object> seen, AtomicLong loads, AtomicLong waited,
                               AtomicLong slowest) {
        cache.add("generation", 0L, Timeout.NEVER);
        do {
            long start = System.nanoTime();
            boolean[] loaded = {false};
            Object value = cache.getOrSet("hot", () -> {
                loaded[0] = true;
                loads.incrementAndGet();
                sleep(100);
                return "generation " + cache.incr("generation");
            }, Timeout.ofSeconds(1));
            seen.add(value);
            long took = System.nanoTime() - start;
            if (!loaded[0] && took > TimeUnit.MILLISECONDS.toNanos(50)) {
                waited.incrementAndGet();
            }
            slowest.accumulateAndGet(loaded[0] ? 0 : took, Math::max);
        } while (System.nanoTime() - end < 0);
        return null;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
