package dev.larder.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.larder.Cache;
import dev.larder.CacheBackendException;
import dev.larder.CacheConfig;
import dev.larder.CacheConfigException;
import dev.larder.CacheRegistry;
import dev.larder.Timeout;
import dev.larder.testing.FakeClock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the jdbc backend owes beyond the contract, on embedded H2: the table, culling cost, errors, transactions. */
class JdbcBackendTest {
    private final String url = "jdbc:h2:mem:jdbc-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    private final FakeClock clock = new FakeClock();
    private final List<CacheRegistry> registries = new ArrayList<>();

    @AfterEach
    void close() {
        registries.forEach(CacheRegistry::close);
    }

    private Cache cache(String table, UnaryOperator<CacheConfig.Builder> settings) {
        CacheRegistry r = CacheRegistry.builder().clock(clock).cache("default", settings.apply(
                CacheConfig.builder().backend("jdbc").location(table).option("url", url)).build()).build();
        registries.add(r);
        return r.defaultCache();
    }

    private Cache cache(String table) {
        return cache(table, b -> b.option("create-table", "true"));
    }

    private long rows(String table) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + Dialect.H2.quote(table))) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static JdbcBackend backend(Cache cache) throws ReflectiveOperationException {
        var method = cache.getClass().getDeclaredMethod("backend");
        method.setAccessible(true);
        return (JdbcBackend) method.invoke(cache);
    }

    /** A key over 255 characters is stored as its digest form, which cannot be turned back. */
    @Test
    void keys_leaveOutKeysStoredShortened() {
        Cache cache = cache("shortened");
        cache.set("short", 1L);
        cache.set("k".repeat(300), 2L);
        assertThat(cache.get("k".repeat(300))).isEqualTo(2L);
        List<String> listed = new ArrayList<>();
        cache.keys().forEachRemaining(listed::add);
        assertThat(listed).containsExactly("short");
    }

    @Test
    void missingTable_failsAtStartupWithTheCommandThatMakesIt() {
        assertThatThrownBy(() -> cache("absent", b -> b))
                .isInstanceOf(CacheConfigException.class)
                .hasMessageContaining("larder.caches.default.location='absent'")
                .hasMessageContaining("does not exist").hasMessageContaining("larder createcachetable")
                .hasMessageContaining("options.create-table=true");
    }

    @Test
    void createTable_isIdempotent_andQuotesAnyName() throws SQLException {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL(url);
        ByteArrayOutputStream said = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(said, true, StandardCharsets.UTF_8);
        String odd = "my \"odd\" cache";
        assertThat(CacheTable.create(ds, odd, out)).isTrue();
        assertThat(CacheTable.create(ds, odd, out)).isFalse();
        assertThat(said.toString(StandardCharsets.UTF_8)).contains("Cache table 'my \"odd\" cache' created.")
                .contains("Cache table 'my \"odd\" cache' already exists.");
        Cache cache = cache(odd, b -> b);
        cache.set("k", "v");
        assertThat(cache.get("k")).isEqualTo("v");
        assertThat(CacheTable.ddl(Dialect.POSTGRESQL, odd).get(0))
                .startsWith("CREATE TABLE IF NOT EXISTS \"my \"\"odd\"\" cache\" (\"cache_key\" VARCHAR(255)");
        assertThat(CacheTable.ddl(Dialect.MARIADB, "a`b").get(0)).startsWith("CREATE TABLE IF NOT EXISTS `a``b`");
    }

    @Test
    void culling_keepsDjangosBound_withoutCountingOnEveryWrite() throws Exception {
        // Django culls when a write finds more than MAX_ENTRIES rows, so its table holds one more.
        Cache cache = cache("culled", b -> b.option("create-table", "true").option("max-entries", "200")
                .option("cull-frequency", "4"));
        int writes = 3000;
        for (int i = 0; i < writes; i++) {
            cache.set("key" + i, i, Timeout.NEVER);
            if (i % 50 == 0) {
                assertThat(rows("culled")).as("rows after write " + i).isLessThanOrEqualTo(201);
            }
        }
        assertThat(rows("culled")).isLessThanOrEqualTo(201);
        long counts = backend(cache).culler().counts();
        // After a cull there is room for max / cull-frequency = 50 writes before the next count.
        assertThat(counts).as("COUNT(*) statements for " + writes + " writes").isLessThanOrEqualTo(writes / 50 + 5);
        assertThat(cache.stats().evictions()).isGreaterThanOrEqualTo(writes - 201);
        assertThat(cache.hasKey("key" + (writes - 1))).as("the newest key survives").isTrue();
    }

    @ParameterizedTest(name = "cull-frequency {0}")
    @ValueSource(ints = {0, 1, 2, 3, 10})
    void culling_keepsTheBound_atEveryCullFrequency(int frequency) throws Exception {
        String table = "freq" + frequency;
        Cache cache = cache(table, b -> b.option("create-table", "true").option("max-entries", "50")
                .option("cull-frequency", Integer.toString(frequency)));
        long most = 0;
        for (int i = 0; i < 500; i++) {
            cache.set("key" + i, i, Timeout.NEVER);
            most = Math.max(most, rows(table));
        }
        assertThat(most).as("most rows ever seen").isLessThanOrEqualTo(51);
        assertThat(cache.get("key499")).as("the newest key survives").isEqualTo(499L);
    }

    @Test
    void culling_keepsTheBound_underConcurrentWriters() throws Exception {
        Cache cache = cache("racing", b -> b.option("create-table", "true").option("max-entries", "100")
                .option("cull-frequency", "3"));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        AtomicLong most = new AtomicLong();
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 200; i++) {
                        cache.set("t" + thread + ":" + i, i, Timeout.NEVER);
                        if (i % 20 == 0) {
                            most.accumulateAndGet(rows("racing"), Math::max);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(most.get()).isLessThanOrEqualTo(101);
        assertThat(rows("racing")).isLessThanOrEqualTo(101);
    }

    @Test
    void culling_removesExpiredRowsFirst() throws Exception {
        Cache cache = cache("expiring", b -> b.option("create-table", "true").option("max-entries", "10"));
        for (int i = 0; i < 11; i++) {
            cache.set("old" + i, i, Timeout.ofSeconds(5));
        }
        clock.advanceSeconds(10);
        cache.set("new", "v", Timeout.NEVER);
        assertThat(rows("expiring")).as("the eleven expired rows went, nothing live").isEqualTo(1);
        assertThat(cache.get("new")).isEqualTo("v");
    }

    @Test
    void expiredRows_areRemovedWhenRead() throws SQLException {
        Cache cache = cache("read");
        cache.set("a", "1", Timeout.ofSeconds(1));
        cache.setMany(java.util.Map.of("b", "2", "c", "3"), Timeout.ofSeconds(1));
        clock.advanceSeconds(1);
        assertThat(cache.get("a")).isNull();
        assertThat(cache.getMany(List.of("b", "c"))).isEmpty();
        assertThat(rows("read")).isZero();
    }

    @Test
    void longKeys_fitTheColumn_andStayDistinct() {
        Cache cache = cache("long");
        String base = "k".repeat(400);
        cache.set(base + "1", "one");
        cache.set(base + "2", "two");
        assertThat(cache.get(base + "1")).isEqualTo("one");
        assertThat(cache.get(base + "2")).isEqualTo("two");
    }

    @Test
    void bytesWrittenByAnotherClient_areAMissAndCounted() throws SQLException {
        Cache cache = cache("planted");
        cache.set("k", "v");
        try (Connection c = DriverManager.getConnection(url);
             PreparedStatement s = c.prepareStatement("UPDATE \"planted\" SET \"value\" = ?")) {
            s.setBytes(1, new byte[] {0x7e, 1, 2});
            s.executeUpdate();
        }
        assertThat(cache.get("k")).isNull();
        assertThat(cache.getMany(List.of("k"))).isEmpty();
        assertThat(cache.stats().errors()).isEqualTo(2);
        assertThat(cache.stats().misses()).isEqualTo(2);
        assertThat(cache.stats().hits()).isZero();
    }

    @Test
    void databaseErrors_surfaceNamingTheTable() throws SQLException {
        Cache cache = cache("dropped");
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("DROP TABLE \"dropped\"");
        }
        assertThatThrownBy(() -> cache.get("k")).isInstanceOf(CacheBackendException.class)
                .hasMessageContaining("get on table \"dropped\"").hasMessageContaining("SQLState");
        assertThatThrownBy(() -> cache.set("k", "v")).isInstanceOf(CacheBackendException.class);
        assertThat(cache.stats().errors()).isEqualTo(2);
    }

    @Test
    void attachedDataSource_isUsed_andLeftOpen() throws SQLException {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL(url);
        CacheTable.create(ds, "attached", null);
        try (CacheRegistry r = CacheRegistry.builder().cache("default", CacheConfig.builder().backend("jdbc")
                .location("attached").attach(javax.sql.DataSource.class, ds).build()).build()) {
            r.defaultCache().set("k", "v");
            assertThat(r.defaultCache().toString()).contains("attached DataSource");
        }
        assertThat(rows("attached")).isEqualTo(1);
        assertThatThrownBy(() -> CacheRegistry.builder().cache("default", CacheConfig.builder().backend("jdbc")
                .location("attached").option("url", url).attach(javax.sql.DataSource.class, ds).build()).build())
                .isInstanceOf(CacheConfigException.class).hasMessageContaining("conflicts with the DataSource");
    }

    /** A data source whose connections do not autocommit, as a transaction-bound one hands out. */
    private static javax.sql.DataSource notAutocommitting(javax.sql.DataSource ds) {
        return (javax.sql.DataSource) java.lang.reflect.Proxy.newProxyInstance(JdbcBackendTest.class.getClassLoader(),
                new Class<?>[] {javax.sql.DataSource.class}, (proxy, method, args) -> {
                    Object result = method.invoke(ds, args);
                    if (result instanceof java.sql.Connection c) {
                        c.setAutoCommit(false);
                    }
                    return result;
                });
    }

    @Test
    void setIfUnchanged_onConnectionsThatDoNotAutocommit_commitsWhatItStoresAndKeepsWhatCameBefore() throws SQLException {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL(url);
        CacheTable.create(ds, "manual", null);
        try (CacheRegistry r = CacheRegistry.builder().cache("default", CacheConfig.builder().backend("jdbc")
                .location("manual").option("max-entries", "3").option("cull-frequency", "2")
                .attach(javax.sql.DataSource.class, notAutocommitting(ds)).build()).build()) {
            var cache = r.defaultCache();
            cache.set("stamp", 1L, dev.larder.Timeout.NEVER); // culled last: (expiry, key) order
            cache.set("a", "a");
            cache.set("b", "b");
            cache.set("c", "c");
            assertThat(cache.setIfUnchanged("entry", "moved", dev.larder.Timeout.DEFAULT, java.util.Map.of("stamp", 2L)))
                    .isFalse();
            assertThat(cache.hasKey("a")).as("the cull that made room is kept though nothing was stored").isFalse();
            assertThat(cache.get("stamp")).isEqualTo(1L);
            assertThat(cache.setIfUnchanged("entry", "kept", dev.larder.Timeout.DEFAULT, java.util.Map.of("stamp", 1L)))
                    .isTrue();
            assertThat(cache.get("entry")).isEqualTo("kept");
        }
        assertThat(rows("manual")).as("committed, seen from another connection; within the bound").isBetween(1L, 4L);
    }

    @Test
    void badSettings_failAtStartupNamingThem() throws Exception {
        assertThatThrownBy(() -> CacheRegistry.builder().cache("default", CacheConfig.builder().backend("jdbc").build()).build())
                .isInstanceOf(CacheConfigException.class).hasMessageContaining("options.url is not set");
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        String unreachable = "jdbc:postgresql://127.0.0.1:" + port + "/db?user=u&password=hunter2";
        assertThatThrownBy(() -> CacheRegistry.builder().cache("default", CacheConfig.builder().backend("jdbc")
                .option("url", unreachable).option("connect-timeout", "1s").build()).build())
                .isInstanceOf(CacheConfigException.class)
                .hasMessageContaining("options.url='jdbc:postgresql://127.0.0.1:" + port + "/db?user=u&password=***'")
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> CacheRegistry.builder().cache("default", CacheConfig.builder().backend("jdbc")
                .option("url", "jdbc:nosuchdb://x").build()).build())
                .isInstanceOf(CacheConfigException.class).hasMessageContaining("jdbc:nosuchdb://x");
        assertThatThrownBy(() -> cache("t", b -> b.option("cull-frequency", "-2")))
                .isInstanceOf(CacheConfigException.class).hasMessageContaining("cull-frequency='-2'");
    }
}
