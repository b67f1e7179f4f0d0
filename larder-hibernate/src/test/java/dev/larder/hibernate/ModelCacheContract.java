package dev.larder.hibernate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.larder.CacheRegistry;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The model cache on a real database and a real cache, through Hibernate's own sessions and
 * transactions. Subclasses pick the database and the backend.
 */
abstract class ModelCacheContract extends OrmFixture {
    protected long alice;
    protected long mum;
    protected long dad;
    protected long smiths;

    ModelCacheContract(CacheRegistry caches, String url) {
        super(caches, url);
    }

    @BeforeEach
    void seed() {
        orm.run(s -> {
            Family f = new Family("Smith");
            Parent m = new Parent("Mum", f);
            Parent d = new Parent("Dad", f);
            Child c = new Child("Alice", "alice@example.com", m, d);
            s.persist(f);
            s.persist(m);
            s.persist(d);
            s.persist(c);
            s.flush();
            smiths = f.id;
            mum = m.id;
            dad = d.id;
            alice = c.id;
        });
    }

    Child aliceWithParents() {
        return orm.tx(s -> models.get(s, Child.class, alice, "mother", "father", "mother.family"));
    }

    @Test
    void get_secondReadIsAHit_andRunsNoStatement() {
        Child first = orm.tx(s -> models.get(s, Child.class, alice));
        long before = orm.statements();
        Child second = orm.tx(s -> models.get(s, Child.class, alice));
        assertThat(orm.statements()).isEqualTo(before);
        assertThat(second.name).isEqualTo(first.name).isEqualTo("Alice");
        assertThat(second.email).isEqualTo("alice@example.com");
        assertThat(second.born).isEqualTo(first.born);
        assertThat(second.size).isEqualTo(Child.Size.SMALL);
        assertThat(models.stats().hits()).isEqualTo(1);
        assertThat(models.stats().stored()).isEqualTo(1);
    }

    @Test
    void get_missingId_isNull() {
        assertThat(orm.<Child>tx(s -> models.get(s, Child.class, -1L))).isNull();
    }

    @Test
    void childWithParents_isCachedWithThem_andAHitRunsNoStatement() {
        aliceWithParents();
        long before = orm.statements();
        Child c = aliceWithParents();
        assertThat(orm.statements()).isEqualTo(before);
        assertThat(c.mother.name).isEqualTo("Mum");
        assertThat(c.father.name).isEqualTo("Dad");
        assertThat(c.mother.family.name).isEqualTo("Smith");
    }

    @Test
    void updatingAParent_invalidatesEveryCachedChildThatEmbedsIt() {
        aliceWithParents();
        orm.run(s -> s.find(Parent.class, mum).name = "Mother");
        Child c = aliceWithParents();
        assertThat(c.mother.name).isEqualTo("Mother");
        assertThat(c.father.name).isEqualTo("Dad");
    }

    @Test
    void updatingTheFamily_twoLevelsUp_invalidatesTheChild() {
        aliceWithParents();
        orm.run(s -> s.find(Family.class, smiths).name = "Smyth");
        assertThat(aliceWithParents().mother.family.name).isEqualTo("Smyth");
    }

    @Test
    void updatingTheChild_invalidatesItsEntries() {
        aliceWithParents();
        orm.run(s -> s.find(Child.class, alice).name = "Alicia");
        assertThat(aliceWithParents().name).isEqualTo("Alicia");
        assertThat(orm.tx(s -> models.get(s, Child.class, alice)).name).isEqualTo("Alicia");
    }

    @Test
    void deletingTheChild_makesItsEntryAMiss() {
        aliceWithParents();
        orm.run(s -> s.remove(s.find(Child.class, alice)));
        assertThat(aliceWithParents()).isNull();
    }

    @Test
    void badFetchPathsAndAttributeNames_areRefusedBeforeAnyQuery() {
        long before = orm.statements();
        assertThatThrownBy(() -> orm.tx(s -> models.get(s, Child.class, alice, "mother or 1=1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'mother or 1=1'");
        assertThatThrownBy(() -> orm.tx(s -> models.getBy(s, Child.class, "email or 1=1", "x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'email or 1=1'");
        assertThat(orm.statements()).isEqualTo(before);
    }

    @Test
    void getBy_uniqueField_isCached_andFollowsAChangeOfThatField() {
        assertThat(orm.tx(s -> models.getBy(s, Child.class, "email", "alice@example.com")).id).isEqualTo(alice);
        long before = orm.statements();
        assertThat(orm.tx(s -> models.getBy(s, Child.class, "email", "alice@example.com")).name).isEqualTo("Alice");
        assertThat(orm.statements()).isEqualTo(before);
        orm.run(s -> s.find(Child.class, alice).email = "alice@example.org");
        assertThat(orm.<Child>tx(s -> models.getBy(s, Child.class, "email", "alice@example.com"))).isNull();
        assertThat(orm.tx(s -> models.getBy(s, Child.class, "email", "alice@example.org")).id).isEqualTo(alice);
    }

    @Test
    void all_isCached_andAnyInsertUpdateOrDeleteOfTheModelInvalidatesIt() {
        assertThat(names(orm.tx(s -> models.all(s, Parent.class)))).containsExactly("Mum", "Dad");
        long before = orm.statements();
        assertThat(names(orm.tx(s -> models.all(s, Parent.class)))).containsExactly("Mum", "Dad");
        assertThat(orm.statements()).isEqualTo(before);
        orm.run(s -> s.persist(new Parent("Aunt", null)));
        assertThat(names(orm.tx(s -> models.all(s, Parent.class)))).containsExactly("Mum", "Dad", "Aunt");
        orm.run(s -> s.find(Parent.class, dad).name = "Father");
        assertThat(names(orm.tx(s -> models.all(s, Parent.class)))).containsExactly("Mum", "Father", "Aunt");
        orm.run(s -> s.remove(s.createSelectionQuery("from Parent where name = 'Aunt'", Parent.class).getSingleResult()));
        assertThat(names(orm.tx(s -> models.all(s, Parent.class)))).containsExactly("Mum", "Father");
    }

    @Test
    void rollback_withoutFlush_invalidatesNothing() {
        aliceWithParents();
        orm.factory.inSession(s -> {
            s.beginTransaction();
            s.find(Parent.class, mum).name = "Never";
            s.getTransaction().rollback();
        });
        long before = orm.statements();
        assertThat(aliceWithParents().mother.name).isEqualTo("Mum");
        assertThat(orm.statements()).as("still a hit").isEqualTo(before);
    }

    @Test
    void rollback_afterFlush_leavesNoStaleOrUncommittedValue() {
        aliceWithParents();
        orm.factory.inSession(s -> {
            s.beginTransaction();
            s.find(Parent.class, mum).name = "Uncommitted";
            s.flush();
            // Code inside the transaction reads its own write, not the cached entry ...
            assertThat(models.get(s, Child.class, alice, "mother", "father", "mother.family").mother.name)
                    .isEqualTo("Uncommitted");
            s.getTransaction().rollback();
        });
        // ... and nothing uncommitted was stored for others.
        assertThat(aliceWithParents().mother.name).isEqualTo("Mum");
    }

    @Test
    void invalidatingANonEntity_isRefusedByName() {
        assertThatThrownBy(() -> models.invalidateAll(String.class)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.String is not an entity");
        assertThatThrownBy(() -> models.invalidate(String.class, 1L)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rollback_afterFlush_cachingResumesAtOnce() {
        aliceWithParents();
        orm.factory.inSession(s -> {
            s.beginTransaction();
            s.find(Parent.class, mum).name = "Ghost";
            s.flush();
            s.getTransaction().rollback();
        });
        long stored = models.stats().stored();
        long hits = models.stats().hits();
        assertThat(aliceWithParents().mother.name).isEqualTo("Mum");
        assertThat(aliceWithParents().mother.name).isEqualTo("Mum");
        assertThat(models.stats().stored()).as("stored again, not after the pending stamps expire").isEqualTo(stored + 1);
        assertThat(models.stats().hits()).isEqualTo(hits + 1);
    }

    @Test
    void bulkHqlUpdate_isSeenWithoutACall_andInvalidatesEveryEntryEmbeddingTheModel() {
        aliceWithParents();
        int rows = orm.tx(s -> {
            int n = s.createMutationQuery("update Parent p set p.name = upper(p.name)").executeUpdate();
            assertThat(models.get(s, Child.class, alice, "mother").mother.name).as("inside the transaction").isEqualTo("MUM");
            return n;
        });
        assertThat(rows).isEqualTo(2);
        Child c = aliceWithParents();
        assertThat(c.mother.name).isEqualTo("MUM");
        assertThat(c.father.name).isEqualTo("DAD");
    }

    @Test
    void bulkHqlUpdate_rolledBack_leavesTheCommittedValues() {
        aliceWithParents();
        orm.factory.inSession(s -> {
            s.beginTransaction();
            s.createMutationQuery("update Parent p set p.name = 'Ghost'").executeUpdate();
            assertThat(models.get(s, Child.class, alice, "mother").mother.name).isEqualTo("Ghost");
            s.getTransaction().rollback();
        });
        assertThat(aliceWithParents().mother.name).isEqualTo("Mum");
    }

    @Test
    void bulkHqlDeleteAndInsert_areSeen_byGetAndAll() {
        orm.tx(s -> models.all(s, Family.class));
        orm.tx(s -> models.get(s, Family.class, smiths));
        orm.run(s -> {
            s.createMutationQuery("update Parent p set p.family = null").executeUpdate();
            s.createMutationQuery("delete from Family").executeUpdate();
        });
        assertThat(orm.<Family>tx(s -> models.get(s, Family.class, smiths))).isNull();
        assertThat(orm.<List<Family>>tx(s -> models.all(s, Family.class))).isEmpty();
        orm.run(s -> s.createMutationQuery("insert into Family (id, name) values (4242, 'Jones')").executeUpdate());
        assertThat(orm.<List<Family>>tx(s -> models.all(s, Family.class))).extracting(f -> f.name).containsExactly("Jones");
    }

    @Test
    void bulkHqlInsertSelect_isSeen_evenWhereHibernateRunsItAsOneCteStatement() {
        assertThat(orm.<List<Parent>>tx(s -> models.all(s, Parent.class))).hasSize(2);
        orm.run(s -> s.createMutationQuery("insert into Parent (name) select c.name from Child c").executeUpdate());
        assertThat(names(orm.tx(s -> models.all(s, Parent.class)))).containsExactlyInAnyOrder("Mum", "Dad", "Alice");
    }

    @Test
    void criteriaUpdate_isSeen() {
        aliceWithParents();
        orm.run(s -> {
            var cb = s.getCriteriaBuilder();
            var update = cb.createCriteriaUpdate(Parent.class);
            var p = update.from(Parent.class);
            update.set(p.<String>get("name"), "Criteria");
            s.createMutationQuery(update).executeUpdate();
        });
        assertThat(aliceWithParents().mother.name).isEqualTo("Criteria");
    }

    @Test
    void nativeSqlUpdate_withItsTableNamed_inAnyCaseOrSchema_invalidatesThatModelOnly() {
        aliceWithParents();
        orm.tx(s -> models.get(s, Family.class, smiths));
        long before = models.stats().hits();
        orm.run(s -> s.createNativeQuery("update Parent set name = upper(name)", Object.class)
                .addSynchronizedQuerySpace("PUBLIC.\"parent\"").executeUpdate());
        assertThat(aliceWithParents().mother.name).isEqualTo("MUM");
        assertThat(orm.<Family>tx(s -> models.get(s, Family.class, smiths)).name).isEqualTo("Smith");
        assertThat(models.stats().hits()).as("the Family entry survived").isEqualTo(before + 1);
    }

    @Test
    void nativeSqlUpdate_withNoSpaceNamed_invalidatesEveryModel() {
        aliceWithParents();
        orm.tx(s -> models.get(s, Family.class, smiths));
        long hits = models.stats().hits();
        orm.run(s -> s.createNativeMutationQuery("update Parent set name = upper(name)").executeUpdate());
        assertThat(aliceWithParents().father.name).isEqualTo("DAD");
        assertThat(orm.<Family>tx(s -> models.get(s, Family.class, smiths)).name).isEqualTo("Smith");
        assertThat(models.stats().hits()).as("the Family entry was dropped too: no tables named means all").isEqualTo(hits);
    }

    @Test
    void queriesThatOnlyRead_invalidateNothing() {
        aliceWithParents();
        long before = models.stats().hits();
        orm.run(s -> {
            s.createSelectionQuery("from Parent", Parent.class).getResultList();
            s.createNativeQuery("select count(*) from Parent", Long.class).getSingleResult();
        });
        aliceWithParents();
        assertThat(models.stats().hits()).isEqualTo(before + 1);
    }

    @Test
    void jdbcWorkOutsideHibernate_withInvalidateAll_invalidatesEveryEntryEmbeddingTheModel() {
        aliceWithParents();
        orm.run(s -> s.doWork(c -> {
            try (var st = c.createStatement()) {
                st.executeUpdate("update Parent set name = upper(name)");
            }
        }));
        assertThat(aliceWithParents().mother.name).as("not seen: Hibernate never ran it").isEqualTo("Mum");
        models.invalidateAll(Parent.class);
        Child c = aliceWithParents();
        assertThat(c.mother.name).isEqualTo("MUM");
        assertThat(c.father.name).isEqualTo("DAD");
    }

    @Test
    void resultsAreDetachedCopies_changingOneChangesNeitherTheCacheNorTheDatabase() {
        Child copy = aliceWithParents();
        copy.name = "Mallory";
        copy.mother.name = "Eve";
        Child again = aliceWithParents();
        assertThat(again.name).isEqualTo("Alice");
        assertThat(again.mother.name).isEqualTo("Mum");
        assertThat(orm.<String>tx(s -> s.find(Child.class, alice).name)).isEqualTo("Alice");
    }

    @Test
    void unfetchedAssociation_isALazyReferenceThatLoadsInTheSession() {
        orm.tx(s -> models.get(s, Child.class, alice));
        String mother = orm.tx(s -> {
            Child c = models.get(s, Child.class, alice);
            assertThat(org.hibernate.Hibernate.isInitialized(c.mother)).as("not fetched, so not copied").isFalse();
            return org.hibernate.Hibernate.unproxy(c.mother, Parent.class).name;
        });
        assertThat(mother).isEqualTo("Mum");
    }

    @Test
    void getBy_valueTakenOverByAnotherRow_findsThatRow() {
        orm.tx(s -> models.getBy(s, Child.class, "email", "alice@example.com"));
        long bob = orm.tx(s -> {
            s.find(Child.class, alice).email = "alice@example.org";
            s.flush();
            Child b = new Child("Bob", "alice@example.com", null, null);
            s.persist(b);
            s.flush();
            return b.id;
        });
        assertThat(orm.tx(s -> models.getBy(s, Child.class, "email", "alice@example.com")).id).isEqualTo(bob);
    }

    @Test
    void getBy_aSetOfAttributes_isCachedAndChecked() {
        java.util.Map<String, Object> key = java.util.Map.of("name", "Alice", "email", "alice@example.com");
        assertThat(orm.tx(s -> models.getBy(s, Child.class, key, "mother")).mother.name).isEqualTo("Mum");
        long before = orm.statements();
        assertThat(orm.tx(s -> models.getBy(s, Child.class, key, "mother")).id).isEqualTo(alice);
        assertThat(orm.statements()).isEqualTo(before);
        orm.run(s -> s.find(Child.class, alice).name = "Alicia");
        assertThat(orm.<Child>tx(s -> models.getBy(s, Child.class, key))).isNull();
    }

    /** A session that loaded a row before another transaction changed it must not cache its old copy. */
    @Test
    void longLivedSessionHoldingAnOldRow_doesNotCacheIt() {
        orm.factory.inSession(old -> {
            assertThat(old.find(Parent.class, mum).name).isEqualTo("Mum");
            orm.run(s -> s.find(Parent.class, mum).name = "Mother");
            assertThat(models.get(old, Child.class, alice, "mother").mother.name).isEqualTo("Mother");
        });
        assertThat(orm.tx(s -> models.get(s, Child.class, alice, "mother")).mother.name).isEqualTo("Mother");
    }

    @Test
    void unflushedWriteOfTheSession_isSeenByItsOwnRead_andNotStored() {
        aliceWithParents();
        orm.factory.inSession(s -> {
            s.beginTransaction();
            s.find(Parent.class, mum).name = "Mine";
            assertThat(models.get(s, Child.class, alice, "mother").mother.name).isEqualTo("Mine");
            s.getTransaction().rollback();
        });
        assertThat(aliceWithParents().mother.name).isEqualTo("Mum");
        assertThat(models.stats().bypassed()).isEqualTo(1);
    }

    @Test
    void statelessSessionUpdate_invalidatesLikeAnyOther() {
        aliceWithParents();
        orm.factory.inStatelessTransaction(ss -> {
            Parent p = ss.get(Parent.class, mum);
            p.name = "Stateless";
            ss.update(p);
        });
        assertThat(aliceWithParents().mother.name).isEqualTo("Stateless");
    }

    @Test
    void jdbcWorkWithInvalidateAllInTheTransaction_thenRollback_leaksNothing() {
        aliceWithParents();
        orm.factory.inSession(s -> {
            s.beginTransaction();
            s.doWork(c -> {
                try (var st = c.createStatement()) {
                    st.executeUpdate("update Parent set name = 'Uncommitted'");
                }
            });
            models.invalidateAll(s, Parent.class);
            assertThat(models.get(s, Child.class, alice, "mother").mother.name).isEqualTo("Uncommitted");
            s.getTransaction().rollback();
        });
        assertThat(aliceWithParents().mother.name).isEqualTo("Mum");
    }

    @Test
    void bulkWatchOff_leavesBulkStatementsUnseen() {
        aliceWithParents();
        java.util.Map<String, String> offSettings = new java.util.HashMap<>(settings());
        offSettings.put(BulkWatch.WATCH_BULK, "false");
        try (Orm off = Orm.on(url, caches, offSettings)) {
            ModelCache offModels = off.models;
            offModels.cache().clear();
            off.run(s -> {
                Parent m = s.find(Parent.class, mum);
                m.name = "Seeded";
            });
            off.tx(s -> offModels.get(s, Child.class, alice, "mother"));
            off.run(s -> s.createMutationQuery("update Parent p set p.name = 'Bulk'").executeUpdate());
            assertThat(off.<Child>tx(s -> offModels.get(s, Child.class, alice, "mother")).mother.name)
                    .as("documented: without the watch, call invalidateAll").isEqualTo("Seeded");
        }
    }

    private static List<String> names(List<Parent> parents) {
        return parents.stream().map(p -> p.name).toList();
    }
}
