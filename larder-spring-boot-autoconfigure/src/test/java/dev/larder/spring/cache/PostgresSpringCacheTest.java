package dev.larder.spring.cache;

import dev.larder.CacheConfig;
import dev.larder.testkit.servers.LarderServers;
import dev.larder.testkit.servers.TestDatabase;
import dev.larder.testkit.servers.UseDatabase;
import org.junit.jupiter.api.extension.ExtendWith;

/** Spring's cache contract on the jdbc backend, on the machine's PostgreSQL. */
@ExtendWith(LarderServers.class)
class PostgresSpringCacheTest extends SpringCacheContract {
    private final TestDatabase database;

    PostgresSpringCacheTest(@UseDatabase(TestDatabase.Kind.POSTGRESQL) TestDatabase database) {
        this.database = database;
    }

    @Override
    protected CacheConfig.Builder store() {
        return CacheConfig.builder().backend("jdbc").location("spring_cache")
                .option("url", database.url()).option("create-table", "true");
    }
}
