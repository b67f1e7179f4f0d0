package dev.larder.hibernate;

import dev.larder.CacheConfig;
import dev.larder.CacheRegistry;
import dev.larder.testkit.servers.LarderServers;
import dev.larder.testkit.servers.RedisServer;
import dev.larder.testkit.servers.TestDatabase;
import dev.larder.testkit.servers.UseDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;

/** The fill races on PostgreSQL and a real redis-server. */
@ExtendWith(LarderServers.class)
class PostgresRedisFillRaceTest extends FillRaceContract {
    private final CacheRegistry caches;
    private final TestDatabase database;

    PostgresRedisFillRaceTest(RedisServer redis, @UseDatabase(TestDatabase.Kind.POSTGRESQL) TestDatabase database) {
        this.database = database;
        this.caches = CacheRegistry.builder().cache("default", CacheConfig.builder().backend("redis")
                .location(redis.uri()).keyPrefix("fill-race").build()).build();
    }

    @Override
    protected CacheRegistry registry() {
        return caches;
    }

    @Override
    protected String jdbcUrl() {
        return database.url();
    }

    @AfterEach
    void closeCaches() {
        caches.close();
    }
}
