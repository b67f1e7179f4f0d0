package dev.larder.jdbc;

import dev.larder.CacheBackendException;
import dev.larder.Capabilities;
import dev.larder.Timeout;
import dev.larder.spi.CacheBackend;
import dev.larder.spi.CacheKey;
import dev.larder.spi.StatsCounter;
import dev.larder.spi.ValueCodec;
import dev.larder.support.Pages;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
 *
 * <p>The parts: {@link TableRows} (the statements), {@link TransactionRunner} (connections,
 * transactions, retries, failures), {@link Incrementer} (the {@code incr} loop),
 * {@link ConditionalSet} ({@code setIfUnchanged}), {@link KeyListing} ({@code keys}) and {@link Culler}.
 */
final class JdbcBackend implements CacheBackend {
    private static final Capabilities CAPABILITIES = Capabilities.builder()
            .stores().atomicAdd().atomicIncr().outOfProcess().culls().atomicConditionalSet().listsKeys().build();

    private final String alias;
    private final JdbcBackendFactory.Described database;
    private final AutoCloseable ownedPool;
    private final Dialect dialect;
    private final String table;
    private final ValueCodec codec;
    private final Clock clock;
    private final Culler culler;
    private final TableRows rows;
    private final TransactionRunner transactions;
    private final Incrementer incrementer;
    private final ConditionalSet conditionalSet;

    JdbcBackend(String alias, JdbcBackendFactory.Described database, DataSource dataSource, AutoCloseable ownedPool, Dialect dialect,
                String tableName, long maxEntries, int cullFrequency, ValueCodec codec, StatsCounter stats, Clock clock) {
        this.alias = alias;
        this.database = database;
        this.ownedPool = ownedPool;
        this.dialect = dialect;
        this.table = dialect.quote(tableName);
        this.codec = codec;
        this.clock = clock;
        this.culler = new Culler(dialect, tableName, maxEntries, cullFrequency, stats);
        this.rows = new TableRows(dialect, tableName, codec);
        this.transactions = new TransactionRunner(dataSource, dialect, stats, alias, table, database);
        this.incrementer = new Incrementer(rows, codec, clock);
        this.conditionalSet = new ConditionalSet(rows, dialect, transactions, clock);
    }

    Culler culler() {
        return culler;
    }

    @Override
    public Object get(CacheKey key) {
        String stored = StoredKeys.of(key);
        return transactions.run("get", c -> {
            long now = clock.millis();
            TableRows.Row row = rows.read(c, stored);
            if (row == null) {
                return null;
            }
            if (row.expires() > now) {
                return rows.decode(key, row);
            }
            rows.deleteExpired(c, List.of(stored), now);
            return null;
        });
    }

    @Override
    public Map<CacheKey, Object> getMany(Collection<CacheKey> keys) {
        Map<String, CacheKey> byStored = new LinkedHashMap<>();
        keys.forEach(k -> byStored.put(StoredKeys.of(k), k));
        List<String> names = new ArrayList<>(byStored.keySet());
        return transactions.run("getMany", c -> {
            long now = clock.millis();
            Map<CacheKey, Object> found = new HashMap<>();
            List<String> expired = new ArrayList<>();
            rows.selectRows(c, names, "", (name, row) -> {
                if (row.expires() <= now) {
                    expired.add(name);
                    return;
                }
                CacheKey key = byStored.get(name);
                Object decoded = key == null ? null : rows.decode(key, row);
                if (decoded != null) {
                    found.put(key, decoded);
                }
            });
            rows.deleteExpired(c, expired, now);
            return found;
        });
    }

    @Override
    public void set(CacheKey key, Object value, Timeout timeout) {
        byte[] bytes = codec.encode(key, value);
        String stored = StoredKeys.of(key);
        transactions.run("set", c -> {
            long now = clock.millis();
            if (timeout.isExpired()) {
                return rows.deleteKeys(c, List.of(stored));
            }
            return culler.insert(c, now, () -> rows.upsert(c, stored, bytes, timeout.expiresAt(now)));
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
        transactions.run("setMany", c -> {
            long now = clock.millis();
            if (timeout.isExpired()) {
                return rows.deleteKeys(c, encoded.keySet());
            }
            for (Map.Entry<String, byte[]> e : encoded.entrySet()) {
                culler.insert(c, now, () -> rows.upsert(c, e.getKey(), e.getValue(), timeout.expiresAt(now)));
            }
            return null;
        });
        return tooLarge;
    }

    @Override
    public boolean setIfUnchanged(CacheKey key, Object value, Timeout timeout, Map<CacheKey, Object> expected) {
        byte[] bytes = codec.encode(key, value);
        String stored = StoredKeys.of(key);
        ConditionalSet.Expected expecting = ConditionalSet.Expected.of(expected);
        return transactions.run("setIfUnchanged", c -> {
            if (timeout.isExpired()) {
                return conditionalSet.delete(c, stored, expecting);
            }
            // Culling runs first and is committed on its own: it never waits on rows this
            // transaction locks, and a false result does not undo it.
            return culler.insert(c, clock.millis(), () -> conditionalSet.upsert(c, stored, bytes, timeout, expecting));
        });
    }

    @Override
    public boolean add(CacheKey key, Object value, Timeout timeout) {
        byte[] bytes = codec.encode(key, value);
        String stored = StoredKeys.of(key);
        if (timeout.isExpired()) {
            // "Would it have been added?" An add that keeps nothing changes nothing.
            return !hasKey(key);
        }
        return transactions.run("add", c -> {
            long now = clock.millis();
            try {
                return culler.insert(c, now, () -> rows.insertIfAbsent(c, stored, bytes, timeout.expiresAt(now), now));
            } catch (SQLException e) {
                if (isDuplicateKey(e)) {
                    // A concurrent add inserted the row first: it won.
                    return false;
                }
                throw e;
            }
        });
    }

    @Override
    public boolean delete(CacheKey key) {
        String stored = StoredKeys.of(key);
        return transactions.run("delete", c -> rows.deleteLive(c, stored, clock.millis()));
    }

    @Override
    public void deleteMany(Collection<CacheKey> keys) {
        List<String> stored = keys.stream().map(StoredKeys::of).toList();
        transactions.run("deleteMany", c -> rows.deleteKeys(c, stored));
    }

    @Override
    public void clear() {
        transactions.run("clear", c -> {
            rows.deleteAll(c);
            culler.reset();
            return null;
        });
    }

    /** Every live row's key, a page at a time ({@link KeyListing}). */
    @Override
    public Iterator<CacheKey> keys() {
        return new Pages<>(new KeyListing(rows, transactions, clock));
    }

    @Override
    public boolean touch(CacheKey key, Timeout timeout) {
        String stored = StoredKeys.of(key);
        return transactions.run("touch", c -> {
            long now = clock.millis();
            if (timeout.isExpired()) {
                return rows.deleteLive(c, stored, now);
            }
            // Django's touch is one of its writes, which cull first when the table is over
            // max-entries (and may cull the very key, so that touch finds nothing).
            return culler.insert(c, now, () -> rows.extend(c, stored, timeout.expiresAt(now), now));
        });
    }

    @Override
    public long incr(CacheKey key, long delta) {
        String stored = StoredKeys.of(key);
        return transactions.run("incr", c -> incrementer.incr(c, key, stored, delta));
    }

    @Override
    public boolean hasKey(CacheKey key) {
        String stored = StoredKeys.of(key);
        return transactions.run("hasKey", c -> rows.isLive(c, stored, clock.millis()));
    }

    /** The table, its dialect, and its rows: all of them, and those not yet expired. */
    @Override
    public Map<String, String> inspect() {
        return transactions.run("inspect", c -> {
            Map<String, String> out = new TreeMap<>();
            out.put("table", table);
            out.put("dialect", dialect.name().toLowerCase(Locale.ROOT));
            TableRows.Census census = rows.census(c, clock.millis());
            out.put("rows", Long.toString(census.rows()));
            out.put("live rows", Long.toString(census.live()));
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
}
