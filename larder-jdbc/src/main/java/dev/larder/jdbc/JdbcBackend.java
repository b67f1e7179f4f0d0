package dev.larder.jdbc;

import dev.larder.CacheBackendException;
import dev.larder.CacheKeyNotFoundException;
import dev.larder.Capabilities;
import dev.larder.Timeout;
import dev.larder.spi.CacheBackend;
import dev.larder.spi.CacheKey;
import dev.larder.spi.StatsCounter;
import dev.larder.spi.ValueCodec;
import dev.larder.support.Counters;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * A cache in a database table. Every call takes a connection of its own from the pool and
 * commits as it goes: cache writes never join the caller's transaction (unless the
 * {@code DataSource} itself hands out the caller's connection, as Spring's
 * {@code TransactionAwareDataSourceProxy} does), so they are visible to everyone at once and
 * survive the caller's rollback.
 *
 * <p>{@code set} is the database's native upsert; {@code add} is one atomic conditional upsert
 * (PostgreSQL, SQLite, H2) or a delete of an expired row and an insert that a duplicate key
 * refuses (MariaDB), so concurrent adds have one winner; {@code incr} is a compare-and-set
 * loop that keeps the expiry. Expired rows are removed when read and when culling. Database
 * errors surface as {@link CacheBackendException} (Django swallows them).
 *
 * <p>{@code setIfUnchanged} is one transaction: it reads the expected rows with
 * {@code SELECT ... FOR UPDATE} (SQLite has no row locks, so it first takes the database's
 * write lock with a write), writes only if every one holds its expected value, and commits. A
 * writer of an expected row either committed before the check, and the check sees it, or waits
 * for the commit. A deadlock or serialisation failure counts as "changed": nothing is stored.
 */
final class JdbcBackend implements CacheBackend {
    private static final Capabilities CAPABILITIES = Capabilities.builder()
            .stores().atomicAdd().atomicIncr().outOfProcess().culls().atomicConditionalSet().build();
    private static final int IN_BATCH = 500;
    private static final int INCR_ATTEMPTS = 1000;
    private static final int CONFLICT_ATTEMPTS = 3;
    /** MySQL and MariaDB: "Binary logging not possible ... READ-COMMITTED ... not safe for binlog mode 'STATEMENT'". */
    private static final int UNSAFE_FOR_STATEMENT_BINLOG = 1665;
    /** Operations that are run again when the database picks them as a deadlock victim. */
    private static final Set<String> RETRIED = Set.of("set", "setMany", "delete", "deleteMany");

    private final String alias;
    private final JdbcBackendFactory.Described database;
    private final DataSource dataSource;
    private final AutoCloseable ownedPool;
    private final Dialect dialect;
    private final String table;
    private final String tableName;
    private final ValueCodec codec;
    private final StatsCounter stats;
    private final Clock clock;
    private final Culler culler;
    /**
     * The value, or NULL when it is longer than the limit, then its length: a value planted by
     * another program is measured by the database and never sent whole.
     */
    private final String boundedValue;
    private final String select;
    private final String upsert;
    private final String add;
    /** MariaDB and MySQL: locking reads at READ COMMITTED take no gap locks (off if the server refuses it). */
    private volatile boolean readCommittedLocks;

    JdbcBackend(String alias, JdbcBackendFactory.Described database, DataSource dataSource, AutoCloseable ownedPool, Dialect dialect,
                String tableName, long maxEntries, int cullFrequency, ValueCodec codec, StatsCounter stats, Clock clock) {
        this.alias = alias;
        this.database = database;
        this.dataSource = dataSource;
        this.ownedPool = ownedPool;
        this.dialect = dialect;
        this.table = dialect.quote(tableName);
        this.tableName = tableName;
        this.codec = codec;
        this.stats = stats;
        this.clock = clock;
        this.culler = new Culler(dialect, tableName, maxEntries, cullFrequency, stats);
        this.boundedValue = "CASE WHEN " + dialect.byteLength("{v}") + " > " + codec.maxValueSize()
                + " THEN NULL ELSE {v} END, " + dialect.byteLength("{v}");
        this.select = sql("SELECT " + boundedValue + ", {e} FROM {t} WHERE {k} = ?");
        this.upsert = sql(dialect.upsert());
        String conditional = dialect.addIfAbsentOrExpired();
        this.add = conditional == null ? null : sql(conditional);
        this.readCommittedLocks = dialect == Dialect.MARIADB || dialect == Dialect.MYSQL;
    }

    Culler culler() {
        return culler;
    }

    /** Work on one connection. */
    @FunctionalInterface
    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    @Override
    public Object get(CacheKey key) {
        String stored = StoredKeys.of(key);
        return run("get", c -> {
            long now = clock.millis();
            try (PreparedStatement s = c.prepareStatement(select)) {
                s.setString(1, stored);
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) {
                        return null;
                    }
                    if (rs.getLong(3) > now) {
                        return decode(key, rs.getBytes(1), rs.getLong(2));
                    }
                }
            }
            deleteExpired(c, List.of(stored), now);
            return null;
        });
    }

    @Override
    public Map<CacheKey, Object> getMany(Collection<CacheKey> keys) {
        Map<String, CacheKey> byStored = new LinkedHashMap<>();
        keys.forEach(k -> byStored.put(StoredKeys.of(k), k));
        List<String> names = new ArrayList<>(byStored.keySet());
        return run("getMany", c -> {
            long now = clock.millis();
            Map<CacheKey, Object> found = new HashMap<>();
            List<String> expired = new ArrayList<>();
            selectRows(c, names, "", (name, value, length, expires) -> {
                if (expires <= now) {
                    expired.add(name);
                    return;
                }
                CacheKey key = byStored.get(name);
                Object decoded = key == null ? null : decode(key, value, length);
                if (decoded != null) {
                    found.put(key, decoded);
                }
            });
            deleteExpired(c, expired, now);
            return found;
        });
    }

    @Override
    public void set(CacheKey key, Object value, Timeout timeout) {
        byte[] bytes = codec.encode(key, value);
        String stored = StoredKeys.of(key);
        run("set", c -> {
            long now = clock.millis();
            if (timeout.isExpired()) {
                return deleteKeys(c, List.of(stored));
            }
            return culler.insert(c, now, () -> upsert(c, stored, bytes, timeout.expiresAt(now)));
        });
    }

    @Override
    public List<CacheKey> setMany(Map<CacheKey, Object> entries, Timeout timeout) {
        List<CacheKey> tooLarge = new ArrayList<>(0);
        Map<String, byte[]> encoded = new LinkedHashMap<>();
        codec.encodeEach(entries, tooLarge).forEach((key, bytes) -> encoded.put(StoredKeys.of(key), bytes));
        if (encoded.isEmpty()) {
            return tooLarge;
        }
        run("setMany", c -> {
            long now = clock.millis();
            if (timeout.isExpired()) {
                return deleteKeys(c, encoded.keySet());
            }
            for (Map.Entry<String, byte[]> e : encoded.entrySet()) {
                culler.insert(c, now, () -> upsert(c, e.getKey(), e.getValue(), timeout.expiresAt(now)));
            }
            return null;
        });
        return tooLarge;
    }

    @Override
    public boolean setIfUnchanged(CacheKey key, Object value, Timeout timeout, Map<CacheKey, Object> expected) {
        byte[] bytes = codec.encode(key, value);
        String stored = StoredKeys.of(key);
        // Sorted, so two conditional sets lock the rows they share in one order.
        TreeMap<String, CacheKey> byStored = new TreeMap<>();
        expected.keySet().forEach(k -> byStored.put(StoredKeys.of(k), k));
        return run("setIfUnchanged", c -> {
            if (timeout.isExpired()) {
                return inTransaction(c, () -> {
                    if (!holds(c, byStored, expected)) {
                        return false;
                    }
                    deleteKeys(c, List.of(stored));
                    return true;
                });
            }
            // Culling runs first and is committed on its own: it never waits on rows this
            // transaction locks, and a false result does not undo it.
            return culler.insert(c, clock.millis(), () -> inTransaction(c, () -> {
                if (!holds(c, byStored, expected)) {
                    return false;
                }
                upsert(c, stored, bytes, timeout.expiresAt(clock.millis()));
                return true;
            }));
        });
    }

    /** Locks the expected rows and tells whether each is live and holds its expected value. */
    private boolean holds(Connection c, SortedMap<String, CacheKey> byStored, Map<CacheKey, Object> expected)
            throws SQLException {
        List<String> names = new ArrayList<>(byStored.keySet());
        if (dialect.forUpdate().isEmpty()) {
            // No row locks (SQLite): a first write takes the database's write lock, which no
            // other writer can then take until this transaction ends.
            deleteExpired(c, names, clock.millis());
        }
        Map<String, byte[]> found = new HashMap<>();
        Map<String, Long> lengths = new HashMap<>();
        Map<String, Long> expiries = new HashMap<>();
        selectRows(c, names, " ORDER BY {k}" + dialect.forUpdate(), (name, value, length, expires) -> {
            found.put(name, value);
            lengths.put(name, length);
            expiries.put(name, expires);
        });
        // Read after the locks are held: a row that expired while this waited for them is gone.
        long now = clock.millis();
        for (Map.Entry<String, CacheKey> e : byStored.entrySet()) {
            boolean live = expiries.getOrDefault(e.getKey(), Long.MIN_VALUE) > now;
            Object value = live ? decode(e.getValue(), found.get(e.getKey()), lengths.get(e.getKey())) : null;
            if (!Objects.deepEquals(value, expected.get(e.getValue()))) {
                return false;
            }
        }
        return true;
    }

    /** One row of the table as {@link #selectRows} reads it: the value is null when over the limit. */
    @FunctionalInterface
    private interface Row {
        void accept(String storedKey, byte[] value, long length, long expires);
    }

    /** A row's value, or null for bytes that do not decode or were too long to be read. */
    private Object decode(CacheKey key, byte[] value, long length) {
        return codec.storedTooLarge(key, length) ? null : codec.decode(key, value);
    }

    /** Reads the rows of these stored keys, in batches of {@value #IN_BATCH}; {@code suffix} ends each SELECT. */
    private void selectRows(Connection c, List<String> names, String suffix, Row row) throws SQLException {
        for (int from = 0; from < names.size(); from += IN_BATCH) {
            List<String> batch = names.subList(from, Math.min(names.size(), from + IN_BATCH));
            try (PreparedStatement s = c.prepareStatement(sql("SELECT {k}, " + boundedValue + ", {e} FROM {t} WHERE {k} IN ("
                    + placeholders(batch.size()) + ")" + suffix))) {
                for (int i = 0; i < batch.size(); i++) {
                    s.setString(i + 1, batch.get(i));
                }
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        row.accept(rs.getString(1), rs.getBytes(2), rs.getLong(3), rs.getLong(4));
                    }
                }
            }
        }
    }

    /** Work that commits when it returns true and rolls back when it returns false or fails. */
    @FunctionalInterface
    private interface Conditional {
        boolean run() throws SQLException;
    }

    /**
     * Runs work in a transaction of its own. A connection that autocommits is switched for
     * it and back; on one that does not (a data source that hands out the caller's connection),
     * what came before is committed first, as every other call here commits, so that a rollback
     * undoes this work only. On MariaDB and MySQL the transaction reads committed rows, so its
     * locking reads take no gap locks (fewer deadlocks with concurrent upserts), unless the
     * server logs statements and refuses writes at that level.
     */
    private boolean inTransaction(Connection c, Conditional work) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        if (!autoCommit) {
            c.commit();
        }
        // Switched before the transaction starts: a driver may apply it only to the next one.
        int isolation = c.getTransactionIsolation();
        boolean switchIsolation = readCommittedLocks && isolation != Connection.TRANSACTION_READ_COMMITTED;
        if (switchIsolation) {
            c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        }
        if (autoCommit) {
            c.setAutoCommit(false);
        }
        try {
            boolean keep;
            try {
                keep = work.run();
                if (keep) {
                    c.commit();
                }
            } catch (SQLException e) {
                if (switchIsolation && e.getErrorCode() == UNSAFE_FOR_STATEMENT_BINLOG) {
                    // MySQL or MariaDB logging statements refuses writes at READ COMMITTED:
                    // stay at the server's isolation from now on.
                    readCommittedLocks = false;
                }
                if (!isConflict(e)) {
                    throw e;
                }
                // The database chose this transaction as a deadlock or serialisation victim:
                // a concurrent writer touched the rows, so they count as changed.
                keep = false;
            }
            if (!keep) {
                c.rollback();
            }
            return keep;
        } catch (Throwable t) {
            try {
                c.rollback();
            } catch (SQLException suppressed) {
                t.addSuppressed(suppressed);
            }
            throw t;
        } finally {
            restore(c, autoCommit, switchIsolation ? isolation : -1);
        }
    }

    /** Puts the connection back as it was; a failure here does not hide the one being thrown. */
    private static void restore(Connection c, boolean autoCommit, int isolation) throws SQLException {
        SQLException failed = null;
        try {
            if (autoCommit) {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            failed = e;
        }
        try {
            if (isolation >= 0) {
                c.setTransactionIsolation(isolation);
            }
        } catch (SQLException e) {
            if (failed == null) {
                failed = e;
            } else {
                failed.addSuppressed(e);
            }
        }
        if (failed != null) {
            throw failed;
        }
    }

    /** SQLState class 40 is a transaction rollback: serialisation failure, deadlock. */
    private static boolean isConflict(SQLException e) {
        return e.getSQLState() != null && e.getSQLState().startsWith("40");
    }

    private int upsert(Connection c, String stored, byte[] bytes, long expires) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(upsert)) {
            s.setString(1, stored);
            s.setBytes(2, bytes);
            s.setLong(3, expires);
            return s.executeUpdate();
        }
    }

    @Override
    public boolean add(CacheKey key, Object value, Timeout timeout) {
        byte[] bytes = codec.encode(key, value);
        String stored = StoredKeys.of(key);
        if (timeout.isExpired()) {
            // "Would it have been added?" An add that keeps nothing changes nothing.
            return !hasKey(key);
        }
        return run("add", c -> {
            long now = clock.millis();
            try {
                return culler.insert(c, now, () -> insertIfAbsent(c, stored, bytes, timeout.expiresAt(now), now));
            } catch (SQLException e) {
                if (isDuplicateKey(e)) {
                    // A concurrent add inserted the row first: it won.
                    return false;
                }
                throw e;
            }
        });
    }

    /** One conditional upsert that replaces only an expired row, or delete-expired-then-insert. */
    private boolean insertIfAbsent(Connection c, String stored, byte[] bytes, long expires, long now)
            throws SQLException {
        if (add != null) {
            try (PreparedStatement s = c.prepareStatement(add)) {
                s.setString(1, stored);
                s.setBytes(2, bytes);
                s.setLong(3, expires);
                s.setLong(4, now);
                return s.executeUpdate() > 0;
            }
        }
        deleteExpired(c, List.of(stored), now);
        try (PreparedStatement s = c.prepareStatement(sql(Dialect.insert()))) {
            s.setString(1, stored);
            s.setBytes(2, bytes);
            s.setLong(3, expires);
            return s.executeUpdate() > 0;
        }
    }

    @Override
    public boolean delete(CacheKey key) {
        String stored = StoredKeys.of(key);
        return run("delete", c -> {
            try (PreparedStatement s = c.prepareStatement(sql("DELETE FROM {t} WHERE {k} = ? AND {e} > ?"))) {
                s.setString(1, stored);
                s.setLong(2, clock.millis());
                return s.executeUpdate() > 0;
            }
        });
    }

    @Override
    public void deleteMany(Collection<CacheKey> keys) {
        List<String> stored = keys.stream().map(StoredKeys::of).toList();
        run("deleteMany", c -> deleteKeys(c, stored));
    }

    @Override
    public void clear() {
        run("clear", c -> {
            try (Statement s = c.createStatement()) {
                s.executeUpdate(sql("DELETE FROM {t}"));
            }
            culler.reset();
            return null;
        });
    }

    @Override
    public boolean touch(CacheKey key, Timeout timeout) {
        String stored = StoredKeys.of(key);
        return run("touch", c -> {
            long now = clock.millis();
            if (timeout.isExpired()) {
                try (PreparedStatement s = c.prepareStatement(sql("DELETE FROM {t} WHERE {k} = ? AND {e} > ?"))) {
                    s.setString(1, stored);
                    s.setLong(2, now);
                    return s.executeUpdate() > 0;
                }
            }
            // Django's touch is one of its writes, which cull first when the table is over
            // max-entries (and may cull the very key, so that touch finds nothing).
            return culler.insert(c, now, () -> {
                try (PreparedStatement s = c.prepareStatement(sql("UPDATE {t} SET {e} = ? WHERE {k} = ? AND {e} > ?"))) {
                    s.setLong(1, timeout.expiresAt(now));
                    s.setString(2, stored);
                    s.setLong(3, now);
                    return s.executeUpdate() > 0;
                }
            });
        });
    }

    @Override
    public long incr(CacheKey key, long delta) {
        String stored = StoredKeys.of(key);
        return run("incr", c -> {
            for (int attempt = 0; attempt < INCR_ATTEMPTS; attempt++) {
                long now = clock.millis();
                byte[] old;
                long length;
                long expires;
                try (PreparedStatement s = c.prepareStatement(select)) {
                    s.setString(1, stored);
                    try (ResultSet rs = s.executeQuery()) {
                        if (!rs.next() || rs.getLong(3) <= now) {
                            throw new CacheKeyNotFoundException(key.value());
                        }
                        old = rs.getBytes(1);
                        length = rs.getLong(2);
                        expires = rs.getLong(3);
                    }
                }
                Object current = decode(key, old, length);
                if (current == null) {
                    // Bytes that do not decode are a miss everywhere, so incr finds no key.
                    throw new CacheKeyNotFoundException(key.value());
                }
                long result = Counters.add(key, current, delta);
                // Compare-and-set: only if nobody changed the row since we read it.
                try (PreparedStatement s = c.prepareStatement(
                        sql("UPDATE {t} SET {v} = ? WHERE {k} = ? AND {v} = ? AND {e} = ?"))) {
                    s.setBytes(1, codec.encode(key, result));
                    s.setString(2, stored);
                    s.setBytes(3, old);
                    s.setLong(4, expires);
                    if (s.executeUpdate() == 1) {
                        return result;
                    }
                }
                if (!c.getAutoCommit()) {
                    c.commit();
                }
            }
            throw new SQLException("incr of key '" + key + "' lost the race " + INCR_ATTEMPTS + " times in a row");
        });
    }

    @Override
    public boolean hasKey(CacheKey key) {
        String stored = StoredKeys.of(key);
        return run("hasKey", c -> {
            try (PreparedStatement s = c.prepareStatement(sql("SELECT 1 FROM {t} WHERE {k} = ? AND {e} > ?"))) {
                s.setString(1, stored);
                s.setLong(2, clock.millis());
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    /** The table, its dialect, and its rows: all of them, and those not yet expired. */
    @Override
    public Map<String, String> inspect() {
        return run("inspect", c -> {
            Map<String, String> out = new TreeMap<>();
            out.put("table", table);
            out.put("dialect", dialect.name().toLowerCase(Locale.ROOT));
            try (PreparedStatement s = c.prepareStatement(sql("SELECT COUNT(*), SUM(CASE WHEN {e} > ? THEN 1 ELSE 0 END) FROM {t}"))) {
                s.setLong(1, clock.millis());
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    out.put("rows", Long.toString(rs.getLong(1)));
                    out.put("live rows", Long.toString(rs.getLong(2)));
                }
            }
            return out;
        });
    }

    @Override
    public Capabilities capabilities() {
        return CAPABILITIES;
    }

    @Override
    public void close() {
        if (ownedPool != null) {
            try {
                ownedPool.close();
            } catch (Exception e) {
                throw new CacheBackendException("cache '" + alias + "': closing the pool of " + database + " failed: "
                        + database.secrets().redact(e.toString()), database.secrets().scrub(e));
            }
        }
    }

    @Override
    public String toString() {
        return "jdbc " + dialect.name().toLowerCase(Locale.ROOT) + " table " + table + " on " + database;
    }

    private void deleteExpired(Connection c, List<String> stored, long now) throws SQLException {
        for (int from = 0; from < stored.size(); from += IN_BATCH) {
            List<String> batch = stored.subList(from, Math.min(stored.size(), from + IN_BATCH));
            try (PreparedStatement s = c.prepareStatement(sql("DELETE FROM {t} WHERE {k} IN ("
                    + placeholders(batch.size()) + ") AND {e} <= ?"))) {
                for (int i = 0; i < batch.size(); i++) {
                    s.setString(i + 1, batch.get(i));
                }
                s.setLong(batch.size() + 1, now);
                s.executeUpdate();
            }
        }
    }

    private Integer deleteKeys(Connection c, Collection<String> stored) throws SQLException {
        List<String> all = new ArrayList<>(stored);
        int removed = 0;
        for (int from = 0; from < all.size(); from += IN_BATCH) {
            List<String> batch = all.subList(from, Math.min(all.size(), from + IN_BATCH));
            try (PreparedStatement s = c.prepareStatement(sql("DELETE FROM {t} WHERE {k} IN ("
                    + placeholders(batch.size()) + ")"))) {
                for (int i = 0; i < batch.size(); i++) {
                    s.setString(i + 1, batch.get(i));
                }
                removed += s.executeUpdate();
            }
        }
        return removed;
    }

    private String sql(String template) {
        return dialect.sql(template, tableName);
    }

    private static String placeholders(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }

    /** SQLState class 23 is an integrity constraint violation (a duplicate primary key here). */
    private static boolean isDuplicateKey(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLIntegrityConstraintViolationException
                    || (t instanceof SQLException s && s.getSQLState() != null && s.getSQLState().startsWith("23"))) {
                return true;
            }
        }
        return e.getMessage() != null && e.getMessage().contains("UNIQUE constraint failed");
    }

    private <T> T run(String operation, Work<T> work) {
        for (int attempt = 1; ; attempt++) {
            boolean ownTransaction = true;
            try (Connection c = dataSource.getConnection()) {
                ownTransaction = c.getAutoCommit();
                try {
                    T result = work.run(c);
                    if (!c.getAutoCommit()) {
                        c.commit();
                    }
                    return result;
                } catch (SQLException | RuntimeException e) {
                    if (!c.getAutoCommit()) {
                        c.rollback();
                    }
                    throw e;
                }
            } catch (SQLException e) {
                if (ownTransaction && isConflict(e) && RETRIED.contains(operation) && attempt < CONFLICT_ATTEMPTS) {
                    // A deadlock victim (a concurrent setIfUnchanged's locks, say). These writes
                    // give the same result however often they run, and a lost one could be a
                    // lost invalidation: run it again. Not on a connection that was already in
                    // a transaction (the caller's): the caller must hear that it rolled back.
                    continue;
                }
                stats.recordError();
                throw new CacheBackendException("cache '" + alias + "': " + operation + " on table " + table + " of "
                        + database + " failed: " + database.secrets().redact(e.getMessage()) + " (SQLState " + e.getSQLState()
                        + ")", database.secrets().scrub(e));
            }
        }
    }
}
