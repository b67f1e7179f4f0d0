package dev.larder.jdbc;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;

/**
 * The cache table: {@code cache_key} (primary key, up to 255 characters, compared byte for
 * byte), {@code value} (the serialised value, as bytes), {@code expires} (epoch milliseconds;
 * {@code Long.MAX_VALUE} for never) with an index on {@code (expires, cache_key)} for culling.
 * The table name is always quoted, so any name works, spaces and capitals included.
 *
 * <pre>{@code
 * CacheTable.create(dataSource, "larder_cache", System.out);   // what `larder createcachetable` runs
 * }</pre>
 */
public final class CacheTable {
    private CacheTable() {
    }

    /** The dialect of the database behind {@code dataSource}. */
    public static Dialect dialect(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return Dialect.of(c.getMetaData().getDatabaseProductName());
        }
    }

    /** Whether the table exists and can be read. */
    public static boolean exists(DataSource dataSource, Dialect dialect, String table) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return exists(c, dialect, table);
        }
    }

    static boolean exists(Connection c, Dialect dialect, String table) {
        try (Statement s = c.createStatement()) {
            s.executeQuery(dialect.sql("SELECT {k}, {v}, {e} FROM {t} WHERE 1 = 0", table)).close();
            return true;
        } catch (SQLException e) {
            return false;
        } finally {
            rollbackIfInTransaction(c);
        }
    }

    /** The statements that make the table, for {@code --dry-run}. */
    public static List<String> ddl(Dialect dialect, String table) {
        return dialect.createTable(table);
    }

    /**
     * Makes the table and its index unless the table exists. Safe to run again.
     *
     * @param out where to say what was done ("Cache table 'x' already exists." as Django says), or null
     * @return true if the table was made, false if it was there already
     */
    public static boolean create(DataSource dataSource, String table, PrintStream out) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            Dialect dialect = Dialect.of(c.getMetaData().getDatabaseProductName());
            if (exists(c, dialect, table)) {
                if (out != null) {
                    out.println("Cache table '" + table + "' already exists.");
                }
                return false;
            }
            try (Statement s = c.createStatement()) {
                for (String sql : dialect.createTable(table)) {
                    s.execute(sql);
                }
            }
            if (!c.getAutoCommit()) {
                c.commit();
            }
            if (out != null) {
                out.println("Cache table '" + table + "' created.");
            }
            return true;
        }
    }

    /** A failed statement leaves PostgreSQL's transaction unusable; outside autocommit, end it. */
    private static void rollbackIfInTransaction(Connection c) {
        try {
            if (!c.getAutoCommit()) {
                c.rollback();
            }
        } catch (SQLException ignored) {
            // the connection is returned to the pool either way
        }
    }
}
