package dev.larder.hibernate;

import dev.larder.CacheConfig;
import dev.larder.CacheRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;

/** H2 (embedded) and local memory: the embedded default. */
class H2LocMemTest {
    private final CacheRegistry caches = CacheRegistry.builder()
            .cache("default", CacheConfig.builder().backend("locmem").location("models-h2").build()).build();
    private final String url = Orm.h2Url();

    @AfterEach
    void closeCaches() {
        caches.close();
    }

    @Nested
    class Models extends ModelCacheContract {
        Models() {
            super(H2LocMemTest.this.caches, H2LocMemTest.this.url);
        }
    }

    @Nested
    class FillRaces extends FillRaceContract {
        FillRaces() {
            super(H2LocMemTest.this.caches, H2LocMemTest.this.url);
        }
    }
}
