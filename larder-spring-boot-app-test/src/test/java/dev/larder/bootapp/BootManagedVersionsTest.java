package dev.larder.bootapp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.Cache;
import dev.larder.CacheRegistry;
import dev.larder.hibernate.ModelCache;
import jakarta.persistence.EntityManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Larder on the versions Spring Boot 4.0.7 chooses, with no override: Redis through Boot's
 * Lettuce, the model cache through Boot's Hibernate.
 */
@SpringBootTest
class BootManagedVersionsTest {
    @DynamicPropertySource
    static void redis(DynamicPropertyRegistry registry) {
        AppRedis.register(registry);
    }

    @Autowired
    CacheRegistry caches;
    @Autowired
    EntityManagerFactory entityManagerFactory;
    @Autowired
    ModelCache modelCache;

    @Test
    void theClassPath_holdsBootsVersions_notLarders() throws IOException {
        assertThat(mavenVersion("io.lettuce", "lettuce-core")).startsWith("6.8.");
        assertThat(org.hibernate.Version.getVersionString()).startsWith("7.2.");
    }

    @Test
    void redis_worksOnBootsLettuce() {
        Cache cache = caches.defaultCache();
        cache.set("shelf:1", "Poetry");
        assertThat(cache.get("shelf:1")).isEqualTo("Poetry");
        cache.set("visits", 1);
        assertThat(cache.incr("visits", 2)).isEqualTo(3L);
        assertThat(cache.getMany(java.util.List.of("shelf:1", "none"))).containsOnlyKeys("shelf:1");
        assertThat(AppRedis.SERVER.cli("EXISTS", ":1:shelf:1")).as("stored in the test's redis-server").isEqualTo("1");
    }

    @Test
    void theModelCache_worksOnBootsHibernate_andIsInvalidatedByACommit() {
        SessionFactory factory = entityManagerFactory.unwrap(SessionFactory.class);
        factory.inTransaction(s -> s.persist(new Shelf(7L, "History")));
        // Spring's EntityManagerFactory proxy, as an application holds it, gives the bean's model cache,
        // which keeps its entries in the application's Redis cache.
        ModelCache models = ModelCache.of(entityManagerFactory);
        assertThat(models).isSameAs(modelCache);
        assertThat(models.cache()).isSameAs(caches.defaultCache());
        try (Session s = factory.openSession()) {
            assertThat(models.get(s, Shelf.class, 7L).getLabel()).isEqualTo("History");
            assertThat(models.get(s, Shelf.class, 7L).getLabel()).isEqualTo("History");
        }
        assertThat(models.stats().hits()).isEqualTo(1);
        factory.inTransaction(s -> s.find(Shelf.class, 7L).setLabel("Ancient history"));
        try (Session s = factory.openSession()) {
            assertThat(models.get(s, Shelf.class, 7L).getLabel()).isEqualTo("Ancient history");
        }
    }

    private static String mavenVersion(String group, String artifact) throws IOException {
        String path = "/META-INF/maven/" + group + "/" + artifact + "/pom.properties";
        try (InputStream in = BootManagedVersionsTest.class.getResourceAsStream(path)) {
            assertThat(in).as(path).isNotNull();
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        }
    }
}
