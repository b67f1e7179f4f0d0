package dev.larder.hibernate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.larder.Cache;
import dev.larder.CacheConfig;
import dev.larder.CacheRegistry;
import dev.larder.Timeout;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Stamps for values cached outside the model cache, the per-thread recording, and the invalidation log. */
class ModelStampsTest {
    private final CacheRegistry caches = CacheRegistry.builder()
            .cache("default", CacheConfig.builder().backend("locmem").location("stamps-default").build())
            .cache("fragments", CacheConfig.builder().backend("locmem").location("stamps-fragments").build())
            .build();
    private Orm orm;
    private ModelCache models;
    private ModelStamps stamps;
    private Orm.Seeded seeded;

    @BeforeEach
    void open() {
        orm = Orm.h2(caches);
        models = orm.models;
        stamps = models.stamps();
        seeded = orm.seedMumAndAlice();
    }

    @AfterEach
    void close() {
        orm.close();
        caches.close();
    }

    @Test
    void keysOf_instanceClassProxyAndCollections() {
        Child alice = orm.tx(s -> models.get(s, Child.class, seeded.alice(), "mother"));
        String child = Child.class.getName();
        String parent = Parent.class.getName();
        assertThat(stamps.keysOf(alice)).containsExactly("stamp:" + child + ":" + seeded.alice(), "epoch:" + child);
        assertThat(stamps.keysOf(Parent.class)).containsExactly("stamp:" + parent, "epoch:" + parent);
        List<String> both = stamps.keysOf(List.of(alice, alice.mother));
        assertThat(both).containsExactly("stamp:" + child + ":" + seeded.alice(), "epoch:" + child,
                "stamp:" + parent + ":" + seeded.mum(), "epoch:" + parent);
        assertThat(stamps.keysOf(new Object[] {alice, alice})).hasSize(2);
        List<String> viaProxy = orm.tx(s -> stamps.keysOf(s.getReference(Parent.class, seeded.mum())));
        assertThat(viaProxy).containsExactly("stamp:" + parent + ":" + seeded.mum(), "epoch:" + parent);
    }

    @Test
    void keysOf_badValues_nameTheProblem() {
        assertThatThrownBy(() -> stamps.keysOf(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("null");
        assertThatThrownBy(() -> stamps.keysOf("Mum")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.String is not an entity");
        assertThatThrownBy(() -> stamps.keysOf(new Parent("Unsaved", null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Parent without an id");
    }

    @Test
    void stampedValue_servedUntilWhatItShowsChanges_andOnlyThen() {
        Cache fragments = caches.cache("fragments");
        Child alice = orm.tx(s -> models.get(s, Child.class, seeded.alice(), "mother"));
        Map<String, Long> recorded = stamps.read(stamps.keysOf(List.of(alice, alice.mother)));
        assertThat(stamps.put(fragments, "card", "<p>Alice, child of Mum</p>", Timeout.NEVER, recorded)).isTrue();
        Map<String, Long> classOnly = stamps.read(stamps.keysOf(Family.class));
        assertThat(stamps.put(fragments, "families", "<ul></ul>", Timeout.NEVER, classOnly)).isTrue();

        assertThat(stamps.get(fragments, "card").value()).isEqualTo("<p>Alice, child of Mum</p>");
        orm.run(s -> s.find(Parent.class, seeded.mum()).name = "Mother");
        assertThat(stamps.get(fragments, "card")).isNull();
        assertThat(stamps.get(fragments, "families").value()).isEqualTo("<ul></ul>");
    }

    @Test
    void stampedValue_staleAfterBulkHql_andAfterExplicitInvalidation() {
        Cache fragments = caches.cache("fragments");
        Parent mum = orm.tx(s -> models.get(s, Parent.class, seeded.mum()));
        stamps.put(fragments, "mum", "Mum", Timeout.NEVER, stamps.read(stamps.keysOf(mum)));
        orm.run(s -> s.createMutationQuery("update Parent p set p.name = upper(p.name)").executeUpdate());
        assertThat(stamps.get(fragments, "mum")).isNull();

        stamps.put(fragments, "mum", "MUM", Timeout.NEVER, stamps.read(stamps.keysOf(mum)));
        assertThat(stamps.get(fragments, "mum")).isNotNull();
        models.invalidate(Parent.class, seeded.mum());
        assertThat(stamps.get(fragments, "mum")).isNull();
    }

    @Test
    void put_refusesStampsLeftPendingByAWriterInFlight() {
        Cache fragments = caches.cache("fragments");
        Boolean stored = orm.tx(s -> {
            Parent mum = s.find(Parent.class, seeded.mum());
            mum.name = "Mother";
            s.flush(); // the statement ran: the stamps are pending until this transaction ends
            return stamps.put(fragments, "mum", "Mother", Timeout.NEVER, stamps.read(stamps.keysOf(mum)));
        });
        assertThat(stored).isFalse();
        assertThat(fragments.get("mum")).isNull();
    }

    @Test
    void put_inTheStampsOwnCache_isFencedByTheStampsItRecorded() {
        Cache own = stamps.cache();
        Parent mum = orm.tx(s -> models.get(s, Parent.class, seeded.mum()));
        Map<String, Long> recorded = stamps.read(stamps.keysOf(mum));
        orm.run(s -> s.find(Parent.class, seeded.mum()).name = "Mother");
        assertThat(stamps.put(own, "mum-card", "Mum", Timeout.NEVER, recorded)).isFalse();
        assertThat(own.get("mum-card")).isNull();
    }

    @Test
    void get_ignoresValuesItDidNotWrite_andMissingStampsMeanStale() {
        Cache fragments = caches.cache("fragments");
        fragments.set("plain", "text");
        fragments.set("lookalike", Map.of("format", "other", "stamps", Map.of(), "value", "x"));
        assertThat(stamps.get(fragments, "plain")).isNull();
        assertThat(stamps.get(fragments, "lookalike")).isNull();

        Parent mum = orm.tx(s -> models.get(s, Parent.class, seeded.mum()));
        stamps.put(fragments, "mum", "Mum", Timeout.NEVER, stamps.read(stamps.keysOf(mum)));
        stamps.cache().clear(); // stamps evicted or cleared: nothing recorded can be trusted
        assertThat(stamps.get(fragments, "mum")).isNull();
    }

    @Test
    void recording_keepsTheStampsTheDataWasReadUnder_notTheCurrentOnes() {
        Cache fragments = caches.cache("fragments");
        Parent mum;
        Map<String, Long> recorded;
        try (Recording reads = models.record()) {
            mum = orm.tx(s -> models.get(s, Parent.class, seeded.mum()));   // miss: loaded, recorded
            // A writer commits after the read and before the page records what it showed.
            orm.run(s -> s.find(Parent.class, seeded.mum()).name = "Mother");
            recorded = stamps.read(stamps.keysOf(mum));
            assertThat(reads.misses()).isEqualTo(1);
            assertThat(reads.seen()).containsAllEntriesOf(recorded);
        }
        assertThat(mum.name).isEqualTo("Mum");
        stamps.put(fragments, "mum", "<b>" + mum.name + "</b>", Timeout.NEVER, recorded);
        assertThat(stamps.get(fragments, "mum")).as("the old name must never be served as current").isNull();

        // Without a recording the stamp is read now, after the commit: the stale text would be served.
        Map<String, Long> late = stamps.read(stamps.keysOf(mum));
        assertThat(late).isNotEqualTo(recorded);
    }

    @Test
    void recording_countsHitsAndMisses_nestsAndRestores() {
        orm.tx(s -> models.get(s, Child.class, seeded.alice(), "mother"));
        try (Recording outer = models.record()) {
            orm.tx(s -> models.get(s, Child.class, seeded.alice(), "mother"));
            try (Recording inner = models.record()) {
                orm.tx(s -> models.get(s, Parent.class, seeded.mum()));
                orm.tx(s -> models.get(s, Parent.class, seeded.mum()));
                assertThat(inner.hits()).isEqualTo(1);
                assertThat(inner.misses()).isEqualTo(1);
            }
            orm.tx(s -> models.all(s, Family.class));
            assertThat(outer.hits()).isEqualTo(2);
            assertThat(outer.misses()).isEqualTo(2);
        }
        Recording first = models.record();
        Recording leaked = models.record(); // an exception skipped its close
        first.close();                      // closes it too: nothing stays on the pooled thread
        orm.tx(s -> models.get(s, Parent.class, seeded.mum()));
        assertThat(first.hits() + leaked.hits()).isEqualTo(0);
        assertThatThrownBy(leaked::close).isInstanceOf(IllegalStateException.class).hasMessageContaining("not open");
        Recording other = models.record();
        assertThatThrownBy(() -> java.util.concurrent.CompletableFuture.runAsync(other::close).join())
                .hasCauseInstanceOf(IllegalStateException.class);
        other.close();
    }

    @Test
    void keysOf_anUninitialisedProxy_coversEverySubclassTheRowMayBelongTo() {
        List<String> keys = orm.tx(s -> stamps.keysOf(s.getReference(Parent.class, seeded.mum())));
        // Parent has no subclass here: its own stamp and epoch, as for the loaded instance.
        assertThat(keys).containsExactly("stamp:" + Parent.class.getName() + ":" + seeded.mum(),
                "epoch:" + Parent.class.getName());
        List<String> initialised = orm.tx(s -> {
            Parent proxy = s.getReference(Parent.class, seeded.mum());
            org.hibernate.Hibernate.initialize(proxy);
            return stamps.keysOf(proxy);
        });
        assertThat(initialised).isEqualTo(keys);
    }

    @Test
    void recorded_givesWhatTheThreadsReadsSaw_withoutIo() {
        Parent mum;
        try (Recording reads = models.record()) {
            mum = orm.tx(s -> models.get(s, Parent.class, seeded.mum()));
            List<String> keys = stamps.keysOf(mum);
            assertThat(stamps.recorded(keys)).isEqualTo(reads.seen().entrySet().stream()
                    .filter(e -> keys.contains(e.getKey()))
                    .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
            assertThat(stamps.recorded(List.of("stamp:never-read"))).isEmpty();
        }
        assertThat(stamps.recorded(stamps.keysOf(mum))).isEmpty();
    }

    @Test
    void put_refusesAfterARollbackOnTheThread_orAReadOfTheSessionsOwnChanges_orWhenMarked() {
        Cache fragments = caches.cache("fragments");
        try (Recording reads = models.record()) {
            Parent mum = orm.tx(s -> models.get(s, Parent.class, seeded.mum()));
            var tx = orm.factory.openSession();
            tx.beginTransaction();
            tx.find(Parent.class, seeded.mum()).name = "Never";
            tx.flush();
            tx.getTransaction().rollback();
            tx.close();
            assertThat(reads.showsUnsaved()).isTrue();
            assertThat(stamps.put(fragments, "mum", "Mum", Timeout.NEVER, stamps.read(stamps.keysOf(mum)))).isFalse();
        }
        try (Recording reads = models.record()) {
            orm.run(s -> {
                s.find(Parent.class, seeded.mum()).name = "Edited";
                models.get(s, Parent.class, seeded.mum()); // the session's own change: read through it
            });
            assertThat(reads.showsUnsaved()).isTrue();
        }
        try (Recording reads = models.record()) {
            Parent mum = orm.tx(s -> models.get(s, Parent.class, seeded.mum()));
            Map<String, Long> recorded = stamps.read(stamps.keysOf(mum));
            reads.markUnsaved();
            assertThat(stamps.put(fragments, "mum", "Mum", Timeout.NEVER, recorded)).isFalse();
        }
        try (Recording reads = models.record()) {
            orm.run(s -> s.find(Parent.class, seeded.mum()).name = "Committed"); // a write that commits needs no mark
            Parent mum = orm.tx(s -> models.get(s, Parent.class, seeded.mum()));
            assertThat(reads.showsUnsaved()).isFalse();
            assertThat(stamps.put(fragments, "mum", mum.name, Timeout.NEVER, stamps.read(stamps.keysOf(mum)))).isTrue();
            assertThat(stamps.get(fragments, "mum").value()).isEqualTo("Committed");
        }
    }

    @Test
    void recentInvalidations_sayWhichStampsMovedAndWhy_newestFirst() {
        orm.run(s -> s.find(Parent.class, seeded.mum()).name = "Mother");
        orm.run(s -> s.createMutationQuery("update Child c set c.name = 'Ally'").executeUpdate());
        models.invalidate(Family.class, 7L);

        List<ModelInvalidation> latest = models.recentInvalidations();
        assertThat(latest).extracting(ModelInvalidation::cause).startsWith(
                "invalidate(Family, 7)",
                "bulk statement on tables [Child] (commit)",
                "bulk statement on tables [Child] (flush)",
                "update of Parent#" + seeded.mum() + " (commit)",
                "update of Parent#" + seeded.mum() + " (flush)");
        assertThat(latest.get(3).stamps()).contains("stamp:" + Parent.class.getName() + ":" + seeded.mum());
        assertThat(latest.get(1).stamps()).contains("epoch:" + Child.class.getName());
        assertThat(latest.get(0).at()).isAfterOrEqualTo(latest.get(4).at());
    }

    @Test
    void recentInvalidations_areBounded() {
        for (long i = 0; i < InvalidationLog.CAPACITY + 20; i++) {
            models.invalidate(Family.class, i);
        }
        List<ModelInvalidation> latest = models.recentInvalidations();
        assertThat(latest).hasSize(InvalidationLog.CAPACITY);
        assertThat(latest.get(0).cause()).isEqualTo("invalidate(Family, " + (InvalidationLog.CAPACITY + 19) + ")");
    }
}
