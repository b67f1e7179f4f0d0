package dev.larder.hibernate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.CacheConfig;
import dev.larder.CacheRegistry;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.util.UUID;
import org.hibernate.SessionFactory;
import org.hibernate.annotations.TenantId;
import org.hibernate.cfg.Configuration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Keys carry no tenant, so a session with a tenant identifier reads through and stores nothing. */
class TenantTest {
    /** A row that belongs to one tenant (Hibernate's discriminator multi-tenancy). */
    @Entity(name = "Account")
    public static class Account {
        @Id
        Long id;
        @TenantId
        String tenant;
        String name;

        protected Account() {
        }

        Account(long id, String name) {
            this.id = id;
            this.name = name;
        }
    }

    private CacheRegistry registry;
    private SessionFactory factory;
    private ModelCache models;

    @BeforeEach
    void start() {
        registry = CacheRegistry.builder().cache("default", CacheConfig.builder().backend("locmem")
                .location("tenants-" + UUID.randomUUID()).build()).build();
        Configuration cfg = new Configuration().addAnnotatedClass(Account.class);
        cfg.setProperty("hibernate.connection.url", "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        cfg.setProperty("hibernate.hbm2ddl.auto", "create-drop");
        cfg.getProperties().put(LarderIntegrator.REGISTRY, registry);
        factory = cfg.buildSessionFactory();
        models = ModelCache.of(factory);
        try (var acme = factory.withOptions().tenantIdentifier("acme").openSession()) {
            acme.inTransaction(t -> acme.persist(new Account(7, "Acme's secret")));
        }
    }

    @AfterEach
    void stop() {
        factory.close();
        registry.close();
    }

    @Test
    void aTenantsSession_readsThrough_andOneTenantNeverSeesAnothersRow() {
        try (var acme = factory.withOptions().tenantIdentifier("acme").openSession()) {
            assertThat(models.get(acme, Account.class, 7L).name).isEqualTo("Acme's secret");
            assertThat(models.get(acme, Account.class, 7L).name).isEqualTo("Acme's secret");
        }
        try (var other = factory.withOptions().tenantIdentifier("globex").openSession()) {
            assertThat(models.get(other, Account.class, 7L)).isNull();
            assertThat(models.all(other, Account.class)).isEmpty();
        }
        assertThat(models.stats().bypassed()).isEqualTo(4);
        assertThat(models.stats().stored()).isZero();
        assertThat(models.stats().hits()).isZero();
    }
}
