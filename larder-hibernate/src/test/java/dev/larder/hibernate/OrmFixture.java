package dev.larder.hibernate;

import dev.larder.CacheRegistry;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A session factory with Larder wired in, on a real database and a real cache, made fresh for
 * each test over an emptied cache. The stack (database and backend) is given by the subclass,
 * which also owns and closes the registry.
 */
abstract class OrmFixture {
    protected final CacheRegistry caches;
    protected final String url;
    protected Orm orm;
    protected ModelCache models;

    OrmFixture(CacheRegistry caches, String url) {
        this.caches = caches;
        this.url = url;
    }

    /** Session factory settings beyond the defaults (such as {@link LarderIntegrator#CONSISTENCY}). */
    protected Map<String, String> settings() {
        return Map.of();
    }

    @BeforeEach
    void openOrm() {
        caches.defaultCache().clear();
        orm = Orm.creating(url, caches, settings());
        models = orm.models;
    }

    @AfterEach
    void closeOrm() {
        orm.close();
    }
}
