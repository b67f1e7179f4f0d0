package dev.larder.hibernate;

import dev.larder.CacheConfig;
import dev.larder.CacheRegistry;
import org.junit.jupiter.api.AfterEach;

/** The fill races on H2 and local memory. */
class H2LocMemFillRaceTest extends FillRaceContract {
    private final CacheRegistry caches = CacheRegistry.builder()
            .cache("default", CacheConfig.builder().backend("locmem").location("fill-race").build()).build();
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
