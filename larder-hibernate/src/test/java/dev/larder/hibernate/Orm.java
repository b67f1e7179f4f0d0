package dev.larder.hibernate;

import dev.larder.CacheRegistry;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.Configuration;

/** A real Hibernate session factory over a real database, with Larder wired in by its integrator. */
final class Orm implements AutoCloseable {
    final SessionFactory factory;
    final ModelCache models;

    private Orm(String url, CacheRegistry registry, java.util.Map<String, String> settings) {
        Configuration cfg = new Configuration()
                .addAnnotatedClass(Family.class).addAnnotatedClass(Parent.class).addAnnotatedClass(Child.class);
        cfg.setProperty("hibernate.connection.url", url);
        cfg.setProperty("hibernate.hbm2ddl.auto", "create-drop");
        cfg.setProperty("hibernate.generate_statistics", "true");
        cfg.setProperty("hibernate.connection.pool_size", "8");
        cfg.getProperties().put(LarderIntegrator.REGISTRY, registry);
        settings.forEach(cfg::setProperty);
        factory = cfg.buildSessionFactory();
        models = ModelCache.of(factory);
    }

    static Orm h2(CacheRegistry registry) {
        return new Orm(h2Url(), registry, java.util.Map.of());
    }

    /** A new, empty in-memory H2 database. */
    static String h2Url() {
        return "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    }

    static Orm on(String jdbcUrl, CacheRegistry registry) {
        return new Orm(jdbcUrl, registry, java.util.Map.of());
    }

    /** A session factory that creates the schema, with extra settings. */
    static Orm creating(String jdbcUrl, CacheRegistry registry, java.util.Map<String, String> settings) {
        return new Orm(jdbcUrl, registry, settings);
    }

    /** A second session factory on the same database, with extra settings; it leaves the schema as it is. */
    static Orm on(String jdbcUrl, CacheRegistry registry, java.util.Map<String, String> settings) {
        java.util.Map<String, String> all = new java.util.HashMap<>(settings);
        all.put("hibernate.hbm2ddl.auto", "none");
        return new Orm(jdbcUrl, registry, all);
    }

    <T> T tx(Function<Session, T> work) {
        return factory.fromTransaction(work);
    }

    void run(Consumer<Session> work) {
        factory.inTransaction(work);
    }

    /** The ids of {@link #seedMumAndAlice()}'s rows. */
    record Seeded(long mum, long alice) {
    }

    /** One parent, Mum, and her child Alice (no father), committed. */
    Seeded seedMumAndAlice() {
        return tx(s -> {
            Parent m = new Parent("Mum", null);
            Child c = new Child("Alice", "alice@example.com", m, null);
            s.persist(m);
            s.persist(c);
            s.flush();
            return new Seeded(m.id, c.id);
        });
    }

    /** JDBC statements prepared so far: a hit prepares none. */
    long statements() {
        return factory.getStatistics().getPrepareStatementCount();
    }

    @Override
    public void close() {
        factory.close();
    }
}
