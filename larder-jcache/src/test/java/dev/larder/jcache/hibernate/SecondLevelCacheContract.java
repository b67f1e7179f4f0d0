package dev.larder.jcache.hibernate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.hibernate.Hibernate;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Hibernate's second-level cache through hibernate-jcache with Larder as the provider, on one
 * node: each kind of entry is filled by a first read, served by the second with no SQL, and
 * never served stale after a write commits. Subclasses give the backend and the database.
 */
abstract class SecondLevelCacheContract {
    protected Node node;

    protected abstract Node open();

    @BeforeEach
    void openNode() {
        node = open();
        node.evictAll();
    }

    @AfterEach
    void closeNode() {
        node.close();
    }

    private Book find(long id) {
        return node.read(s -> s.find(Book.class, id));
    }

    private Book withTags(long id) {
        return node.read(s -> {
            Book b = s.find(Book.class, id);
            Hibernate.initialize(b.tags);
            return b;
        });
    }

    private Book byIsbn(String isbn) {
        return node.read(s -> s.bySimpleNaturalId(Book.class).load(isbn));
    }

    private List<String> paperbackTitles() {
        return node.read(s -> s.createSelectionQuery("from Book where format = :f order by title", Book.class)
                .setParameter("f", Format.PAPERBACK).setCacheable(true).getResultList()
                .stream().map(b -> b.title).toList());
    }

    private long seed() {
        long id = node.save(new Book("978-0", "Dune", Format.PAPERBACK, "sf", "classic"));
        node.evictAll();
        return id;
    }

    @Test
    void entity_secondRead_isAHitWithNoStatement() {
        long id = seed();
        assertThat(find(id).title).isEqualTo("Dune");
        Statistics stats = node.stats();
        assertThat(stats.getSecondLevelCacheMissCount()).isEqualTo(1);
        assertThat(stats.getSecondLevelCachePutCount()).isEqualTo(1);
        stats.clear();

        Book again = find(id);

        assertThat(again.title).isEqualTo("Dune");
        assertThat(again.format).isEqualTo(Format.PAPERBACK);
        assertThat(stats.getSecondLevelCacheHitCount()).isEqualTo(1);
        assertThat(stats.getDomainDataRegionStatistics(Node.BOOKS).getHitCount()).isEqualTo(1);
        assertThat(node.statements()).isZero();
    }

    @Test
    void entity_update_isSeenByTheNextRead() {
        long id = seed();
        find(id);
        find(id);

        node.run(s -> s.find(Book.class, id).title = "Dune Messiah");

        assertThat(find(id).title).isEqualTo("Dune Messiah");
    }

    @Test
    void entity_delete_isSeenByTheNextRead() {
        long id = seed();
        find(id);

        node.run(s -> s.remove(s.find(Book.class, id)));

        assertThat(find(id)).isNull();
    }

    @Test
    void collection_secondRead_isAHitWithNoStatement() {
        long id = seed();
        assertThat(withTags(id).tags).containsExactlyInAnyOrder("sf", "classic");
        node.stats().clear();

        Book again = withTags(id);

        assertThat(again.tags).containsExactlyInAnyOrder("sf", "classic");
        assertThat(node.stats().getDomainDataRegionStatistics(Node.TAGS).getHitCount()).isEqualTo(1);
        assertThat(node.stats().getCollectionStatistics(Node.TAGS).getCacheHitCount()).isEqualTo(1);
        assertThat(node.statements()).isZero();
    }

    @Test
    void collection_change_isSeenByTheNextRead() {
        long id = seed();
        withTags(id);
        withTags(id);

        node.run(s -> s.find(Book.class, id).tags.add("desert"));

        assertThat(withTags(id).tags).containsExactlyInAnyOrder("sf", "classic", "desert");
    }

    @Test
    void naturalId_secondLookup_isAHitWithNoStatement() {
        long id = seed();
        assertThat(byIsbn("978-0").id).isEqualTo(id);
        node.stats().clear();

        Book again = byIsbn("978-0");

        assertThat(again.id).isEqualTo(id);
        assertThat(node.stats().getNaturalIdCacheHitCount()).isEqualTo(1);
        assertThat(node.stats().getSecondLevelCacheHitCount()).isEqualTo(1);
        assertThat(node.statements()).isZero();
    }

    @Test
    void naturalId_change_isSeenByTheNextLookup() {
        long id = seed();
        byIsbn("978-0");
        byIsbn("978-0");

        node.run(s -> s.find(Book.class, id).isbn = "978-1");

        assertThat(byIsbn("978-0")).isNull();
        assertThat(byIsbn("978-1").id).isEqualTo(id);
    }

    @Test
    void query_secondRun_isAHitWithNoStatement() {
        seed();
        node.save(new Book("978-2", "Anathem", Format.PAPERBACK));
        node.save(new Book("978-3", "Solaris", Format.HARDBACK));
        node.evictAll();
        assertThat(paperbackTitles()).containsExactly("Anathem", "Dune");
        assertThat(node.stats().getQueryCachePutCount()).isEqualTo(1);
        node.stats().clear();

        assertThat(paperbackTitles()).containsExactly("Anathem", "Dune");

        assertThat(node.stats().getQueryCacheHitCount()).isEqualTo(1);
        assertThat(node.statements()).isZero();
    }

    @Test
    void query_writeToItsTable_makesTheNextRunGoToTheDatabase() {
        seed();
        paperbackTitles();
        paperbackTitles();
        node.stats().clear();

        node.save(new Book("978-4", "Hyperion", Format.PAPERBACK));
        node.stats().clear();

        assertThat(paperbackTitles()).containsExactly("Dune", "Hyperion");
        assertThat(node.stats().getQueryCacheHitCount()).isZero();
        assertThat(node.stats().getQueryCacheMissCount()).isEqualTo(1);
    }

    @Test
    void query_updateOfAnEntityItShows_isSeenByTheNextRun() {
        long id = seed();
        paperbackTitles();
        paperbackTitles();

        node.run(s -> s.find(Book.class, id).format = Format.EBOOK);

        assertThat(paperbackTitles()).isEmpty();
    }

    @Test
    void bulkUpdate_isSeenByTheNextReads() {
        long id = seed();
        find(id);
        paperbackTitles();

        node.run(s -> s.createMutationQuery("update Book set title = upper(title)").executeUpdate());

        assertThat(find(id).title).isEqualTo("DUNE");
        assertThat(paperbackTitles()).containsExactly("DUNE");
    }

    @Test
    void rollback_leavesTheCachedEntityServed() {
        long id = seed();
        find(id);
        try (var s = node.factory.openSession()) {
            var tx = s.beginTransaction();
            s.find(Book.class, id).title = "Never";
            s.flush();
            tx.rollback();
        }
        node.stats().clear();

        assertThat(find(id).title).isEqualTo("Dune");
    }
}
