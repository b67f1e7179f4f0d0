package dev.larder.jcache.hibernate;

import dev.larder.jcache.LarderCachingProvider;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.Configuration;
import org.hibernate.stat.Statistics;

/**
 * One application node: a real Hibernate session factory whose second-level cache is
 * hibernate-jcache with Larder as the JSR-107 provider, configured as a user would.
 */
final class Node implements AutoCloseable {
    /** What Hibernate's cache entries need from Larder's default serializer (see the README). */
    static final String ALLOW = "org.hibernate.cache.**,java.io.Serializable,"
            + "org.hibernate.query.internal.QueryParameterBindingsImpl$ParameterBindingsMementoImpl,"
            + "dev.larder.jcache.hibernate.*";
    static final String BOOKS = Book.class.getName();
    static final String TAGS = Book.class.getName() + ".tags";

    final SessionFactory factory;

    private Node(String jdbcUrl, boolean createSchema, Map<String, Object> cacheSettings) {
        Configuration cfg = new Configuration().addAnnotatedClass(Book.class);
        cfg.setProperty("hibernate.connection.url", jdbcUrl);
        cfg.setProperty("hibernate.hbm2ddl.auto", createSchema ? "create-drop" : "none");
        cfg.setProperty("hibernate.connection.pool_size", "4");
        cfg.setProperty("hibernate.generate_statistics", "true");
        cfg.setProperty("hibernate.cache.use_second_level_cache", "true");
        cfg.setProperty("hibernate.cache.use_query_cache", "true");
        cfg.setProperty("hibernate.cache.region.factory_class", "jcache");
        cfg.setProperty("hibernate.javax.cache.provider", LarderCachingProvider.class.getName());
        cfg.setProperty("hibernate.javax.cache.missing_cache_strategy", "create");
        cacheSettings.forEach((k, v) -> cfg.getProperties().put(k, v));
        factory = cfg.buildSessionFactory();
    }

    /** A node with these cache settings (none: the default manager, {@code larder:default}). */
    static Node withSettings(String jdbcUrl, Map<String, Object> cacheSettings) {
        return new Node(jdbcUrl, true, cacheSettings);
    }

    /** A node whose cache manager is named by {@code hibernate.javax.cache.uri}. */
    static Node withUri(String jdbcUrl, boolean createSchema, String uri) {
        return new Node(jdbcUrl, createSchema, Map.of("hibernate.javax.cache.uri", uri));
    }

    /** A node handed its cache manager ({@code hibernate.javax.cache.cache_manager}). */
    static Node withManager(String jdbcUrl, boolean createSchema, javax.cache.CacheManager manager) {
        return new Node(jdbcUrl, createSchema, Map.of("hibernate.javax.cache.cache_manager", manager));
    }

    /** A Larder configuration whose default cache, the template of every region, is on that backend. */
    static Properties larder(String backend, String location) {
        Properties p = new Properties();
        p.setProperty("larder.caches.default.backend", backend);
        p.setProperty("larder.caches.default.location", location);
        p.setProperty("larder.caches.default.options.allow-classes", ALLOW);
        return p;
    }

    /** Writes the configuration to a file of its own and returns its {@code file:} URI. */
    static String written(Properties larder, Path dir) {
        Path file = dir.resolve("larder-" + UUID.randomUUID() + ".properties");
        try (OutputStream out = Files.newOutputStream(file)) {
            larder.store(out, "Larder configuration of a Hibernate second-level cache");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file.toUri().toString();
    }

    static String h2() {
        return "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    }

    <T> T tx(Function<Session, T> work) {
        return factory.fromTransaction(work);
    }

    void run(Consumer<Session> work) {
        factory.inTransaction(work);
    }

    <T> T read(Function<Session, T> work) {
        try (Session s = factory.openSession()) {
            return work.apply(s);
        }
    }

    long save(Book book) {
        return tx(s -> {
            s.persist(book);
            s.flush();
            return book.id;
        });
    }

    Statistics stats() {
        return factory.getStatistics();
    }

    /** JDBC statements prepared since the statistics were last cleared: a cache hit prepares none. */
    long statements() {
        return stats().getPrepareStatementCount();
    }

    /** Empties every region this node sees, and its statistics. */
    void evictAll() {
        factory.getCache().evictAllRegions();
        stats().clear();
    }

    @Override
    public void close() {
        factory.close();
    }
}
