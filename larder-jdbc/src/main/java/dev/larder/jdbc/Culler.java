package dev.larder.jdbc;

import dev.larder.spi.StatsCounter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Culls the table as Django's {@code DatabaseCache} does, without its {@code COUNT(*)} on every
 * write (Django counts on every one, so its writes slow down as the table grows).
 *
 * <p>Django counts the rows before each write and culls when it finds more than
 * {@code max-entries}, so the table holds at most {@code max-entries + 1} rows. Here, after
 * counting {@code c} rows, the next {@code max - c} writes cannot find more than {@code max}
 * (each adds at most one row), so they go ahead uncounted; only then is the table counted
 * again, and culled if over. The writes that cull are Django's: {@code set}, {@code add} (of a
 * present key too) and {@code touch}. A cull removes the expired rows and then, if the table is
 * still over, {@code count / cull-frequency} rows (0: every row), as Django does, with two
 * differences: the rows that go are those that expire soonest, in key order among equal
 * expiries, where Django takes the first keys in key order (the same rows when every entry has
 * the same expiry); and at least one row goes, where Django's {@code count / cull-frequency}
 * rounds to none (more rows than {@code max-entries} but fewer than {@code cull-frequency}) or,
 * with {@code cull-frequency} 1, its cull finds no row to cut at and removes nothing, so its
 * table grows without bound; here a cull-frequency of 1 empties the table.
 *
 * <p>Writes still running when the table is counted are added to the count. Within one
 * process the table therefore never holds more than {@code max-entries + 1} rows; each other
 * process writing to the same table can add at most its own budget on top before it counts.
 */
final class Culler {
    private final Dialect dialect;
    private final String tableName;
    private final long maxEntries;
    private final int cullFrequency;
    private final StatsCounter stats;
    /** Inserts that may go ahead uncounted; -1 before the first count. Guarded by this. */
    private long budget = -1;
    private long counts;
    /** Inserts between beforeInsert and afterInsert, which a COUNT(*) may not see yet. Guarded by this. */
    private long inFlight;

    Culler(Dialect dialect, String tableName, long maxEntries, int cullFrequency, StatsCounter stats) {
        this.dialect = dialect;
        this.tableName = tableName;
        this.maxEntries = maxEntries;
        this.cullFrequency = cullFrequency;
        this.stats = stats;
    }

    /** A write that may insert a row, or one Django culls before (touch). */
    interface Insert<T> {
        T run() throws SQLException;
    }

    /** Runs {@code insert} after culling, if the table may hold more than {@code max-entries} rows. */
    <T> T insert(Connection c, long now, Insert<T> insert) throws SQLException {
        beforeInsert(c, now);
        try {
            return insert.run();
        } finally {
            afterInsert();
        }
    }

    private synchronized void beforeInsert(Connection c, long now) throws SQLException {
        inFlight++;
        if (budget > 0) {
            budget--;
            return;
        }
        try {
            // Other threads' inserts still running count as rows already there, so that a
            // count taken while they run cannot let the table past the bound when they land.
            long count = count(c) + inFlight - 1;
            if (count > maxEntries) {
                count -= cull(c, now, count);
            }
            // Each of the next `budget` writes finds at most `max` rows before it, as Django's
            // count would: none of them would cull there.
            budget = Math.max(0, maxEntries - count);
        } catch (SQLException | RuntimeException e) {
            // The insert will not run, so its afterInsert will not either.
            inFlight--;
            throw e;
        }
    }

    private synchronized void afterInsert() {
        inFlight--;
    }

    /** How many times the table was counted; tests check that writes do not count. */
    synchronized long counts() {
        return counts;
    }

    /** Forgets the budget, after {@code clear()} or when the table changed behind our back. */
    synchronized void reset() {
        budget = -1;
    }

    private String sql(String template) {
        return dialect.sql(template, tableName);
    }

    private long count(Connection c) throws SQLException {
        counts++;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql("SELECT COUNT(*) FROM {t}"))) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private long deleteAll(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            int removed = s.executeUpdate(sql("DELETE FROM {t}"));
            stats.recordEvictions(removed);
            return removed;
        }
    }

    private long cull(Connection c, long now, long count) throws SQLException {
        if (cullFrequency == 0) {
            return deleteAll(c);
        }
        long expired;
        try (PreparedStatement s = c.prepareStatement(sql("DELETE FROM {t} WHERE {e} <= ?"))) {
            s.setLong(1, now);
            expired = s.executeUpdate();
        }
        long remaining = count - expired;
        if (remaining <= maxEntries) {
            return expired;
        }
        // Django's count; it culls nothing when that rounds to 0, and lets the table grow.
        long victims = Math.max(1, remaining / cullFrequency);
        if (victims >= remaining) {
            // cull-frequency 1: Django looks for the row at offset `remaining`, finds none and
            // culls nothing, so its table grows without bound. Here the whole table goes.
            return expired + deleteAll(c);
        }
        // The row at that offset in (expires, cache_key) order; everything before it goes, so
        // exactly `victims` rows are removed even when many share an expiry (all "never").
        try (PreparedStatement find = c.prepareStatement(
                sql("SELECT {e}, {k} FROM {t} ORDER BY {e}, {k} LIMIT 1 OFFSET ?"))) {
            find.setLong(1, victims);
            try (ResultSet rs = find.executeQuery()) {
                if (!rs.next()) {
                    return expired;
                }
                try (PreparedStatement delete = c.prepareStatement(
                        sql("DELETE FROM {t} WHERE {e} < ? OR ({e} = ? AND {k} < ?)"))) {
                    delete.setLong(1, rs.getLong(1));
                    delete.setLong(2, rs.getLong(1));
                    delete.setString(3, rs.getString(2));
                    int culled = delete.executeUpdate();
                    stats.recordEvictions(culled);
                    return expired + culled;
                }
            }
        }
    }
}
