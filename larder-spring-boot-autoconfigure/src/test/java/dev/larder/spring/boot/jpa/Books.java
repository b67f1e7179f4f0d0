package dev.larder.spring.boot.jpa;

import dev.larder.hibernate.ModelCache;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.util.function.Consumer;
import org.hibernate.Session;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.context.annotation.Configuration;

/** What the JPA tests share: {@link Book} as the application's entity, a committed write, a model-cache read. */
public final class Books {
    private Books() {
    }

    /** Makes {@link Book} the one entity Boot's JPA auto-configuration finds. */
    @Configuration(proxyBeanMethods = false)
    @AutoConfigurationPackage(basePackageClasses = Book.class)
    public static class Entities {
    }

    /** The book with this id through the model cache, in a session of its own. */
    public static Book read(EntityManagerFactory emf, ModelCache models, long id) {
        try (Session session = emf.createEntityManager().unwrap(Session.class)) {
            return models.get(session, Book.class, id);
        }
    }

    /** Runs {@code work} in a transaction that commits. */
    public static void inTransaction(EntityManagerFactory emf, Consumer<EntityManager> work) {
        EntityManager em = emf.createEntityManager();
        try {
            em.getTransaction().begin();
            work.accept(em);
            em.getTransaction().commit();
        } finally {
            em.close();
        }
    }
}
