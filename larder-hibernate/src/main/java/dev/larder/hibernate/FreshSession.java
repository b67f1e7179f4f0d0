package dev.larder.hibernate;

import java.sql.Connection;
import java.sql.SQLException;
import org.hibernate.Session;
import org.hibernate.StatelessSession;
import org.hibernate.engine.jdbc.spi.JdbcCoordinator;
import org.hibernate.engine.spi.SharedSessionContractImplementor;

/**
 * The stateless session a miss loads in: never the caller's session (it keeps the objects it
 * loaded, however old), but on the caller's JDBC connection when it holds one.
 *
 * <p><b>Why the same connection.</b> A request inside {@code @Transactional} holds a pooled
 * connection from the start. Had the load asked the pool for a second one, a burst of requests
 * as large as the pool would each hold one and wait for another: a deadlock until the pool's
 * timeout (seen under {@code wrk} with Hikari's 10 connections and 50 clients). On the
 * caller's connection the load waits for nothing.
 *
 * <p><b>What it sees.</b> Outside a transaction, or in one at READ COMMITTED (PostgreSQL's and
 * H2's default), each statement sees what is committed when it runs: the load is as fresh as
 * on a connection of its own. In a REPEATABLE READ or SERIALIZABLE transaction (MariaDB's and
 * MySQL's default) it sees the transaction's snapshot, which may predate the stamps read
 * before the load: the rows are returned but not {@link #current() current}, so they are not
 * stored.
 */
final class FreshSession implements AutoCloseable {
    private final StatelessSession session;
    private final boolean current;

    private FreshSession(StatelessSession session, boolean current) {
        this.session = session;
        this.current = current;
    }

    static FreshSession open(Session caller) {
        JdbcCoordinator jdbc = caller.unwrap(SharedSessionContractImplementor.class).getJdbcCoordinator();
        if (!jdbc.getLogicalConnection().isPhysicallyConnected()) {
            // The caller holds no connection: taking one from the pool cannot wait on the caller.
            return new FreshSession(caller.getSessionFactory().openStatelessSession(), true);
        }
        Connection connection = jdbc.getLogicalConnection().getPhysicalConnection();
        StatelessSession shared = caller.getSessionFactory().withStatelessOptions().connection(connection)
                .openStatelessSession();
        return new FreshSession(shared, seesCommittedNow(connection));
    }

    /** Whether each statement on {@code connection} sees the rows committed when it runs. */
    private static boolean seesCommittedNow(Connection connection) {
        try {
            if (connection.getAutoCommit()) {
                return true;
            }
            int isolation = connection.getTransactionIsolation();
            return isolation == Connection.TRANSACTION_READ_COMMITTED || isolation == Connection.TRANSACTION_NONE;
        } catch (SQLException e) {
            return false;
        }
    }

    StatelessSession session() {
        return session;
    }

    /** Whether what it loads is the committed state as of the load (else: an older snapshot, not to be stored). */
    boolean current() {
        return current;
    }

    /** Closes the stateless session; a connection it shares stays the caller's, open. */
    @Override
    public void close() {
        session.close();
    }
}
