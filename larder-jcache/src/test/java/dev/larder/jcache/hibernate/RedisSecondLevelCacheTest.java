package dev.larder.jcache.hibernate;

import dev.larder.testkit.servers.LarderServers;
import dev.larder.testkit.servers.RedisServer;
import dev.larder.testkit.servers.TestDatabase;
import dev.larder.testkit.servers.UseDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A real redis-server and PostgreSQL: every region is a Larder cache on Redis. */
@ExtendWith(LarderServers.class)
class RedisSecondLevelCacheTest extends SecondLevelCacheContract {
    private final RedisServer redis;
    private final String url;

    @TempDir
    Path dir;

    RedisSecondLevelCacheTest(RedisServer redis, @UseDatabase(TestDatabase.Kind.POSTGRESQL) TestDatabase database) {
        this.redis = redis;
        this.url = database.url();
    }

    @Override
    protected Node open() {
        return Node.withUri(url, true, Node.written(Node.larder("redis", redis.uri()), dir));
    }
}
