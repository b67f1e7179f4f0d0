package dev.larder.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.larder.Cache;
import dev.larder.CacheBackendException;
import dev.larder.CacheConfig;
import dev.larder.CacheConfigException;
import dev.larder.CacheRegistry;
import dev.larder.CacheValueTooLargeException;
import dev.larder.testkit.servers.LarderServers;
import dev.larder.testkit.servers.TestDatabase;
import dev.larder.testkit.servers.UseDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** PostgreSQL and MariaDB: transactions, key comparison, credentials, oversized values. */
@ExtendWith(LarderServers.class)
class JdbcServersTest {
    private final String table = "cache " + UUID.randomUUID().toString().substring(0, 8);

    private CacheRegistry registry(String url) {
        return CacheRegistry.builder().cache("default", CacheConfig.builder().backend("jdbc").location(table)
                .option("url", url).option("create-table", "true").build()).build();
    }

    /**
     * Cache writes take connections of their own: they do not join the caller's transaction,
     * so they are visible at once and survive its rollback.
     */
    private void writesDoNotJoinTheCallersTransaction(TestDatabase db) throws Exception {
        try (CacheRegistry caches = registry(db.url()); CacheRegistry other = registry(db.url());
             Connection app = db.connect()) {
            try (Statement s = app.createStatement()) {
                s.execute("CREATE TABLE orders (id INT PRIMARY KEY)");
            }
            app.setAutoCommit(false);
            try (Statement s = app.createStatement()) {
                s.execute("INSERT INTO orders VALUES (1)");
            }
            caches.defaultCache().set("order:1", "cached inside the caller's transaction");
            assertThat(other.defaultCache().get("order:1")).as("visible before the caller commits")
                    .isEqualTo("cached inside the caller's transaction");
            app.rollback();
            assertThat(caches.defaultCache().get("order:1")).as("kept after the caller rolls back")
                    .isEqualTo("cached inside the caller's transaction");
            try (Statement s = app.createStatement()) {
                var rs = s.executeQuery("SELECT COUNT(*) FROM orders");
                rs.next();
                assertThat(rs.getInt(1)).as("the caller's own insert was rolled back").isZero();
                s.execute("DROP TABLE orders");
            }
            app.commit();
        }
    }

    /**
     * A table another session holds locked (a migration, {@code VACUUM FULL}) costs a cache call
     * its command timeout, then a {@link CacheBackendException}, not the lock's whole length.
     */
    private void lockedTable_failsWithinTheCommandTimeout(TestDatabase db, String lock) throws Exception {
        try (CacheRegistry caches = CacheRegistry.builder().cache("default", CacheConfig.builder().backend("jdbc")
                .location(table).option("url", db.url()).option("create-table", "true")
                .option("command-timeout", "300ms").build()).build(); Connection locker = db.connect()) {
            Cache cache = caches.defaultCache();
            cache.set("k", "v");
            locker.setAutoCommit(false);
            try (Statement s = locker.createStatement()) {
                s.execute(lock.replace("{t}", "\"" + table + "\"").replace("{mt}", "`" + table + "`"));
                long start = System.nanoTime();
                assertThatThrownBy(() -> cache.get("k")).isInstanceOf(CacheBackendException.class);
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(250),
                        Duration.ofSeconds(3));
            } finally {
                locker.rollback();
                try (Statement s = locker.createStatement()) {
                    s.execute("SELECT 1");
                }
                if (db.kind() == TestDatabase.Kind.MARIADB) {
                    try (Statement s = locker.createStatement()) {
                        s.execute("UNLOCK TABLES");
                    }
                }
            }
            assertThat(cache.get("k")).as("answers again once the lock is gone").isEqualTo("v");
        }
    }

    @Test
    void postgres_aLockedTable_failsWithinTheCommandTimeout(@UseDatabase(TestDatabase.Kind.POSTGRESQL) TestDatabase db)
            throws Exception {
        lockedTable_failsWithinTheCommandTimeout(db, "LOCK TABLE {t} IN ACCESS EXCLUSIVE MODE");
    }

    @Test
    void mariadb_aLockedTable_failsWithinTheCommandTimeout(@UseDatabase(TestDatabase.Kind.MARIADB) TestDatabase db)
            throws Exception {
        lockedTable_failsWithinTheCommandTimeout(db, "LOCK TABLES {mt} WRITE");
    }

    @Test
    void commandTimeout_withAnAttachedDataSource_isRefused() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:attached-timeout;DB_CLOSE_DELAY=-1");
        assertThatThrownBy(() -> CacheRegistry.builder().cache("default", CacheConfig.builder().backend("jdbc")
                .attach(DataSource.class, h2).option("create-table", "true")
                .option("command-timeout", "1s").build()).build())
                .isInstanceOf(CacheConfigException.class)
                .hasMessageContaining("larder.caches.default.options.command-timeout").hasMessageContaining("statement_timeout");
    }

    @Test
    void postgres_writesDoNotJoinTheCallersTransaction(@UseDatabase(TestDatabase.Kind.POSTGRESQL) TestDatabase db)
            throws Exception {
        writesDoNotJoinTheCallersTransaction(db);
    }

    @Test
    void mariadb_writesDoNotJoinTheCallersTransaction(@UseDatabase(TestDatabase.Kind.MARIADB) TestDatabase db)
            throws Exception {
        writesDoNotJoinTheCallersTransaction(db);
    }

    @Test
    void mariadb_keysDifferingInCaseOrTrailingSpaces_areDifferentKeys(@UseDatabase(TestDatabase.Kind.MARIADB) TestDatabase db) {
        try (CacheRegistry caches = registry(db.url())) {
            Cache cache = caches.defaultCache();
            cache.set("Key", "upper");
            cache.set("key", "lower");
            cache.set("key ", "trailing space");
            cache.set("clé", "accent");
            cache.set("cle", "plain");
            assertThat(cache.get("Key")).isEqualTo("upper");
            assertThat(cache.get("key")).isEqualTo("lower");
            assertThat(cache.get("key ")).isEqualTo("trailing space");
            assertThat(cache.get("clé")).isEqualTo("accent");
            assertThat(cache.get("cle")).isEqualTo("plain");
        }
    }

    @Test
    void postgres_keysDifferingInCaseOrTrailingSpaces_areDifferentKeys(@UseDatabase(TestDatabase.Kind.POSTGRESQL) TestDatabase db) {
        try (CacheRegistry caches = registry(db.url())) {
            Cache cache = caches.defaultCache();
            cache.set("Key", "upper");
            cache.set("key", "lower");
            cache.set("key ", "trailing space");
            assertThat(cache.getMany(java.util.List.of("Key", "key", "key "))).hasSize(3).containsEntry("key ", "trailing space");
        }
    }

    /**
     * The server drops every connection of the cache's pool (what a restart or failover does):
     * at most a call or two fail, as {@code CacheBackendException}, quickly, and the same cache
     * object works again with fresh connections.
     */
    @Test
    void postgres_droppedConnections_failFast_andTheSameCacheRecovers(
            @UseDatabase(TestDatabase.Kind.POSTGRESQL) TestDatabase db) throws Exception {
        try (CacheRegistry caches = registry(db.url())) {
            Cache cache = caches.defaultCache();
            cache.set("k", "v");
            try (Connection admin = db.connect(); Statement s = admin.createStatement()) {
                var rs = s.executeQuery("SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity"
                        + " WHERE datname = current_database() AND pid <> pg_backend_pid()");
                rs.next();
                assertThat(rs.getInt(1)).as("pooled connections dropped").isPositive();
            }
            int failures = 0;
            Object value = null;
            for (int attempt = 0; attempt < 20 && value == null; attempt++) {
                long start = System.nanoTime();
                try {
                    value = cache.get("k");
                } catch (CacheBackendException e) {
                    assertThat(e).hasMessageContaining("get on table");
                    failures++;
                }
                assertThat(Duration.ofNanos(System.nanoTime() - start)).as("attempt " + attempt)
                        .isLessThan(Duration.ofSeconds(2));
            }
            assertThat(value).isEqualTo("v");
            assertThat(failures).as("calls failed before the pool replaced its connections").isLessThanOrEqualTo(10);
            assertThat(cache.stats().errors()).isEqualTo(failures);
            cache.set("k", "again");
            assertThat(cache.get("k")).isEqualTo("again");
        }
    }

    @Test
    void mariadb_wrongPassword_failsAtStartup_withoutPrintingIt(@UseDatabase(TestDatabase.Kind.MARIADB) TestDatabase db) {
        String wrong = "jdbc:mariadb://127.0.0.1:3306/" + db.name() + "?user=root&password=not-the-password";
        assertThatThrownBy(() -> registry(wrong)).isInstanceOf(CacheConfigException.class)
                .hasMessageContaining("password=***").hasMessageNotContaining("not-the-password")
                .hasMessageContaining("Access denied");
    }

    @Test
    void mariadb_limitIsHalfTheMaxAllowedPacket_soEveryValueUnderItIsStored(
            @UseDatabase(TestDatabase.Kind.MARIADB) TestDatabase db) throws Exception {
        long packet;
        try (Connection c = DriverManager.getConnection(db.url()); Statement s = c.createStatement()) {
            var rs = s.executeQuery("SELECT @@max_allowed_packet");
            rs.next();
            packet = rs.getLong(1);
        }
        long limit = (packet - 64 * 1024) / 2;
        try (CacheRegistry caches = registry(db.url())) {
            Cache cache = caches.defaultCache();
            // Zeros are escaped byte for byte: the longest statement a value can make.
            byte[] zeros = new byte[(int) Math.min(limit, 16 * 1024 * 1024) - 1];
            cache.set("big", zeros);
            assertThat((byte[]) cache.get("big")).hasSize(zeros.length);
            assertThatThrownBy(() -> cache.set("big", new byte[(int) packet + 1024]))
                    .isInstanceOf(CacheValueTooLargeException.class).hasMessageContaining("limit of " + Math.min(limit, 16 << 20));
            assertThat(cache.get("big")).as("refused, and the old value removed").isNull();
            cache.set("after", "fine");
            assertThat(cache.get("after")).isEqualTo("fine");
        }
        assertThatThrownBy(() -> CacheRegistry.builder().cache("default", CacheConfig.builder().backend("jdbc")
                .location("big values").option("url", db.url()).option("create-table", "true")
                .option("max-value-size", Long.toString(packet)).build()).build())
                .isInstanceOf(CacheConfigException.class).hasMessageContaining("max_allowed_packet of " + packet);
    }
}
