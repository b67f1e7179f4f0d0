package dev.larder.hibernate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.CacheConfig;
import dev.larder.CacheRegistry;
import dev.larder.testkit.servers.LarderServers;
import dev.larder.testkit.servers.RedisServer;
import dev.larder.testkit.servers.TestDatabase;
import dev.larder.testkit.servers.UseDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** PostgreSQL and a real redis-server: the shared deployment. */
@ExtendWith(LarderServers.class)
class PostgresRedisTest {
    private final RedisServer redis;
    private final CacheRegistry caches;
    private final String url;

    PostgresRedisTest(RedisServer redis, @UseDatabase(TestDatabase.Kind.POSTGRESQL) TestDatabase database) {
        this.redis = redis;
        this.url = database.url();
        this.caches = CacheRegistry.builder().cache("default", CacheConfig.builder().backend("redis")
                .location(redis.uri()).keyPrefix("models").build()).build();
    }

    @AfterEach
    void closeCaches() {
        caches.close();
    }

    @Nested
    class Models extends ModelCacheContract {
        Models() {
            super(PostgresRedisTest.this.caches, PostgresRedisTest.this.url);
        }

        /**
         * One cache round trip per hit: the entry and every stamp it embeds in one
         * {@code getMany}, eight bounded reads sent together.
         */
        @Test
        void hitOfAChildWithBothParents_isOneRoundTrip() {
            aliceWithParents();
            aliceWithParents();
            redis.cli("CONFIG", "RESETSTAT");
            for (int i = 0; i < 10; i++) {
                assertThat(aliceWithParents().mother.name).isEqualTo("Mum");
            }
            assertThat(redis.calls("getrange")).isEqualTo(80);
            assertThat(redis.calls("get") + redis.calls("mget") + redis.calls("set") + redis.calls("eval")
                    + redis.calls("evalsha")).isZero();
        }
    }

    @Nested
    class FillRaces extends FillRaceContract {
        FillRaces() {
            super(PostgresRedisTest.this.caches, PostgresRedisTest.this.url);
        }
    }
}
