package dev.larder.benchmarks;

import dev.larder.CacheConfig;
import dev.larder.CacheRegistry;
import dev.larder.benchmarks.models.Child;
import dev.larder.benchmarks.models.Family;
import dev.larder.benchmarks.models.Parent;
import dev.larder.hibernate.LarderIntegrator;
import dev.larder.hibernate.ModelCache;
import dev.larder.testkit.servers.RedisServer;
import dev.larder.testkit.servers.TestDatabase;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.Configuration;

/**
 * The model cache on PostgreSQL, side by side in one run: a cached {@code Child} with both
 * parents fetched, served from local memory, from Redis (strict) and from Redis's near cache
 * ({@code bounded-staleness}), against the same Hibernate query with fetch joins; the cache
 * round trips of a hit; what an update of a parent costs with one and with 10,000 cached
 * children; and how long after a commit on one node a reader on another still sees the old
 * row, in both modes ({@link ModelStaleness}).
 *
 * <p>{@code java -cp benchmarks.jar dev.larder.benchmarks.ModelLoad [rounds] [seconds]}
 */
public final class ModelLoad {
    static final int THREADS = Integer.getInteger("threads", 8);
    static final int CHILDREN = 1_000;
    static final int PARENTS = 200;
    static final int DEPENDANTS = 10_000;
    static final int UPDATES = 200;
    static final int STALENESS_UPDATES = Integer.getInteger("staleness.updates", 300);
    private static final Map<String, String> STRICT = Map.of();
    /** Commands the near cache's trackers send on their own (heartbeat, arming), not for a read. */
    private static final java.util.Set<String> HOUSEKEEPING = java.util.Set.of("ping", "config", "info", "hello",
            "client");
    private static final Map<String, String> BOUNDED = Map.of(LarderIntegrator.CONSISTENCY, "bounded-staleness");
    private static final String FETCH = "select c from " + Child.class.getName()
            + " c left join fetch c.mother left join fetch c.father where c.id = :id";

    private ModelLoad() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = Load.roundsArg(args);
        Duration each = Load.durationArg(args);
        Report report = new Report("models");
        try (TestDatabase db = TestDatabase.create(TestDatabase.Kind.POSTGRESQL);
             RedisServer redis = RedisServer.start();
             CacheRegistry local = CacheRegistry.builder().cache("default", CacheConfig.builder().backend("locmem")
                     .location("models").option("max-entries", "200000").build()).build();
             CacheRegistry shared = redis(redis, false);
             CacheRegistry sharedB = redis(redis, false);
             CacheRegistry near = redis(redis, true);
             CacheRegistry nearB = redis(redis, true);
             SessionFactory onLocal = factory(db.url(), local, "create", STRICT);
             SessionFactory onRedis = factory(db.url(), shared, "none", STRICT);
             SessionFactory onRedisB = factory(db.url(), sharedB, "none", STRICT);
             SessionFactory onNear = factory(db.url(), near, "none", BOUNDED);
             SessionFactory onNearB = factory(db.url(), nearB, "none", BOUNDED);
             RawLettuce raw = new RawLettuce(redis.uri())) {
            long[] ids = seed(onLocal);
            ModelCache localModels = ModelCache.of(onLocal);
            ModelCache redisModels = ModelCache.of(onRedis);
            ModelCache nearModels = ModelCache.of(onNear);
            for (long id : ids) {
                read(onLocal, localModels, id);
                read(onLocal, localModels, id);
                read(onRedis, redisModels, id);
                read(onRedis, redisModels, id);
                read(onNear, nearModels, id);
            }
            List<Load.Variant> variants = List.of(
                    new Load.Variant("larder hit, locmem", () -> Load.throughput(THREADS, each,
                            (t, i) -> read(onLocal, localModels, ids[Load.pick(t, i, ids.length)]))),
                    new Load.Variant("larder hit, redis", () -> Load.throughput(THREADS, each,
                            (t, i) -> read(onRedis, redisModels, ids[Load.pick(t, i, ids.length)]))),
                    new Load.Variant("larder hit, redis near cache", () -> Load.throughput(THREADS, each,
                            (t, i) -> read(onNear, nearModels, ids[Load.pick(t, i, ids.length)]))),
                    new Load.Variant("hibernate fetch join", () -> Load.throughput(THREADS, each,
                            (t, i) -> query(onLocal, ids[Load.pick(t, i, ids.length)]))),
                    // The ceiling of a Redis hit on this machine: the same one getMany, nothing else.
                    new Load.Variant("getMany alone, redis", () -> Load.throughput(THREADS, each,
                            (t, i) -> shared.defaultCache().getMany(keysOf(ids[Load.pick(t, i, ids.length)])))),
                    // What a Lettuce user gets for the same six keys: one MGET on one shared connection.
                    new Load.Variant("raw lettuce mget", () -> Load.throughput(THREADS, each,
                            (t, i) -> raw.mget(keysOf(ids[Load.pick(t, i, ids.length)])))));
            Load.rounds(1, variants); // warm-up round, not reported
            Map<String, double[]> results = Load.rounds(rounds, variants);
            report.line(String.format("Model cache on PostgreSQL, %d threads, %d rounds of %d s, %d children with"
                    + " both parents fetched:", THREADS, rounds, each.toSeconds(), CHILDREN));
            report.line("");
            report.line("| comparison | Larder reads/s | Hibernate reads/s | ratio (range) | target |");
            report.line("|---|---|---|---|---|");
            report.ratioRow("cached Child + 2 parents, locmem, vs fetch-join query", results, "larder hit, locmem",
                    "hibernate fetch join", ">= 10x");
            report.ratioRow("cached Child + 2 parents, Redis, vs fetch-join query", results, "larder hit, redis",
                    "hibernate fetch join", ">= 10x");
            report.ratioRow("cached Child + 2 parents, Redis near cache (bounded-staleness), vs fetch-join query",
                    results, "larder hit, redis near cache", "hibernate fetch join", ">= 10x");
            report.ratioRow("the same getMany alone (no Hibernate), Redis, vs fetch-join query", results,
                    "getMany alone, redis", "hibernate fetch join", "ceiling");
            report.ratioRow("raw Lettuce `MGET` of the same six keys, vs fetch-join query", results,
                    "raw lettuce mget", "hibernate fetch join", "ceiling");
            report.ratioRow("cached Child + 2 parents, Redis, vs raw Lettuce `MGET` alone", results,
                    "larder hit, redis", "raw lettuce mget", "");
            report.ratioRow("cached Child + 2 parents, Redis near cache (bounded-staleness), vs Redis (strict)",
                    results, "larder hit, redis near cache", "larder hit, redis", "");
            report.line("");
            roundTrips(report, redis, onRedis, redisModels, ids);
            nearRoundTrips(report, redis, onNear, nearModels, ids);
            invalidationCost(report, onLocal, localModels);
            report.line("");
            report.line(String.format("Staleness: node A writes a child's mother's name, node B reads the child"
                    + " through its model cache in a loop; %d writes per row. Stale window: how long after A's write"
                    + " returned (the commit; for JDBC, the `invalidate` after it) a read B began after that could"
                    + " still return the old name (µs).", STALENESS_UPDATES));
            report.line("");
            report.line("| mode, write (node A -> node B) | writes | writes with a stale read | stale reads | window p50"
                    + " | p99 | max | older name after the new |");
            report.line("|---|---|---|---|---|---|---|---|");
            ModelCache redisModelsB = ModelCache.of(onRedisB);
            ModelCache nearModelsB = ModelCache.of(onNearB);
            ModelStaleness.measure(report, "strict, entity update", onRedis, redisModels, onRedisB, redisModelsB,
                    ids[0], STALENESS_UPDATES, false);
            ModelStaleness.measure(report, "bounded-staleness, entity update", onNear, nearModels, onNearB,
                    nearModelsB, ids[0], STALENESS_UPDATES, false);
            ModelStaleness.measure(report, "strict, JDBC + invalidate", onRedis, redisModels, onRedisB, redisModelsB,
                    ids[0], STALENESS_UPDATES, true);
            ModelStaleness.measure(report, "bounded-staleness, JDBC + invalidate", onNear, nearModels, onNearB,
                    nearModelsB, ids[0], STALENESS_UPDATES, true);
        }
    }

    /**
     * The keys one hit of child {@code id} reads: its entry and the stamps of the child, both
     * parents and the two models' epochs (the parents as seeded: child c has parents c and c + 1).
     */
    private static List<String> keysOf(long id) {
        String child = Child.class.getName();
        String parent = Parent.class.getName();
        return List.of("model:" + child + ":id:" + id, "stamp:" + child + ":" + id, "stamp:" + parent + ":" + (id % 7),
                "stamp:" + parent + ":" + (id % 11), "epoch:" + child, "epoch:" + parent);
    }

    /** Raw Lettuce on one shared connection, reading the keys as Larder names them (version 1, no prefix). */
    private static final class RawLettuce implements AutoCloseable {
        private final RedisClient client;
        private final StatefulRedisConnection<String, byte[]> connection;

        RawLettuce(String uri) {
            client = RedisClient.create(uri);
            connection = client.connect(RedisCodec.of(StringCodec.UTF8,
                    ByteArrayCodec.INSTANCE));
        }

        Object mget(List<String> keys) {
            return connection.sync().mget(keys.stream().map(k -> ":1:" + k).toArray(String[]::new));
        }

        @Override
        public void close() {
            connection.close();
            client.shutdown();
        }
    }

    /** A registry of its own (as one node has) on the shared redis-server, with or without the near cache. */
    private static CacheRegistry redis(RedisServer redis, boolean nearCache) {
        CacheConfig.Builder config = CacheConfig.builder().backend("redis").location(redis.uri());
        if (nearCache) {
            config.option("near-cache.enabled", "true");
        }
        return CacheRegistry.builder().cache("default", config.build()).build();
    }

    private static SessionFactory factory(String url, CacheRegistry registry, String ddl, Map<String, String> settings) {
        Configuration cfg = new Configuration().addAnnotatedClass(Family.class).addAnnotatedClass(Parent.class)
                .addAnnotatedClass(Child.class);
        cfg.setProperty("hibernate.connection.url", url);
        cfg.setProperty("hibernate.hbm2ddl.auto", ddl);
        cfg.setProperty("hibernate.connection.pool_size", "8");
        cfg.getProperties().put(LarderIntegrator.REGISTRY, registry);
        settings.forEach(cfg::setProperty);
        return cfg.buildSessionFactory();
    }

    private static long[] seed(SessionFactory factory) {
        return factory.fromTransaction(s -> {
            Family family = new Family();
            family.name = "Smith";
            s.persist(family);
            Parent[] parents = new Parent[PARENTS];
            for (int p = 0; p < PARENTS; p++) {
                parents[p] = new Parent();
                parents[p].name = "parent " + p;
                parents[p].family = family;
                s.persist(parents[p]);
            }
            long[] ids = new long[CHILDREN];
            for (int c = 0; c < CHILDREN; c++) {
                Child child = child("child " + c, parents[c % PARENTS], parents[(c + 1) % PARENTS]);
                s.persist(child);
                s.flush();
                ids[c] = child.id;
            }
            return ids;
        });
    }

    private static Child child(String name, Parent mother, Parent father) {
        Child child = new Child();
        child.name = name;
        child.email = name.replace(' ', '.') + "@example.com";
        child.mother = mother;
        child.father = father;
        return child;
    }

    private static Child read(SessionFactory factory, ModelCache models, long id) {
        Child c = factory.fromSession(s -> models.get(s, Child.class, id, "mother", "father"));
        if (c == null || c.mother.name == null || c.father.name == null) {
            throw new IllegalStateException("child " + id + " came back without its parents");
        }
        return c;
    }

    private static Child query(SessionFactory factory, long id) {
        Child c = factory.fromSession(s -> s.createSelectionQuery(FETCH, Child.class).setParameter("id", id)
                .getSingleResult());
        if (c.mother.name == null || c.father.name == null) {
            throw new IllegalStateException("child " + id + " came back without its parents");
        }
        return c;
    }

    /** Commands the Redis server saw per hit, by its own count. */
    private static void roundTrips(Report report, RedisServer redis, SessionFactory factory, ModelCache models,
            long[] ids) {
        int hits = 1_000;
        redis.cli("CONFIG", "RESETSTAT");
        long before = models.stats().hits();
        for (int i = 0; i < hits; i++) {
            read(factory, models, ids[i % ids.length]);
        }
        long counted = models.stats().hits() - before;
        String stats = redis.cli("INFO", "commandstats");
        long commands = 0;
        long ranges = 0;
        for (String line : stats.split("\n")) {
            if (line.startsWith("cmdstat_")) {
                long calls = Long.parseLong(line.substring(line.indexOf("calls=") + 6, line.indexOf(',')));
                if (!line.startsWith("cmdstat_config") && !line.startsWith("cmdstat_info")) {
                    commands += calls;
                }
                if (line.startsWith("cmdstat_getrange:")) {
                    ranges = calls;
                }
            }
        }
        report.line(String.format("Cache commands per hit (Redis `commandstats`, %,d reads, %,d of them hits):"
                + " **%.2f** commands per hit, sent together as one `getMany` (%,d `GETRANGE`s, %,d commands in all).",
                hits, counted, (double) commands / counted, ranges, commands));
        report.line("");
    }

    /** Commands Redis ran for hits served by the near cache: none, by its own count (the trackers' pings left out). */
    private static void nearRoundTrips(Report report, RedisServer redis, SessionFactory factory, ModelCache models,
            long[] ids) {
        int hits = 1_000;
        redis.cli("CONFIG", "RESETSTAT");
        long before = models.stats().hits();
        long localBefore = models.cache().stats().localHits();
        for (int i = 0; i < hits; i++) {
            read(factory, models, ids[i % ids.length]);
        }
        long counted = models.stats().hits() - before;
        long local = models.cache().stats().localHits() - localBefore;
        long commands = 0;
        for (String line : redis.cli("INFO", "commandstats").split("\n")) {
            String name = line.startsWith("cmdstat_") ? line.substring(8, line.indexOf(':')) : "";
            if (!name.isEmpty() && !HOUSEKEEPING.contains(name.split("\\|")[0])) {
                commands += Long.parseLong(line.substring(line.indexOf("calls=") + 6, line.indexOf(',')));
            }
        }
        report.line(String.format("Cache commands per hit with the near cache (bounded-staleness; %,d reads, %,d of"
                + " them hits, %,d keys served locally): **%.2f** (%,d commands in all, the trackers' `PING`s left out).",
                hits, counted, local, (double) commands / counted, commands));
        report.line("");
    }

    /** An update of a parent (committed) with 1 cached child, and with 10,000: the cost should not grow. */
    private static void invalidationCost(Report report, SessionFactory factory, ModelCache models) throws Exception {
        long[] lonely = factory.fromTransaction(s -> {
            Parent p = new Parent();
            p.name = "lonely";
            s.persist(p);
            Child c = child("only child", p, p);
            s.persist(c);
            s.flush();
            return new long[] {p.id, c.id};
        });
        read(factory, models, lonely[1]);
        read(factory, models, lonely[1]);
        long busy = factory.fromTransaction(s -> {
            Parent p = new Parent();
            p.name = "busy";
            s.persist(p);
            return p.id;
        });
        factory.inTransaction(s -> {
            Parent p = s.find(Parent.class, busy);
            for (int i = 0; i < DEPENDANTS; i++) {
                Child c = child("dependant " + i, p, p);
                s.persist(c);
                if (i % 500 == 0) {
                    s.flush();
                }

            }
        });
        List<Long> ids = factory.fromSession(s -> s.createSelectionQuery(
                "select c.id from " + Child.class.getName() + " c where c.mother.id = :p", Long.class)
                .setParameter("p", busy).getResultList());
        for (long id : ids) {
            read(factory, models, id);
            read(factory, models, id);
        }
        long bumpsBefore = models.stats().invalidations();
        long[] one = new long[UPDATES];
        long[] many = new long[UPDATES];
        for (int i = 0; i < UPDATES; i++) {
            int n = i;
            one[i] = timed(() -> factory.inTransaction(s -> s.find(Parent.class, lonely[0]).name = "lonely " + n));
            many[i] = timed(() -> factory.inTransaction(s -> s.find(Parent.class, busy).name = "busy " + n));
        }
        long bumps = models.stats().invalidations() - bumpsBefore;
        Arrays.sort(one);
        Arrays.sort(many);
        String stale = read(factory, models, ids.get(ids.size() / 2)).mother.name;
        report.line(String.format("Invalidation: a committed update of a parent, %d times each (median / p99 of the"
                + " whole transaction): with 1 cached child %.0f / %.0f µs, with %,d cached children %.0f / %.0f µs;"
                + " ratio **%.2fx** median, %.2fx p99. Stamps moved per update: %.1f (the same for both). A dependant"
                + " read after the last update sees \"%s\".", UPDATES, Load.percentileMicros(one, 0.5),
                Load.percentileMicros(one, 0.99), ids.size(), Load.percentileMicros(many, 0.5),
                Load.percentileMicros(many, 0.99), Load.percentileMicros(many, 0.5) / Load.percentileMicros(one, 0.5),
                Load.percentileMicros(many, 0.99) / Load.percentileMicros(one, 0.99), bumps / (2.0 * UPDATES), stale));
    }

    private static long timed(Runnable work) {
        long t0 = System.nanoTime();
        work.run();
        return System.nanoTime() - t0;
    }
}
