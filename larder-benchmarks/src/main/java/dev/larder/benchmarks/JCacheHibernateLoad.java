package dev.larder.benchmarks;

import dev.larder.benchmarks.models.Book;
import dev.larder.testkit.servers.RedisServer;
import dev.larder.testkit.servers.TestDatabase;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.spi.CachingProvider;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.Configuration;
import org.hibernate.stat.Statistics;

/**
 * Hibernate's second-level cache through {@code hibernate-jcache}, with Larder's JCache provider
 * on Redis, side by side in one run with the same reads on the same PostgreSQL database and the
 * second-level cache off: a {@code Book} found by id, and a cacheable query for one shelf's
 * books. The harness starts its own {@code redis-server} on a free port and makes a database of
 * its own on 127.0.0.1:5432.
 *
 * <p>{@code java -cp benchmarks.jar dev.larder.benchmarks.JCacheHibernateLoad [rounds] [seconds]}
 */
public final class JCacheHibernateLoad {
    static final int THREADS = Integer.getInteger("threads", 8);
    static final int BOOKS = 1_000;
    static final int PER_SHELF = 10;
    static final int SHELVES = BOOKS / PER_SHELF;
    private static final String SHELF = "select b from " + Book.class.getName() + " b where b.shelf = :shelf order by b.id";

    /**
     * What Hibernate's cache entries hold, allowed to Larder's default serializer (the JCache
     * layer's own entry record is allowed by the provider). Found by running without each one,
     * as a write the serializer refuses names the class: an entity's key, its read-write item
     * and disassembled state (a {@code Serializable[]}); a query's key, its bound parameters and
     * its result. The soft lock is what the read-write strategy stores while an update is in
     * flight ({@link #hits} updates a book to write one); {@code CacheKeyImplementation} is the
     * key of entities with composite ids, which this harness does not have.
     */
    static final String HIBERNATE_CLASSES = String.join(",",
            "org.hibernate.cache.internal.BasicCacheKeyImplementation",
            "org.hibernate.cache.internal.CacheKeyImplementation",
            "org.hibernate.cache.spi.support.AbstractReadWriteAccess$Item",
            "org.hibernate.cache.spi.support.AbstractReadWriteAccess$SoftLockImpl",
            "org.hibernate.cache.spi.entry.StandardCacheEntryImpl",
            "java.io.Serializable",
            "org.hibernate.cache.spi.QueryKey",
            "org.hibernate.query.internal.QueryParameterBindingsImpl$ParameterBindingsMementoImpl",
            "org.hibernate.cache.internal.QueryResultsCacheImpl$CacheItem");

    private JCacheHibernateLoad() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = Load.roundsArg(args);
        Duration each = Load.durationArg(args);
        Report report = new Report("jcache-hibernate");
        CachingProvider larder = Caching.getCachingProvider("dev.larder.jcache.LarderCachingProvider");
        try (TestDatabase db = TestDatabase.create(TestDatabase.Kind.POSTGRESQL);
             RedisServer redis = RedisServer.start();
             CacheManager manager = larder.getCacheManager(URI.create("larder:hibernate-bench"),
                     JCacheHibernateLoad.class.getClassLoader(), larderOn(redis));
             SessionFactory uncached = factory(db.url(), null, "create");
             SessionFactory cached = factory(db.url(), manager, "none")) {
            long[] ids = seed(uncached);
            for (long id : ids) {
                find(cached, id);
            }
            for (int shelf = 0; shelf < SHELVES; shelf++) {
                shelf(cached, shelf);
            }
            List<Load.Variant> variants = List.of(
                    new Load.Variant("find, L2 on larder redis", () -> Load.throughput(THREADS, each,
                            (t, i) -> find(cached, ids[Load.pick(t, i, ids.length)]))),
                    new Load.Variant("find, L2 off", () -> Load.throughput(THREADS, each,
                            (t, i) -> find(uncached, ids[Load.pick(t, i, ids.length)]))),
                    new Load.Variant("query, L2 on larder redis", () -> Load.throughput(THREADS, each,
                            (t, i) -> shelf(cached, Load.pick(t, i, SHELVES)))),
                    new Load.Variant("query, L2 off", () -> Load.throughput(THREADS, each,
                            (t, i) -> shelf(uncached, Load.pick(t, i, SHELVES)))));
            Load.rounds(1, variants); // warm-up round, not reported
            Map<String, double[]> results = Load.rounds(rounds, variants);
            report.line(String.format("Hibernate second-level cache through hibernate-jcache, Larder's provider on"
                    + " Redis, PostgreSQL, %d threads, %d rounds of %d s, %,d books on %d shelves:", THREADS, rounds,
                    each.toSeconds(), BOOKS, SHELVES));
            report.line("");
            report.line("| comparison | L2 on reads/s | L2 off reads/s | ratio (range) | target |");
            report.line("|---|---|---|---|---|");
            report.ratioRow("`session.find(Book.class, id)`, L2 hit on Larder Redis vs the select by id", results,
                    "find, L2 on larder redis", "find, L2 off", "report");
            report.ratioRow("cacheable query (one shelf, " + PER_SHELF + " books), query cache + L2 hits vs the"
                    + " query", results, "query, L2 on larder redis", "query, L2 off", "report");
            report.line("");
            hits(report, redis, cached, ids);
        }
        larder.close();
    }

    /** Larder's configuration for the JCache manager: every region a prefix of its own on this Redis. */
    private static Properties larderOn(RedisServer redis) {
        Properties p = new Properties();
        p.setProperty("larder.caches.default.backend", "redis");
        p.setProperty("larder.caches.default.location", redis.uri());
        p.setProperty("larder.caches.default.options.allow-classes", HIBERNATE_CLASSES);
        return p;
    }

    /** A session factory with the second-level and query caches on {@code manager}, or with none when null. */
    private static SessionFactory factory(String url, CacheManager manager, String ddl) {
        Configuration cfg = new Configuration().addAnnotatedClass(Book.class);
        cfg.setProperty("hibernate.connection.url", url);
        cfg.setProperty("hibernate.hbm2ddl.auto", ddl);
        cfg.setProperty("hibernate.connection.pool_size", "8");
        cfg.setProperty("larder.hibernate.enabled", "false");
        boolean on = manager != null;
        cfg.setProperty("hibernate.cache.use_second_level_cache", Boolean.toString(on));
        cfg.setProperty("hibernate.cache.use_query_cache", Boolean.toString(on));
        if (on) {
            cfg.setProperty("hibernate.cache.region.factory_class", "jcache");
            cfg.getProperties().put("hibernate.javax.cache.cache_manager", manager);
            cfg.setProperty("hibernate.javax.cache.missing_cache_strategy", "create");
        }
        return cfg.buildSessionFactory();
    }

    private static long[] seed(SessionFactory factory) {
        return factory.fromTransaction(s -> {
            long[] ids = new long[BOOKS];
            for (int b = 0; b < BOOKS; b++) {
                Book book = new Book();
                book.title = "Book " + b;
                book.isbn = String.format("978-0-%06d-%02d", b, b % 97);
                book.shelf = b % SHELVES;
                book.pages = 100 + b % 400;
                s.persist(book);
                s.flush();
                ids[b] = book.id;
            }
            return ids;
        });
    }

    private static Book find(SessionFactory factory, long id) {
        Book book = factory.fromSession(s -> s.find(Book.class, id));
        if (book == null || book.title == null) {
            throw new IllegalStateException("book " + id + " came back empty");
        }
        return book;
    }

    private static List<Book> shelf(SessionFactory factory, int shelf) {
        List<Book> books = factory.fromSession(s -> s.createSelectionQuery(SHELF, Book.class)
                .setParameter("shelf", shelf).setCacheable(true).getResultList());
        if (books.size() != PER_SHELF || books.get(0).title == null) {
            throw new IllegalStateException("shelf " + shelf + " came back with " + books.size() + " books");
        }
        return books;
    }

    /** Hibernate's own counts over 1,000 reads of each kind, and Redis's commands per read. */
    private static void hits(Report report, RedisServer redis, SessionFactory cached, long[] ids) {
        int reads = 1_000;
        Statistics stats = cached.getStatistics();
        stats.setStatisticsEnabled(true);
        stats.clear();
        redis.cli("CONFIG", "RESETSTAT");
        for (int i = 0; i < reads; i++) {
            find(cached, ids[i % ids.length]);
        }
        long findCommands = commands(redis);
        report.line(String.format("`find` checked over %,d reads: %,d second-level hits, %,d misses, %,d SQL"
                + " statements; %.2f Redis commands per read.", reads, stats.getSecondLevelCacheHitCount(),
                stats.getSecondLevelCacheMissCount(), stats.getPrepareStatementCount(), (double) findCommands / reads));
        stats.clear();
        redis.cli("CONFIG", "RESETSTAT");
        for (int i = 0; i < reads; i++) {
            shelf(cached, i % SHELVES);
        }
        long queryCommands = commands(redis);
        report.line(String.format("Query checked over %,d reads: %,d query-cache hits, %,d misses, %,d entity hits"
                + " from the second-level cache, %,d SQL statements; %.2f Redis commands per read.", reads,
                stats.getQueryCacheHitCount(), stats.getQueryCacheMissCount(), stats.getSecondLevelCacheHitCount(),
                stats.getPrepareStatementCount(), (double) queryCommands / reads));
        long id = ids[0];
        cached.inTransaction(s -> s.find(Book.class, id).title = "Book 0, second edition");
        stats.clear();
        String title = find(cached, id).title;
        report.line(String.format("After an update of a book through the cached factory, its next `find` reads"
                + " \"%s\" (%d second-level hit, %d SQL statement).", title, stats.getSecondLevelCacheHitCount(),
                stats.getPrepareStatementCount()));
        stats.setStatisticsEnabled(false);
    }

    /** Commands Redis ran since the last {@code RESETSTAT}, by its own count, the counting's own left out. */
    private static long commands(RedisServer redis) {
        long commands = 0;
        for (String line : redis.cli("INFO", "commandstats").split("\n")) {
            if (line.startsWith("cmdstat_") && !line.startsWith("cmdstat_config") && !line.startsWith("cmdstat_info")) {
                commands += Long.parseLong(line.substring(line.indexOf("calls=") + 6, line.indexOf(',')));
            }
        }
        return commands;
    }
}
