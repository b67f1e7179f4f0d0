package dev.larder.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.larder.Cache;
import dev.larder.CacheConfig;
import dev.larder.CacheRegistry;
import dev.larder.Timeout;
import dev.larder.jdbc.Dialect;
import dev.larder.testkit.servers.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.sql.DataSource;

/**
 * PostgreSQL, 1 KiB values, 8 client threads, 10,000 keys: Larder's {@code jdbc} backend
 * {@code get} and {@code set} against plain JDBC on the same HikariCP pool doing what the backend
 * sends, a primary-key {@code SELECT} and the native upsert ({@code INSERT ... ON CONFLICT
 * (cache_key) DO UPDATE}), on a table of its own with Larder's DDL and a copy of Larder's rows.
 * Then whether {@code set} slows down as the table grows: one thread's {@code set} latency on a
 * table of 10,000 rows against one of 1,000,000, measured in alternating rounds.
 *
 * <p>8 threads, not {@link RedisLoad}'s 50: each call holds one of the pool's 8 connections
 * (one PostgreSQL backend process each) for its whole length, so more threads would only
 * queue for connections. {@code max-entries} is 2,000,000, so the culler never removes rows
 * here: it counts the table once, then lets that many inserts go uncounted.
 *
 * <p>Needs PostgreSQL at {@code 127.0.0.1:5432}, user {@code postgres} without a password (or
 * {@code LARDER_TEST_POSTGRES_URL}); works in a database of its own, dropped at the end.
 *
 * <p>{@code java -cp benchmarks.jar dev.larder.benchmarks.JdbcLoad [rounds] [seconds]}
 */
public final class JdbcLoad {
    static final int THREADS = 8;
    static final int KEYS = 10_000;
    /** A day, so that no row expires during a long run and every get is a hit. */
    private static final long TIMEOUT_SECONDS = 86_400;
    private static final String MAX_ENTRIES = "2000000";
    private static final String LARDER_TABLE = "larder_cache";
    private static final String PLAIN_TABLE = "plain_cache";
    private static final String PLAIN_SELECT = "SELECT \"value\", \"expires\" FROM \"" + PLAIN_TABLE
            + "\" WHERE \"cache_key\" = ?";
    private static final String PLAIN_UPSERT = "INSERT INTO \"" + PLAIN_TABLE + "\" (\"cache_key\", \"value\", \"expires\")"
            + " VALUES (?, ?, ?) ON CONFLICT (\"cache_key\") DO UPDATE SET \"value\" = EXCLUDED.\"value\","
            + " \"expires\" = EXCLUDED.\"expires\"";

    /** The scale test: two tables, {@code set}s of small values, one thread. */
    private static final String SMALL_TABLE = "rows_10k";
    private static final String LARGE_TABLE = "rows_1m";
    private static final int SMALL_ROWS = 10_000;
    private static final int LARGE_ROWS = 1_000_000;
    /** 100 bytes, so that a million rows fill in seconds (about 150 MB with indexes) rather than a minute. */
    private static final int SCALE_VALUE_BYTES = 100;
    private static final int SETS = 5_000;
    /** One set in this many is of a new key (an insert); the others replace an existing row. */
    private static final int NEW_EVERY = 5;

    private JdbcLoad() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = Load.roundsArg(args);
        Duration each = Load.durationArg(args);
        Report report = new Report("jdbc");
        try (TestDatabase db = TestDatabase.create(TestDatabase.Kind.POSTGRESQL);
             HikariDataSource pool = sharedPool(db.url());
             CacheRegistry caches = CacheRegistry.builder()
                     .cache("default", larder(pool, LARDER_TABLE))
                     .cache("rows-10k", larder(pool, SMALL_TABLE))
                     .cache("rows-1m", larder(pool, LARGE_TABLE)).build()) {
            throughput(report, rounds, each, pool, caches.defaultCache());
            scale(report, rounds, pool, caches.cache("rows-10k"), caches.cache("rows-1m"));
        }
    }

    /** One pool of {@link #THREADS} connections, for Larder and plain JDBC alike. */
    private static HikariDataSource sharedPool(String url) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setMaximumPoolSize(THREADS);
        config.setMinimumIdle(THREADS);
        config.setPoolName("jdbc-load");
        return new HikariDataSource(config);
    }

    /** A Larder cache on {@code table}, made if missing, on the shared pool. */
    private static CacheConfig larder(DataSource pool, String table) {
        return CacheConfig.builder().backend("jdbc").location(table).attach(DataSource.class, pool)
                .timeout(Timeout.ofSeconds(TIMEOUT_SECONDS))
                .option("create-table", "true").option("max-entries", MAX_ENTRIES).build();
    }

    /** Larder against plain JDBC: get and set, {@link #THREADS} threads, alternating rounds. */
    private static void throughput(Report report, int rounds, Duration each, DataSource pool, Cache cache)
            throws SQLException {
        byte[] value = new byte[1024];
        Load.Keys all = Load.Keys.of(KEYS);
        all.fill(cache, value);
        String[] keys = all.names();
        String[] stored = all.stored();
        execute(pool, Dialect.POSTGRESQL.createTable(PLAIN_TABLE));
        execute(pool, List.of("INSERT INTO \"" + PLAIN_TABLE + "\" (\"cache_key\", \"value\", \"expires\")"
                + " SELECT \"cache_key\", \"value\", \"expires\" FROM \"" + LARDER_TABLE + "\""));
        vacuum(pool, LARDER_TABLE, PLAIN_TABLE);
        byte[] larderBytes = storedBytes(pool, LARDER_TABLE, stored[0]);
        if (!(cache.get(keys[0]) instanceof byte[] read) || !Arrays.equals(read, value)) {
            throw new IllegalStateException("Larder does not read back key '" + keys[0] + "'");
        }
        if (plainGet(pool, stored[0]) == null) {
            throw new IllegalStateException("plain JDBC finds no live row '" + stored[0] + "' in " + PLAIN_TABLE);
        }

        List<Load.Variant> gets = List.of(
                new Load.Variant("larder get", () -> Load.throughput(THREADS, each,
                        (t, i) -> cache.get(keys[Load.pick(t, i, KEYS)]))),
                new Load.Variant("plain jdbc get", () -> Load.throughput(THREADS, each,
                        (t, i) -> plainGet(pool, stored[Load.pick(t, i, KEYS)]))));
        List<Load.Variant> sets = List.of(
                new Load.Variant("larder set", () -> Load.throughput(THREADS, each,
                        (t, i) -> cache.set(keys[Load.pick(t, i, KEYS)], value))),
                new Load.Variant("plain jdbc set", () -> Load.throughput(THREADS, each,
                        (t, i) -> plainSet(pool, stored[Load.pick(t, i, KEYS)], larderBytes))));
        System.err.println("warm-up");
        Load.rounds(1, List.of(gets.get(0), gets.get(1), sets.get(0), sets.get(1)));
        Map<String, double[]> getResults = Load.rounds(rounds, gets);
        Map<String, double[]> setResults = Load.rounds(rounds, sets);

        report.line("| comparison (PostgreSQL, " + THREADS + " threads, pool of " + THREADS + ", 1 KiB) | Larder ops/s"
                + " | other ops/s | Larder / other, median (range) | target |");
        report.line("|---|---|---|---|---|");
        report.ratioRow("get: Larder / plain JDBC primary-key SELECT", getResults, "larder get", "plain jdbc get", ">= 0.9x");
        report.ratioRow("set: Larder / plain JDBC upsert", setResults, "larder set", "plain jdbc set", ">= 0.9x");
    }


    /** What a JDBC user writes for a get: the row's value if it has not expired, else null. */
    private static byte[] plainGet(DataSource pool, String storedKey) throws SQLException {
        try (Connection c = pool.getConnection(); PreparedStatement s = c.prepareStatement(PLAIN_SELECT)) {
            s.setString(1, storedKey);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                byte[] value = rs.getBytes(1);
                return rs.getLong(2) > System.currentTimeMillis() ? value : null;
            }
        }
    }

    /** What a JDBC user writes for a set: the native upsert, expiring as Larder's rows do. */
    private static void plainSet(DataSource pool, String storedKey, byte[] bytes) throws SQLException {
        try (Connection c = pool.getConnection(); PreparedStatement s = c.prepareStatement(PLAIN_UPSERT)) {
            s.setString(1, storedKey);
            s.setBytes(2, bytes);
            s.setLong(3, System.currentTimeMillis() + TIMEOUT_SECONDS * 1000);
            s.executeUpdate();
        }
    }

    /**
     * {@code set} latency, one thread, on a table of 10,000 rows against one of 1,000,000 (the
     * same rows, in Larder's format), in alternating rounds; the ratio of medians and of p99s.
     */
    private static void scale(Report report, int rounds, DataSource pool, Cache small, Cache large) throws SQLException {
        byte[] value = new byte[SCALE_VALUE_BYTES];
        small.set("probe", value);
        byte[] bytes = storedBytes(pool, SMALL_TABLE, ":1:probe");
        small.delete("probe");
        fill(pool, SMALL_TABLE, SMALL_ROWS, bytes);
        fill(pool, LARGE_TABLE, LARGE_ROWS, bytes);
        vacuum(pool, SMALL_TABLE, LARGE_TABLE);

        Random random = new Random(42);
        SetLatency tenThousand = new SetLatency("set, 10k rows", small, SMALL_ROWS, value, random);
        SetLatency million = new SetLatency("set, 1M rows", large, LARGE_ROWS, value, random);
        List<Load.Variant> variants = List.of(tenThousand.variant(), million.variant());
        // Larder's first set on the 1M table counts its rows (the culler's budget): in warm-up, not measured.
        System.err.println("warm-up");
        Load.rounds(1, variants);
        tenThousand.p99s.clear();
        million.p99s.clear();
        Map<String, double[]> medians = Load.rounds(rounds, variants);
        Map<String, double[]> p99s = new LinkedHashMap<>();
        p99s.put(tenThousand.name, tenThousand.p99s.stream().mapToDouble(Double::doubleValue).toArray());
        p99s.put(million.name, million.p99s.stream().mapToDouble(Double::doubleValue).toArray());

        report.line("");
        report.line(String.format("| `set` latency, one thread, %d-byte values, %,d sets (1 in %d a new key) | 1M rows, µs"
                + " | 10k rows, µs | 1M / 10k, median (range) | target |", SCALE_VALUE_BYTES, SETS, NEW_EVERY));
        report.line("|---|---|---|---|---|");
        report.ratioRow("median", medians, million.name, tenThousand.name, "<= 1.5x");
        report.ratioRow("p99", p99s, million.name, tenThousand.name, "<= 1.5x");
    }

    /**
     * One thread's {@link #SETS} {@code set}s on one table: random existing keys, and one in
     * {@link #NEW_EVERY} a new key, whose rows are deleted after each measurement so the table
     * keeps its size. Each measurement returns its median in µs and keeps its p99.
     */
    private static final class SetLatency {
        final String name;
        final List<Double> p99s = new ArrayList<>();
        private final Cache cache;
        private final int rows;
        private final byte[] value;
        private final Random random;
        private long fresh;

        SetLatency(String name, Cache cache, int rows, byte[] value, Random random) {
            this.name = name;
            this.cache = cache;
            this.rows = rows;
            this.value = value;
            this.random = random;
        }

        Load.Variant variant() {
            return new Load.Variant(name, this::measure);
        }

        private double measure() {
            String[] plan = new String[SETS];
            List<String> added = new ArrayList<>();
            for (int i = 0; i < SETS; i++) {
                if (i % NEW_EVERY == 0) {
                    plan[i] = "new:" + fresh++;
                    added.add(plan[i]);
                } else {
                    plan[i] = "key:" + random.nextInt(rows);
                }
            }
            long[] nanos;
            try {
                nanos = Load.latencies(SETS, (t, i) -> cache.set(plan[(int) i], value));
            } catch (Exception e) {
                throw new IllegalStateException("set on " + name + " failed: " + e, e);
            }
            cache.deleteMany(added);
            p99s.add(Load.percentileMicros(nanos, 0.99));
            return Load.percentileMicros(nanos, 0.5);
        }
    }

    /**
     * {@code rows} rows of {@code bytes} (a value in Larder's format) under Larder's keys
     * {@code key:0}, {@code key:1}, ..., in one {@code INSERT ... SELECT generate_series}; they
     * expire a day from now, spread over an hour, as rows written over time would.
     */
    private static void fill(DataSource pool, String table, int rows, byte[] bytes) throws SQLException {
        long start = System.nanoTime();
        try (Connection c = pool.getConnection(); PreparedStatement s = c.prepareStatement("INSERT INTO \"" + table
                + "\" (\"cache_key\", \"value\", \"expires\") SELECT ':1:key:' || g, ?, ? + (g % 3600) * 1000"
                + " FROM generate_series(0, ?) AS g")) {
            s.setBytes(1, bytes);
            s.setLong(2, System.currentTimeMillis() + TIMEOUT_SECONDS * 1000);
            s.setInt(3, rows - 1);
            s.executeUpdate();
        }
        System.err.printf("filled %s with %,d rows in %.1f s%n", table, rows, (System.nanoTime() - start) / 1e9);
    }

    /** The value column of one row: the bytes Larder stored under {@code storedKey}. */
    private static byte[] storedBytes(DataSource pool, String table, String storedKey) throws SQLException {
        try (Connection c = pool.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT \"value\" FROM \"" + table + "\" WHERE \"cache_key\" = ?")) {
            s.setString(1, storedKey);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("no row '" + storedKey + "' in " + table
                            + ", where Larder should have stored it");
                }
                return rs.getBytes(1);
            }
        }
    }

    /** Settles the tables after bulk writes (visibility map, planner statistics), so neither starts behind. */
    private static void vacuum(DataSource pool, String... tables) throws SQLException {
        List<String> statements = new ArrayList<>();
        for (String table : tables) {
            statements.add("VACUUM ANALYZE \"" + table + "\"");
        }
        execute(pool, statements);
    }

    private static void execute(DataSource pool, List<String> statements) throws SQLException {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }
}
