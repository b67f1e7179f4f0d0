package dev.larder.jdbc;

import dev.larder.spi.CacheKey;
import dev.larder.spi.ValueCodec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/**
 * The statements on the cache table's rows, each on the caller's connection and inside
 * whatever transaction it is in. Keys are stored keys ({@link StoredKeys}), values the codec's
 * bytes, expiries epoch milliseconds.
 */
final class TableRows {
    private static final int IN_BATCH = 500;

    private final Dialect dialect;
    private final String tableName;
    private final ValueCodec codec;
    /**
     * The value, or NULL when it is longer than the limit, then its length: a value planted by
     * another program is measured by the database and never sent whole.
     */
    private final String boundedValue;
    private final String select;
    private final String upsert;
    private final String add;

    TableRows(Dialect dialect, String tableName, ValueCodec codec) {
        this.dialect = dialect;
        this.tableName = tableName;
        this.codec = codec;
        this.boundedValue = "CASE WHEN " + dialect.byteLength("{v}") + " > " + codec.maxValueSize()
                + " THEN NULL ELSE {v} END, " + dialect.byteLength("{v}");
        this.select = sql("SELECT " + boundedValue + ", {e} FROM {t} WHERE {k} = ?");
        this.upsert = sql(dialect.upsert());
        String conditional = dialect.addIfAbsentOrExpired();
        this.add = conditional == null ? null : sql(conditional);
    }

    /** One row as read: the value is null when it is longer than the limit. */
    record Row(byte[] value, long length, long expires) {
    }

    /** A row of {@link #selectRows}, with its stored key. */
    @FunctionalInterface
    interface RowSink {
        void accept(String storedKey, Row row);
    }

    /** The row of this stored key, expired or not; null when there is none. */
    Row read(Connection c, String stored) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(select)) {
            s.setString(1, stored);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? new Row(rs.getBytes(1), rs.getLong(2), rs.getLong(3)) : null;
            }
        }
    }

    /** A row's value, or null for bytes that do not decode or were too long to be read. */
    Object decode(CacheKey key, Row row) {
        return codec.storedTooLarge(key, row.length()) ? null : codec.decode(key, row.value());
    }

    /** Reads the rows of these stored keys, in batches of {@value #IN_BATCH}; {@code suffix} ends each SELECT. */
    void selectRows(Connection c, List<String> names, String suffix, RowSink sink) throws SQLException {
        for (int from = 0; from < names.size(); from += IN_BATCH) {
            List<String> batch = names.subList(from, Math.min(names.size(), from + IN_BATCH));
            try (PreparedStatement s = c.prepareStatement(sql("SELECT {k}, " + boundedValue + ", {e} FROM {t} WHERE {k} IN ("
                    + placeholders(batch.size()) + ")" + suffix))) {
                bind(s, batch);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        sink.accept(rs.getString(1), new Row(rs.getBytes(2), rs.getLong(3), rs.getLong(4)));
                    }
                }
            }
        }
    }

    /** The database's native upsert. */
    int upsert(Connection c, String stored, byte[] bytes, long expires) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(upsert)) {
            s.setString(1, stored);
            s.setBytes(2, bytes);
            s.setLong(3, expires);
            return s.executeUpdate();
        }
    }

    /**
     * One conditional upsert that replaces only an expired row, or delete-expired-then-insert,
     * which a concurrent insert of the same key makes fail with a duplicate key.
     */
    boolean insertIfAbsent(Connection c, String stored, byte[] bytes, long expires, long now)
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

    /** Writes {@code bytes} only if the row still holds what {@code old} read, value and expiry. */
    boolean compareAndSet(Connection c, String stored, byte[] bytes, Row old) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql("UPDATE {t} SET {v} = ? WHERE {k} = ? AND {v} = ? AND {e} = ?"))) {
            s.setBytes(1, bytes);
            s.setString(2, stored);
            s.setBytes(3, old.value());
            s.setLong(4, old.expires());
            return s.executeUpdate() == 1;
        }
    }

    /** Gives a live row a new expiry; false when there is none. */
    boolean extend(Connection c, String stored, long expires, long now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql("UPDATE {t} SET {e} = ? WHERE {k} = ? AND {e} > ?"))) {
            s.setLong(1, expires);
            s.setString(2, stored);
            s.setLong(3, now);
            return s.executeUpdate() > 0;
        }
    }

    /** Whether the key has a live row. */
    boolean isLive(Connection c, String stored, long now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql("SELECT 1 FROM {t} WHERE {k} = ? AND {e} > ?"))) {
            s.setString(1, stored);
            s.setLong(2, now);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Deletes the key's row if it is live; false when there was none. */
    boolean deleteLive(Connection c, String stored, long now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql("DELETE FROM {t} WHERE {k} = ? AND {e} > ?"))) {
            s.setString(1, stored);
            s.setLong(2, now);
            return s.executeUpdate() > 0;
        }
    }

    /** Deletes those of these rows that have expired. */
    void deleteExpired(Connection c, List<String> stored, long now) throws SQLException {
        for (int from = 0; from < stored.size(); from += IN_BATCH) {
            List<String> batch = stored.subList(from, Math.min(stored.size(), from + IN_BATCH));
            try (PreparedStatement s = c.prepareStatement(sql("DELETE FROM {t} WHERE {k} IN ("
                    + placeholders(batch.size()) + ") AND {e} <= ?"))) {
                bind(s, batch);
                s.setLong(batch.size() + 1, now);
                s.executeUpdate();
            }
        }
    }

    /** Deletes these rows, live or not; returns how many there were. */
    Integer deleteKeys(Connection c, Collection<String> stored) throws SQLException {
        List<String> all = new ArrayList<>(stored);
        int removed = 0;
        for (int from = 0; from < all.size(); from += IN_BATCH) {
            List<String> batch = all.subList(from, Math.min(all.size(), from + IN_BATCH));
            try (PreparedStatement s = c.prepareStatement(sql("DELETE FROM {t} WHERE {k} IN ("
                    + placeholders(batch.size()) + ")"))) {
                bind(s, batch);
                removed += s.executeUpdate();
            }
        }
        return removed;
    }

    /**
     * One page of a keyset listing: up to {@code limit} stored keys of live rows after
     * {@code after} (from the first when null), in the database's key order. The primary key's
     * index serves both the range and the order, so a page costs the same however deep it is,
     * unlike {@code OFFSET}.
     */
    List<String> liveKeysAfter(Connection c, String after, long now, int limit) throws SQLException {
        String range = after == null ? "" : " AND {k} > ?";
        try (PreparedStatement s = c.prepareStatement(sql("SELECT {k} FROM {t} WHERE {e} > ?" + range
                + " ORDER BY {k} LIMIT " + limit))) {
            s.setLong(1, now);
            if (after != null) {
                s.setString(2, after);
            }
            List<String> keys = new ArrayList<>(limit);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    keys.add(rs.getString(1));
                }
            }
            return keys;
        }
    }

    void deleteAll(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate(sql("DELETE FROM {t}"));
        }
    }

    /** How many rows the table holds, and how many of them are live. */
    record Census(long rows, long live) {
    }

    Census census(Connection c, long now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql("SELECT COUNT(*), SUM(CASE WHEN {e} > ? THEN 1 ELSE 0 END) FROM {t}"))) {
            s.setLong(1, now);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return new Census(rs.getLong(1), rs.getLong(2));
            }
        }
    }

    private static void bind(PreparedStatement s, List<String> batch) throws SQLException {
        for (int i = 0; i < batch.size(); i++) {
            s.setString(i + 1, batch.get(i));
        }
    }

    private String sql(String template) {
        return dialect.sql(template, tableName);
    }

    private static String placeholders(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }
}
