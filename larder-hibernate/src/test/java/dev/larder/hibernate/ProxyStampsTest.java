package dev.larder.hibernate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.Cache;
import dev.larder.CacheConfig;
import dev.larder.CacheRegistry;
import dev.larder.Timeout;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Inheritance;
import jakarta.persistence.InheritanceType;
import jakarta.persistence.ManyToOne;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.Configuration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A lazy association typed as a superclass, whose row is a subclass's: a value depending on
 * the uninitialised proxy must go stale when the subclass row changes, though the proxy names
 * the superclass.
 */
class ProxyStampsTest {
    @Entity(name = "Pet")
    @Inheritance(strategy = InheritanceType.SINGLE_TABLE)
    public static class Pet {
        @Id
        @GeneratedValue
        Long id;
        String name;

        protected Pet() {
        }

        Pet(String name) {
            this.name = name;
        }
    }

    @Entity(name = "Dog")
    public static class Dog extends Pet {
        protected Dog() {
        }

        Dog(String name) {
            super(name);
        }
    }

    @Entity(name = "Owner")
    public static class Owner {
        @Id
        @GeneratedValue
        Long id;
        @ManyToOne(fetch = FetchType.LAZY)
        Pet pet;

        protected Owner() {
        }

        Owner(Pet pet) {
            this.pet = pet;
        }
    }

    private final CacheRegistry caches = CacheRegistry.builder()
            .cache("default", CacheConfig.builder().backend("locmem").location("proxy-stamps").build()).build();
    private final SessionFactory factory = build(caches);

    private static SessionFactory build(CacheRegistry caches) {
        Configuration cfg = new Configuration()
                .addAnnotatedClass(Pet.class).addAnnotatedClass(Dog.class).addAnnotatedClass(Owner.class)
                .setProperty("hibernate.connection.url", Orm.h2Url())
                .setProperty("hibernate.hbm2ddl.auto", "create-drop");
        cfg.getProperties().put(LarderIntegrator.REGISTRY, caches);
        return cfg.buildSessionFactory();
    }

    @AfterEach
    void close() {
        factory.close();
        caches.close();
    }

    @Test
    void aValueDependingOnASuperclassTypedProxy_goesStaleWhenTheSubclassRowChanges() {
        ModelCache models = ModelCache.of(factory);
        ModelStamps stamps = models.stamps();
        long[] ids = factory.fromTransaction(s -> {
            Dog rex = new Dog("Rex");
            Owner ann = new Owner(rex);
            s.persist(rex);
            s.persist(ann);
            s.flush();
            return new long[] {ann.id, rex.id};
        });
        Cache fragments = caches.defaultCache();
        String text = factory.fromTransaction(s -> {
            Owner ann = s.find(Owner.class, ids[0]);
            Pet proxy = ann.pet; // uninitialised, typed Pet, row a Dog
            assertThat(org.hibernate.Hibernate.isInitialized(proxy)).isFalse();
            assertThat(stamps.keysOf(proxy)).contains("stamp:" + Dog.class.getName() + ":" + ids[1]);
            stamps.put(fragments, "pet-card", "Rex", Timeout.NEVER, stamps.read(stamps.keysOf(proxy)));
            return "Rex";
        });
        assertThat(stamps.get(fragments, "pet-card").value()).isEqualTo(text);
        factory.inTransaction(s -> s.find(Dog.class, ids[1]).name = "Max");
        assertThat(stamps.get(fragments, "pet-card")).isNull();
    }
}
