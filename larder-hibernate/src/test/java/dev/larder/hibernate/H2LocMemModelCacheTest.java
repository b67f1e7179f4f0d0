package dev.larder.hibernate;

import dev.larder.CacheConfig;
import dev.larder.CacheRegistry;
import org.junit.jupiter.api.AfterEach;

/** H2 (embedded) and local memory: the embedded default. */
class H2LocMemModelCacheTest extends ModelCacheContract {
    private final CacheRegistry caches = CacheRegistry.builder()
            .cache("default", CacheConfig.builder().backend("locmem").location("models-h2").build()).build();
    private final String url = "jdbc:h2:mem:" + java.util.UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";

    @Override
    protected CacheRegistry registry() {
        return caches;
    }

    @Override
    protected String jdbcUrl() {
        return url;
    }

    @AfterEach
    void closeCaches() {
        caches.close();
    }
}
