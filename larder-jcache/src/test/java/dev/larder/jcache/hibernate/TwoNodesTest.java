package dev.larder.jcache.hibernate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.jcache.LarderCachingProvider;
import dev.larder.testkit.servers.LarderServers;
import dev.larder.testkit.servers.RedisServer;
import dev.larder.testkit.servers.TestDatabase;
import dev.larder.testkit.servers.UseDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import org.hibernate.Hibernate;
import org.hibernate.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two application nodes, A and B: two session factories, each with a cache manager of its own
 * (from a provider of its own, as two JVMs have), sharing one PostgreSQL database and one
 * redis-server, with READ_WRITE regions. A write committed on one node is not read stale on
 * the other, except in the one race hibernate-jcache cannot close (the last test).
 */
@ExtendWith(LarderServers.class)
class TwoNodesTest {
    private final String url;
    private final RedisServer redis;
    private final Gate gate = new Gate();

    @TempDir
    Path dir;
    private Node a;
    private Node b;

    TwoNodesTest(RedisServer redis, @UseDatabase(TestDatabase.Kind.POSTGRESQL) TestDatabase database) {
        this.redis = redis;
        this.url = database.url();
    }

    /** Opens A (which creates the schema) and B; with {@code gateOnB}, B's book region puts through {@link #gate}. */
    private void open(boolean gateOnB) {
        a = Node.withManager(url, true, manager());
        CacheManager forB = manager();
        if (gateOnB) {
            forB.createCache(Node.BOOKS, new MutableConfiguration<>().setWriteThrough(true)
                    .setCacheWriterFactory(() -> gate));
        }
        b = Node.withManager(url, false, forB);
        a.evictAll();
        b.stats().clear();
    }

    /** A node's manager: the default URI, configured by properties, from a provider of its own. */
    private CacheManager manager() {
        return new LarderCachingProvider().getCacheManager(LarderCachingProvider.DEFAULT_URI,
                getClass().getClassLoader(), Node.larder("redis", redis.uri()));
    }

    @AfterEach
    void close() {
        if (b != null) {
            b.close();
        }
        if (a != null) {
            a.close();
        }
    }

    private long seed() {
        long id = a.save(new Book("978-0", "Dune", Format.PAPERBACK, "sf"));
        a.evictAll();
        b.stats().clear();
        return id;
    }

    private static Book find(Node node, long id) {
        return node.read(s -> s.find(Book.class, id));
    }

    private static Book withTags(Node node, long id) {
        return node.read(s -> {
            Book book = s.find(Book.class, id);
            Hibernate.initialize(book.tags);
            return book;
        });
    }

    private static List<String> paperbacks(Node node) {
        return node.read(s -> s.createSelectionQuery("select title from Book where format = :f order by title",
                String.class).setParameter("f", Format.PAPERBACK).setCacheable(true).getResultList());
    }

    /** The row as the database holds it, read past every cache. */
    private String titleInDatabase(long id) {
        return a.read(s -> s.createNativeQuery("select title from Book where id = :id", String.class)
                .setParameter("id", id).getSingleResult());
    }

    @Test
    void entityFilledOnB_isAHitOnA() {
        open(false);
        long id = seed();
        find(b, id);
        a.stats().clear();

        assertThat(find(a, id).title).isEqualTo("Dune");
        assertThat(a.stats().getSecondLevelCacheHitCount()).isEqualTo(1);
        assertThat(a.statements()).isZero();
    }

    @Test
    void entityUpdateOnA_isSeenOnB() {
        open(false);
        long id = seed();
        find(b, id);
        find(b, id);
        assertThat(b.stats().getSecondLevelCacheHitCount()).isEqualTo(1);

        a.run(s -> s.find(Book.class, id).title = "Dune Messiah");
        b.stats().clear();

        assertThat(find(b, id).title).isEqualTo("Dune Messiah");
        // A's commit put the new state in the shared region: B's read is a hit.
        assertThat(b.stats().getSecondLevelCacheHitCount()).isEqualTo(1);
        assertThat(b.statements()).isZero();
    }

    @Test
    void entityDeleteOnA_isSeenOnB() {
        open(false);
        long id = seed();
        find(b, id);

        a.run(s -> s.remove(s.find(Book.class, id)));

        assertThat(find(b, id)).isNull();
    }

    @Test
    void readOnBWhileAWriteOnAIsInFlight_goesToTheDatabase_andCachesNothingStale() {
        open(false);
        long id = seed();
        find(b, id);
        try (Session writer = a.factory.openSession()) {
            var tx = writer.beginTransaction();
            writer.find(Book.class, id).title = "Dune Messiah";
            writer.flush();
            b.stats().clear();

            // A's soft lock is in Redis: B misses, reads the committed row, and may not put it.
            assertThat(find(b, id).title).isEqualTo("Dune");
            assertThat(b.stats().getSecondLevelCacheHitCount()).isZero();
            assertThat(b.statements()).isEqualTo(1);
            tx.commit();
        }

        assertThat(find(b, id).title).isEqualTo("Dune Messiah");
    }

    @Test
    void collectionChangeOnA_isSeenOnB() {
        open(false);
        long id = seed();
        withTags(b, id);
        withTags(b, id);
        assertThat(b.stats().getCollectionStatistics(Node.TAGS).getCacheHitCount()).isEqualTo(1);

        a.run(s -> s.find(Book.class, id).tags.add("classic"));

        assertThat(withTags(b, id).tags).containsExactlyInAnyOrder("sf", "classic");
    }

    @Test
    void naturalIdChangeOnA_isSeenOnB() {
        open(false);
        long id = seed();
        b.read(s -> s.bySimpleNaturalId(Book.class).load("978-0"));
        b.read(s -> s.bySimpleNaturalId(Book.class).load("978-0"));
        assertThat(b.stats().getNaturalIdCacheHitCount()).isEqualTo(1);

        a.run(s -> s.find(Book.class, id).isbn = "978-1");

        Book byOld = b.read(s -> s.bySimpleNaturalId(Book.class).load("978-0"));
        assertThat(byOld).isNull();
        assertThat(b.read(s -> s.bySimpleNaturalId(Book.class).load("978-1")).id).isEqualTo(id);
    }

    @Test
    void insertOnA_invalidatesBsCachedQuery() {
        open(false);
        seed();
        paperbacks(b);
        assertThat(paperbacks(b)).containsExactly("Dune");
        assertThat(b.stats().getQueryCacheHitCount()).isEqualTo(1);

        a.save(new Book("978-2", "Anathem", Format.PAPERBACK));
        b.stats().clear();

        assertThat(paperbacks(b)).containsExactly("Anathem", "Dune");
        assertThat(b.stats().getQueryCacheHitCount()).isZero();
    }

    @Test
    void updateOnA_invalidatesBsCachedQuery() {
        open(false);
        long id = seed();
        paperbacks(b);
        paperbacks(b);

        a.run(s -> s.find(Book.class, id).format = Format.EBOOK);

        assertThat(paperbacks(b)).isEmpty();
    }

    /**
     * Each node names its configuration file by {@code hibernate.javax.cache.uri}, and the
     * files lie at different paths (another install directory, another jar name after a
     * deploy) but say the same: the nodes still share their regions, so B sees A's write.
     */
    @Test
    void nodesWhoseConfigurationFilesLieAtDifferentPaths_shareTheirRegions() throws Exception {
        Path onA = Files.createDirectories(dir.resolve("node-a"));
        Path onB = Files.createDirectories(dir.resolve("node-b"));
        Properties same = Node.larder("redis", redis.uri());
        a = Node.withUri(url, true, Node.written(same, onA));
        b = Node.withUri(url, false, Node.written(same, onB));
        long id = seed();
        find(b, id);
        find(a, id);
        assertThat(a.stats().getSecondLevelCacheHitCount()).isEqualTo(1);

        a.run(s -> s.find(Book.class, id).title = "Dune Messiah");

        assertThat(find(b, id).title).isEqualTo("Dune Messiah");
    }

    /**
     * The race hibernate-jcache leaves open across nodes. READ_WRITE's fill is "read the entry;
     * if nothing newer is there, put": atomic within one JVM (Hibernate holds a lock of its
     * own), but two calls to a shared cache across JVMs. B misses and loads the old row, reads
     * an empty entry, and is paused (here by a write-through writer; in production by a GC
     * pause or a slow network) before its put, while A's whole write (soft lock, commit, new
     * entry) runs. B's put then replaces A's new entry with the old row, and both nodes serve
     * it after A's commit, until the entry is evicted or expires. The same holds for
     * collection and natural-id regions, whose fills work the same way.
     */
    @Test
    void fillOnBThatRacesAWholeWriteOnA_leavesTheOldRowCachedOnBothNodes() throws Exception {
        open(true);
        long id = seed();
        gate.arm();
        CompletableFuture<Book> fill = CompletableFuture.supplyAsync(() -> find(b, id));
        gate.awaitHeld();

        a.run(s -> s.find(Book.class, id).title = "Dune Messiah");
        gate.release();
        assertThat(fill.get(30, TimeUnit.SECONDS).title).isEqualTo("Dune");
        a.stats().clear();
        b.stats().clear();

        assertThat(titleInDatabase(id)).isEqualTo("Dune Messiah");
        assertThat(find(a, id).title).isEqualTo("Dune");
        assertThat(find(b, id).title).isEqualTo("Dune");
        assertThat(a.stats().getSecondLevelCacheHitCount()).isEqualTo(1);
        assertThat(b.stats().getSecondLevelCacheHitCount()).isEqualTo(1);
    }
}
