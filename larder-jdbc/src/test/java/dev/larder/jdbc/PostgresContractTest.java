package dev.larder.jdbc;

import dev.larder.CacheConfig;
import dev.larder.testkit.servers.LarderServers;
import dev.larder.testkit.servers.TestDatabase;
import dev.larder.testkit.servers.UseDatabase;
import org.junit.jupiter.api.extension.ExtendWith;

/** The contract suite on the machine's PostgreSQL, in a database of the test run's own. */
@ExtendWith(LarderServers.class)
class PostgresContractTest extends JdbcContract {
    private final TestDatabase database;

    PostgresContractTest(@UseDatabase(TestDatabase.Kind.POSTGRESQL) TestDatabase database) {
        this.database = database;
    }

    @Override
    protected CacheConfig.Builder store(String name) {
        return CacheConfig.builder().backend("jdbc").location("cache " + name)
                .option("url", database.url()).option("create-table", "true");
    }
}
