package dev.larder.thymeleaf;

import dev.larder.CacheRegistry;
import dev.larder.hibernate.LarderIntegrator;
import dev.larder.hibernate.ModelCache;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.Configuration;

/** A real Hibernate session factory on a new in-memory H2 database, with Larder's integrator wired to {@code registry}. */
final class Orm implements AutoCloseable {
    final SessionFactory factory;
    final ModelCache models;

    Orm(CacheRegistry registry) {
        this(registry, CacheRegistry.DEFAULT_ALIAS);
    }

    /** With the model cache, and so its stamps, in the cache {@code modelsAlias}. */
    Orm(CacheRegistry registry, String modelsAlias) {
        Configuration cfg = new Configuration().addAnnotatedClass(Parent.class).addAnnotatedClass(Child.class);
        cfg.setProperty("hibernate.connection.url", "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        cfg.setProperty("hibernate.hbm2ddl.auto", "create-drop");
        cfg.getProperties().put(LarderIntegrator.REGISTRY, registry);
        cfg.setProperty(LarderIntegrator.CACHE, modelsAlias);
        factory = cfg.buildSessionFactory();
        models = ModelCache.of(factory);
    }

    <T> T tx(Function<org.hibernate.Session, T> work) {
        return factory.fromTransaction(work);
    }

    List<Parent> parents() {
        return tx(s -> s.createSelectionQuery("from Parent order by id", Parent.class).getResultList());
    }

    long seed(String name) {
        return tx(s -> {
            Parent p = new Parent(name);
            s.persist(p);
            s.flush();
            return p.id;
        });
    }

    void rename(long parentId, String name) {
        factory.inTransaction(s -> s.find(Parent.class, parentId).name = name);
    }

    @Override
    public void close() {
        factory.close();
    }
}
