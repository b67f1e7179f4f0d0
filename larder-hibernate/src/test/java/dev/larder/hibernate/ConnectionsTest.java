package dev.larder.hibernate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.CacheConfig;
import dev.larder.CacheRegistry;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.Configuration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A miss inside a transaction loads on the transaction's own connection: a request holding a
 * pooled connection never waits for a second one (with requests in flight as many as the
 * pool's connections, that wait is a deadlock). What a REPEATABLE READ snapshot loads is
 * returned but not stored.
 */
class ConnectionsTest {
    private final CacheRegistry caches = CacheRegistry.builder()
            .cache("default", CacheConfig.builder().backend("locmem").location("connections").build()).build();
    private final Counting pool = new Counting(Orm.h2Url());
    private final SessionFactory factory = build();
    private final ModelCache models = ModelCache.of(factory);

    private SessionFactory build() {
        Configuration cfg = new Configuration()
                .addAnnotatedClass(Family.class).addAnnotatedClass(Parent.class).addAnnotatedClass(Child.class)
                .setProperty("hibernate.hbm2ddl.auto", "create-drop");
        cfg.getProperties().put("hibernate.connection.datasource", pool);
        cfg.getProperties().put(LarderIntegrator.REGISTRY, caches);
        return cfg.buildSessionFactory();
    }

    @AfterEach
    void close() {
        factory.close();
        caches.close();
    }

    @Test
    void aMissInsideATransaction_takesNoSecondConnection_andIsStored() {
        long mum = seed();
        long alice = childOf(mum);
        pool.peak.set(0);
        String name = factory.fromTransaction(s -> {
            s.createSelectionQuery("select count(*) from Family", Long.class).getSingleResult(); // holds its connection
            return models.get(s, Child.class, alice, "mother").mother.name;
        });
        assertThat(name).isEqualTo("Mum");
        assertThat(pool.peak).as("connections open at once").hasValue(1);
        assertThat(models.stats().stored()).isEqualTo(1);
        String again = factory.fromTransaction(s -> models.get(s, Child.class, alice, "mother").mother.name);
        assertThat(again).isEqualTo("Mum");
        assertThat(models.stats().hits()).isEqualTo(1);
    }

    @Test
    void aMissOutsideATransaction_stillLoadsAndStores() {
        long mum = seed();
        try (var session = factory.openSession()) {
            assertThat(models.get(session, Parent.class, mum).name).isEqualTo("Mum");
        }
        assertThat(models.stats().stored()).isEqualTo(1);
    }

    @Test
    void aMissInARepeatableReadTransaction_isReturned_butNotStored() {
        long mum = seed();
        String name = factory.fromTransaction(s -> {
            s.doWork(c -> c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ));
            s.createSelectionQuery("select count(*) from Family", Long.class).getSingleResult(); // the snapshot starts
            return models.get(s, Parent.class, mum).name;
        });
        assertThat(name).isEqualTo("Mum");
        assertThat(models.stats().stored()).isZero();
        assertThat(models.stats().notStored()).isEqualTo(1);
        try (var session = factory.openSession()) {
            models.get(session, Parent.class, mum);
        }
        assertThat(models.stats().stored()).as("filled at once outside that transaction").isEqualTo(1);
    }

    private long seed() {
        return factory.fromTransaction(s -> {
            Parent m = new Parent("Mum", null);
            s.persist(m);
            s.persist(new Child("Alice", "alice@example.com", m, null));
            s.flush();
            return m.id;
        });
    }

    private long childOf(long mum) {
        return factory.fromTransaction(s -> s.createSelectionQuery("select c.id from Child c where c.mother.id = :m", Long.class)
                .setParameter("m", mum).getSingleResult());
    }

    /** A DataSource over H2 that counts the connections open at once, and the most ever. */
    static final class Counting implements DataSource {
        final AtomicInteger open = new AtomicInteger();
        final AtomicInteger peak = new AtomicInteger();
        private final JdbcDataSource h2 = new JdbcDataSource();

        Counting(String url) {
            h2.setURL(url);
        }

        @Override
        public Connection getConnection() throws SQLException {
            Connection real = h2.getConnection();
            peak.accumulateAndGet(open.incrementAndGet(), Math::max);
            return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                    (proxy, method, args) -> {
                        if (method.getName().equals("close") && !real.isClosed()) {
                            open.decrementAndGet();
                        }
                        try {
                            return method.invoke(real, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }

        @Override
        public Connection getConnection(String user, String password) throws SQLException {
            return getConnection();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() {
            return Logger.getGlobal();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return false;
        }
    }
}
