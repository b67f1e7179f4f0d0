package dev.larder.jdbc;

import dev.larder.Timeout;
import dev.larder.spi.CacheKey;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * {@code setIfUnchanged} as one transaction: it reads the expected rows with
 * {@code SELECT ... FOR UPDATE} (SQLite has no row locks, so it first takes the database's
 * write lock with a write), writes only if every one holds its expected value, and commits. A
 * writer of an expected row either committed before the check, and the check sees it, or waits
 * for the commit.
 */
final class ConditionalSet {
    private final TableRows rows;
    private final Dialect dialect;
    private final TransactionRunner transactions;
    private final Clock clock;

    ConditionalSet(TableRows rows, Dialect dialect, TransactionRunner transactions, Clock clock) {
        this.rows = rows;
        this.dialect = dialect;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** The values a conditional set expects, by stored key. */
    record Expected(SortedMap<String, CacheKey> byStored, Map<CacheKey, Object> values) {
        static Expected of(Map<CacheKey, Object> values) {
            // Sorted, so two conditional sets lock the rows they share in one order.
            TreeMap<String, CacheKey> byStored = new TreeMap<>();
            values.keySet().forEach(k -> byStored.put(StoredKeys.of(k), k));
            return new Expected(byStored, values);
        }
    }

    /** Writes the row if every expected value holds; commits or rolls back. */
    boolean upsert(Connection c, String stored, byte[] bytes, Timeout timeout, Expected expected)
            throws SQLException {
        return transactions.inTransaction(c, () -> {
            if (!holds(c, expected)) {
                return false;
            }
            rows.upsert(c, stored, bytes, timeout.expiresAt(clock.millis()));
            return true;
        });
    }

    /** Deletes the row if every expected value holds; commits or rolls back. */
    boolean delete(Connection c, String stored, Expected expected) throws SQLException {
        return transactions.inTransaction(c, () -> {
            if (!holds(c, expected)) {
                return false;
            }
            rows.deleteKeys(c, List.of(stored));
            return true;
        });
    }

    /** Locks the expected rows and tells whether each is live and holds its expected value. */
    private boolean holds(Connection c, Expected expected) throws SQLException {
        List<String> names = new ArrayList<>(expected.byStored().keySet());
        if (dialect.forUpdate().isEmpty()) {
            // No row locks (SQLite): a first write takes the database's write lock, which no
            // other writer can then take until this transaction ends.
            rows.deleteExpired(c, names, clock.millis());
        }
        Map<String, TableRows.Row> found = new HashMap<>();
        rows.selectRows(c, names, " ORDER BY {k}" + dialect.forUpdate(), found::put);
        // Read after the locks are held: a row that expired while this waited for them is gone.
        long now = clock.millis();
        for (Map.Entry<String, CacheKey> e : expected.byStored().entrySet()) {
            TableRows.Row row = found.get(e.getKey());
            boolean live = row != null && row.expires() > now;
            Object value = live ? rows.decode(e.getValue(), row) : null;
            if (!Objects.deepEquals(value, expected.values().get(e.getValue()))) {
                return false;
            }
        }
        return true;
    }
}
