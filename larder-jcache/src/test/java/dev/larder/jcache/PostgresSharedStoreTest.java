package dev.larder.jcache;

import dev.larder.testkit.servers.TestDatabase;
import javax.cache.CacheManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Two JCache nodes over one PostgreSQL table: atomic through conditional upserts; the table is
 * shared by every cache, so {@code clear()} deletes this cache's listed keys only.
 */
class PostgresSharedStoreTest extends SharedStoreContract {
    private static TestDatabase db;

    @BeforeAll
    static void start() {
        db = TestDatabase.create(TestDatabase.Kind.POSTGRESQL);
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    @Override
    CacheManager node() {
        return SharedStores.node(SharedStores.postgresql(db.url()));
    }
}
