package dev.larder.benchmarks;

import dev.larder.testkit.servers.RedisServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo web app under {@code wrk -t2 -c50}: its child detail page and its children list,
 * with caching on against caching off (the {@code nocache} profile: the dummy backend and plain
 * JPA), on H2 and on PostgreSQL, with every cache on local memory and on Redis. Each round
 * starts the app once per configuration ({@code java -jar larder-demo.jar}), warms it, and
 * runs wrk on both pages; ratios are taken within a round against caching off on the same
 * database. Starts its own {@code redis-server}; uses the machine's PostgreSQL (database
 * {@code larder_demo_bench}, created and dropped here).
 */
public final class DemoLoad {
    private static final String PG_DB = "larder_demo_bench";
    private static final String PG_ADMIN = "jdbc:postgresql://127.0.0.1:5432/postgres";
    private static final List<String> PAGES = List.of("/children/1", "/children");
    private static final Duration WARM_UP = Duration.ofSeconds(10);

    /** A configuration of the app: its Spring profiles. */
    private record Setup(String name, String profiles, boolean postgres) {
    }

    private DemoLoad() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = Load.roundsArg(args);
        Duration each = Load.durationArg(args);
        DemoApp.jar();
        List<Setup> setups = List.of(
                new Setup("off, H2", "nocache", false),
                new Setup("on, H2, locmem", "default", false),
                new Setup("on, H2, Redis", "redis", false),
                new Setup("off, PostgreSQL", "nocache,postgres", true),
                new Setup("on, PostgreSQL, locmem", "postgres", true),
                new Setup("on, PostgreSQL, Redis", "redis,postgres", true));
        Map<String, double[]> rps = new LinkedHashMap<>();
        Map<String, double[]> p99 = new LinkedHashMap<>();
        try (RedisServer redis = RedisServer.start()) {
            for (int r = 0; r < rounds; r++) {
                for (int k = 0; k < setups.size(); k++) {
                    Setup setup = setups.get((k + r) % setups.size());
                    if (setup.postgres()) {
                        recreateDatabase();
                    }
                    Map<String, Wrk.Result> results = measure(setup, redis, each);
                    for (String page : PAGES) {
                        String key = setup.name() + " " + page;
                        rps.computeIfAbsent(key, x -> new double[rounds])[r] = results.get(page).rps();
                        p99.computeIfAbsent(key, x -> new double[rounds])[r] = results.get(page).p99Millis();
                        System.err.printf("  round %d %-32s %-12s %,10.0f req/s  p99 %.2f ms%n", r + 1, setup.name(),
                                page, results.get(page).rps(), results.get(page).p99Millis());
                    }
                }
            }
        } finally {
            dropDatabase();
        }
        report(setups, rps, p99, rounds, each);
    }

    private static void report(List<Setup> setups, Map<String, double[]> rps, Map<String, double[]> p99, int rounds,
            Duration each) {
        Report report = new Report("demo");
        report.line(String.format("The demo app under `wrk -t2 -c%d`, %d rounds; in each, the app started once per"
                + " configuration, both pages warmed %d s, then measured %d s each; Tomcat, the JVM and wrk on the same"
                + " 2 cores:", Wrk.CONNECTIONS, rounds, WARM_UP.toSeconds(), each.toSeconds()));
        report.line("");
        report.line("| page | caching | database | cache | req/s (median) | p99 ms (median) | vs caching off (range) |");
        report.line("|---|---|---|---|---|---|---|");
        for (String page : PAGES) {
            for (Setup setup : setups) {
                String key = setup.name() + " " + page;
                String[] parts = setup.name().split(", ");
                String off = (setup.postgres() ? "off, PostgreSQL" : "off, H2") + " " + page;
                double[] ratio = Load.ratio(rps.get(key), rps.get(off));
                String vs = key.equals(off) ? "1.00x" : String.format("**%.2fx** (%.2f-%.2f)", ratio[0], ratio[1], ratio[2]);
                report.line(String.format("| `%s` | %s | %s | %s | %,.0f | %.2f | %s |", page, parts[0], parts[1],
                        parts.length > 2 ? parts[2] : "dummy", Load.median(rps.get(key)), Load.median(p99.get(key)), vs));
            }
        }
        report.line("");
    }

    /** Starts the app with {@code setup}'s profiles, warms both pages, measures each, stops the app. */
    private static Map<String, Wrk.Result> measure(Setup setup, RedisServer redis, Duration each) throws Exception {
        Path log = Path.of(System.getProperty("larder.results", "larder-benchmarks/target/results"),
                "demo-" + setup.name().replaceAll("[^A-Za-z0-9]+", "-") + ".log");
        try (DemoApp app = new DemoApp(setup.profiles(), List.of(), redis.uri(),
                "jdbc:postgresql://127.0.0.1:5432/" + PG_DB, log, PAGES.get(0))) {
            Map<String, Wrk.Result> results = new LinkedHashMap<>();
            // A JVM started a moment ago: warm both pages until the JIT has compiled their paths.
            for (String page : PAGES) {
                Wrk.run(app.base() + page, WARM_UP);
            }
            for (String page : PAGES) {
                results.put(page, Wrk.run(app.base() + page, each));
            }
            return results;
        }
    }

    private static void recreateDatabase() throws SQLException {
        dropDatabase();
        try (Connection c = DriverManager.getConnection(PG_ADMIN, "postgres", ""); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + PG_DB);
        }
    }

    private static void dropDatabase() throws SQLException {
        try (Connection c = DriverManager.getConnection(PG_ADMIN, "postgres", ""); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + PG_DB + " WITH (FORCE)");
        }
    }
}
