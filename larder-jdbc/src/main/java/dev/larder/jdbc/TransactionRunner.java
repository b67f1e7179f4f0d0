package dev.larder.jdbc;

import dev.larder.CacheBackendException;
import dev.larder.spi.StatsCounter;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Runs the backend's work on connections from the pool. Each call takes a connection of its
 * own and commits as it goes; a deadlock victim among the writes that give the same result
 * however often they run is run again; other failures are counted and surface as
 * {@link CacheBackendException}, with the database's secrets redacted. Conditional work runs
 * in a transaction of its own ({@link #inTransaction}).
 */
final class TransactionRunner {
    private static final int CONFLICT_ATTEMPTS = 3;
    /** MySQL and MariaDB: "Binary logging not possible ... READ-COMMITTED ... not safe for binlog mode 'STATEMENT'". */
    private static final int UNSAFE_FOR_STATEMENT_BINLOG = 1665;
    /** Operations that are run again when the database picks them as a deadlock victim. */
    private static final Set<String> RETRIED = Set.of("set", "setMany", "delete", "deleteMany");

    private final DataSource dataSource;
    private final StatsCounter stats;
    private final String alias;
    private final String table;
    private final JdbcBackendFactory.Described database;
    /** MariaDB and MySQL: locking reads at READ COMMITTED take no gap locks (off if the server refuses it). */
    private volatile boolean readCommittedLocks;

    /** {@code alias}, {@code table} (quoted) and {@code database} name the failures. */
    TransactionRunner(DataSource dataSource, Dialect dialect, StatsCounter stats, String alias, String table,
                      JdbcBackendFactory.Described database) {
        this.dataSource = dataSource;
        this.stats = stats;
        this.alias = alias;
        this.table = table;
        this.database = database;
        this.readCommittedLocks = dialect == Dialect.MARIADB || dialect == Dialect.MYSQL;
    }

    /** Work on one connection. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /** Work that commits when it returns true and rolls back when it returns false or fails. */
    @FunctionalInterface
    interface Conditional {
        boolean run() throws SQLException;
    }

    /** Runs {@code work} on a connection of its own; {@code operation} names it in failures. */
    <T> T run(String operation, Work<T> work) {
        for (int attempt = 1; ; attempt++) {
            boolean ownTransaction = true;
            try (Connection c = dataSource.getConnection()) {
                ownTransaction = c.getAutoCommit();
                return commitOrRollBack(c, work);
            } catch (SQLException e) {
                if (ownTransaction && isConflict(e) && RETRIED.contains(operation) && attempt < CONFLICT_ATTEMPTS) {
                    // A deadlock victim (a concurrent setIfUnchanged's locks, say). These writes
                    // give the same result however often they run, and a lost one could be a
                    // lost invalidation: run it again. Not on a connection that was already in
                    // a transaction (the caller's): the caller must hear that it rolled back.
                    continue;
                }
                stats.recordError();
                throw failure(operation, e);
            }
        }
    }

    private static <T> T commitOrRollBack(Connection c, Work<T> work) throws SQLException {
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
    }

    private CacheBackendException failure(String operation, SQLException e) {
        return new CacheBackendException("cache '" + alias + "': " + operation + " on table " + table + " of "
                + database + " failed: " + database.secrets().redact(e.getMessage()) + " (SQLState " + e.getSQLState()
                + ")", database.secrets().scrub(e));
    }

    /**
     * Runs work in a transaction of its own. A connection that autocommits is switched for
     * it and back; on one that does not (a data source that hands out the caller's connection),
     * what came before is committed first, as every other call here commits, so that a rollback
     * undoes this work only. On MariaDB and MySQL the transaction reads committed rows, so its
     * locking reads take no gap locks (fewer deadlocks with concurrent upserts), unless the
     * server logs statements and refuses writes at that level.
     */
    boolean inTransaction(Connection c, Conditional work) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        int restoreIsolation = begin(c, autoCommit);
        try {
            return commitIfKept(c, work, restoreIsolation >= 0);
        } catch (Throwable t) {
            try {
                c.rollback();
            } catch (SQLException suppressed) {
                t.addSuppressed(suppressed);
            }
            throw t;
        } finally {
            restore(c, autoCommit, restoreIsolation);
        }
    }

    /** Starts the transaction; returns the isolation level to restore after it, or -1 when it was kept. */
    private int begin(Connection c, boolean autoCommit) throws SQLException {
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
        return switchIsolation ? isolation : -1;
    }

    private boolean commitIfKept(Connection c, Conditional work, boolean switchedIsolation) throws SQLException {
        boolean keep;
        try {
            keep = work.run();
            if (keep) {
                c.commit();
            }
        } catch (SQLException e) {
            if (switchedIsolation && e.getErrorCode() == UNSAFE_FOR_STATEMENT_BINLOG) {
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
}
