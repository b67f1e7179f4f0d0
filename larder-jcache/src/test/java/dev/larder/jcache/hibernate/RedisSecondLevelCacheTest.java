package dev.larder.jcache.hibernate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.testkit.servers.LarderServers;
import dev.larder.testkit.servers.RedisServer;
import dev.larder.testkit.servers.TestDatabase;
import dev.larder.testkit.servers.UseDatabase;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
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

    /** Every data command Redis ran since the last reset. */
    private long commands() {
        long total = 0;
        for (String line : redis.cli("INFO", "commandstats").split("\\r?\\n")) {
            if (line.startsWith("cmdstat_") && !line.startsWith("cmdstat_info") && !line.startsWith("cmdstat_config")) {
                total += Long.parseLong(line.substring(line.indexOf("calls=") + 6, line.indexOf(',')));
            }
        }
        return total;
    }

    /**
     * What a hit costs on Redis, measured: each read is one {@code GETRANGE}, one round trip,
     * and Hibernate makes them one after another. An entity with a cached natural id costs two
     * (the entity, then its natural-id cross reference); a cached query of two rows four.
     */
    @Test
    void hits_costOneRoundTripPerRegionRead() {
        long id = node.save(new Book("978-0", "Dune", Format.PAPERBACK, "sf"));
        node.save(new Book("978-2", "Anathem", Format.PAPERBACK));
        node.evictAll();
        Supplier<List<Book>> query = () -> node.read(s -> s.createSelectionQuery(
                "from Book where format = :f", Book.class).setParameter("f", Format.PAPERBACK).setCacheable(true)
                .getResultList());
        node.read(s -> s.find(Book.class, id));
        query.get();
        node.stats().clear();

        redis.cli("CONFIG", "RESETSTAT");
        node.read(s -> s.find(Book.class, id));
        assertThat(redis.calls("getrange")).isEqualTo(2);
        assertThat(commands()).isEqualTo(2);

        redis.cli("CONFIG", "RESETSTAT");
        assertThat(query.get()).hasSize(2);
        assertThat(redis.calls("getrange")).isEqualTo(4);
        assertThat(commands()).isEqualTo(4);
        assertThat(node.statements()).isZero();
    }

    @Override
    protected Node open() {
        return Node.withUri(url, true, Node.written(Node.larder("redis", redis.uri()), dir));
    }
}
