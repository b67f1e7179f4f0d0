package dev.larder.benchmarks;

import dev.larder.CacheConfig;
import dev.larder.CacheRegistry;
import dev.larder.testkit.servers.MemcachedServers;
import dev.larder.testkit.servers.RedisServer;
import dev.larder.testkit.servers.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fault-injection suite: {@link FaultApp} under wrk load, its page cache and a
 * {@code getOrSet} endpoint on Redis, one endpoint on Memcached and one on the PostgreSQL
 * {@code jdbc} backend, while each {@link Fault} is injected in turn for {@link #HOLD}. Starts
 * its own {@code redis-server} and {@code memcached} on free loopback ports and works in a
 * database of its own on the machine's PostgreSQL, dropped at the end. Prints a table per
 * fault and exits with 1 when a target is missed: no failed request, p99 during the outage
 * (from 1 s after the fault) within {@link #P99_ADDED} of the same app with caching off, and
 * caching again within {@link #RESUME} of the server's return.
 *
 * <p>{@code java -cp benchmarks.jar dev.larder.benchmarks.FaultRun}
 */
public final class FaultRun {
    static final Duration HOLD = Duration.ofSeconds(10);
    static final Duration P99_ADDED = Duration.ofMillis(5);
    static final Duration RESUME = Duration.ofSeconds(5);
    static final String JDBC_TABLE = "larder_faults_cache";
    private static final Duration WARM = Duration.ofSeconds(2);
    private static final Duration PHASE = Duration.ofSeconds(3);
    private static final Duration SETTLE = Duration.ofSeconds(1);
    private static final Duration RESUME_MAX = Duration.ofSeconds(15);
    /** wrk's connections, and the pause each takes between requests: a steady load that leaves CPU to measure with. */
    static final int CONNECTIONS = 8;
    static final int PAUSE_MILLIS = 2;

    private FaultRun() {
    }

    public static void main(String[] args) throws Exception {
        List<FaultResult> results = new ArrayList<>();
        Map<String, Probe.Phase> baselines = new LinkedHashMap<>();
        try (RedisServer redis = RedisServer.start("--enable-debug-command", "yes");
             MemcachedServers memcached = MemcachedServers.start(1);
             TestDatabase db = TestDatabase.create(TestDatabase.Kind.POSTGRESQL);
             CacheRegistry caches = caches(redis, memcached, db);
             FaultApp app = new FaultApp(caches.defaultCache(), Map.of("redis", caches.cache("redis"),
                     "memcached", caches.cache("memcached"), "jdbc", caches.cache("jdbc")))) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> thawQuietly(redis, memcached)));
            Fault.Target pages = new Fault.Target("page cache + getOrSet on Redis", interleave("/page/", "/api/redis/"),
                    "/page/u" + System.nanoTime() + "-", "/page/");
            Fault.Target mc = Fault.Target.of("getOrSet on Memcached", "/api/memcached/", "/api/memcached/u");
            Fault.Target pg = Fault.Target.of("getOrSet on PostgreSQL", "/api/jdbc/", "/api/jdbc/u");
            for (Fault.Target t : List.of(pages, mc, pg)) {
                warm(app, t);
            }
            for (Fault.Target t : List.of(pages, mc, pg)) {
                baselines.put(t.name(), baseline(app, t));
            }
            List<Fault> faults = List.of(Fault.redisKill(pages, redis), Fault.redisFreeze(pages, redis),
                    Fault.redisSleep(pages, redis, HOLD), Fault.redisFull(pages, redis),
                    Fault.memcachedKill(mc, memcached), Fault.memcachedFreeze(mc, memcached),
                    Fault.postgresLock(pg, db, JDBC_TABLE), Fault.postgresTerminate(pg, db));
            for (Fault fault : faults) {
                System.err.println("fault: " + fault.name());
                results.add(run(app, fault));
            }
        }
        boolean met = FaultReport.print(results, baselines);
        System.exit(met ? 0 : 1);
    }

    private static CacheRegistry caches(RedisServer redis, MemcachedServers memcached, TestDatabase db) {
        return CacheRegistry.builder()
                .cache("default", CacheConfig.builder().backend("redis").location(redis.uri()).build())
                .cache("redis", loadPolicies(CacheConfig.builder().backend("redis").location(redis.uri())))
                .cache("memcached", loadPolicies(CacheConfig.builder().backend("memcached").location(memcached.location())))
                .cache("jdbc", loadPolicies(CacheConfig.builder().backend("jdbc").location(JDBC_TABLE)
                        .option("url", db.url()).option("create-table", "true").option("max-entries", "100000")))
                .build();
    }

    /** Every {@code getOrSet} policy on, so that the faults run through them: one load across processes, XFetch, stale entries. */
    private static CacheConfig loadPolicies(CacheConfig.Builder config) {
        return config.lease(Duration.ofSeconds(10)).earlyRefresh(true).staleWhileRevalidate(Duration.ofSeconds(30))
                .staleIfError(Duration.ofMinutes(5)).build();
    }

    /** Paths alternating between page-cached pages and the Redis {@code getOrSet} endpoint. */
    private static List<String> interleave(String pagePrefix, String apiPrefix) {
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            paths.add(pagePrefix + i);
            paths.add(apiPrefix + i);
        }
        return paths;
    }

    /** The same load on the same views with no cache in the path: what a request costs with caching off. */
    private static Probe.Phase baseline(FaultApp app, Fault.Target target) throws Exception {
        Wrk.Running load = Wrk.start(app.base(), Wrk.script(target.baseline(), PAUSE_MILLIS, "/off" + target.unique(), 10),
                CONNECTIONS, Duration.ofMinutes(1));
        try {
            Thread.sleep(WARM.toMillis());
            return new Probe(app.base()).measure(target.baseline(), PHASE.plus(PHASE));
        } finally {
            load.stop();
        }
    }

    /** Both ways to each target under load for a while, so that the baselines do not measure the JIT compiler. */
    private static void warm(FaultApp app, Fault.Target target) throws Exception {
        List<String> both = new ArrayList<>(target.paths());
        both.addAll(target.baseline());
        Wrk.Running load = Wrk.start(app.base(), Wrk.script(both, 0, target.unique() + "warm-", 10), CONNECTIONS,
                Duration.ofMinutes(1));
        try {
            new Probe(app.base()).measure(both, WARM.plus(PHASE));
        } finally {
            load.stop();
        }
    }

    /** One fault's timeline under load: before, the fault, the server back, caching back, after. */
    private static FaultResult run(FaultApp app, Fault fault) throws Exception {
        Fault.Target t = fault.target();
        Probe probe = new Probe(app.base());
        long fallbacks = app.fallbacks();
        long pageErrors = app.pages().stats().errors();
        Wrk.Running load = Wrk.start(app.base(), Wrk.script(t.paths(), PAUSE_MILLIS, t.unique() + System.nanoTime() + "-", 10),
                CONNECTIONS, Duration.ofMinutes(2));
        Probe.Phase before;
        Outage outage;
        Duration resumed;
        Probe.Phase after;
        Wrk.Counts counts;
        try {
            Thread.sleep(WARM.toMillis());
            before = probe.measure(t.paths(), PHASE);
            outage = outage(fault, probe);
            resumed = probe.untilCached(t.fresh(), outage.back(), RESUME_MAX);
            after = probe.measure(t.paths(), PHASE);
        } finally {
            counts = load.stop();
        }
        return new FaultResult(fault.name(), t.name(), counts, before, outage.during(), after, resumed,
                app.fallbacks() - fallbacks, app.pages().stats().errors() - pageErrors);
    }

    /** The latencies during a fault, and when its server was back ({@link System#nanoTime}). */
    private record Outage(Probe.Phase during, long back) {
    }

    /** Injects the fault, measures from {@link #SETTLE} after it to its end, and always brings the server back. */
    private static Outage outage(Fault fault, Probe probe) throws Exception {
        Probe.Phase during;
        try {
            fault.inject().run();
            Thread.sleep(SETTLE.toMillis());
            during = probe.measure(fault.target().paths(), HOLD.minus(SETTLE));
        } finally {
            fault.recover().run();
        }
        return new Outage(during, System.nanoTime());
    }

    /** For the shutdown hook: a server left frozen by an interrupted run is continued (SIGCONT). */
    private static void thawQuietly(RedisServer redis, MemcachedServers memcached) {
        List<Runnable> thaws = List.of(redis::thaw, () -> memcached.thaw(0));
        for (Runnable thaw : thaws) {
            try {
                thaw.run();
            } catch (RuntimeException notRunning) {
                // a server already gone needs no SIGCONT
            }
        }
    }

    /** What one fault's run measured. */
    record FaultResult(String fault, String target, Wrk.Counts load, Probe.Phase before, Probe.Phase during,
            Probe.Phase after, Duration resumed, long fallbacks, long pageErrors) {
        long failed() {
            return load.failed() + before.failed() + during.failed() + after.failed();
        }
    }
}
