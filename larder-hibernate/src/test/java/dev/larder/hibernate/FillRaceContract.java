package dev.larder.hibernate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.CacheRegistry;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.hibernate.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The interleavings of spec/invalidation.md §7.1, replayed deterministically: a reader is
 * held at a point of its fill (stamps read, rows loaded, about to store) by latches while a
 * writer does its part; no sleeps. After the writer commits, no read may return the old value.
 */
abstract class FillRaceContract extends MumAndAliceFixture {
    FillRaceContract(CacheRegistry caches, String url) {
        super(caches, url);
    }

    /** Holds the reader thread at {@code point} until released. */
    private final class Hold implements Probe {
        final CountDownLatch reached = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        private final Probe.Point point;
        private final Thread thread;

        Hold(Probe.Point point, Thread thread) {
            this.point = point;
            this.thread = thread;
        }

        @Override
        public void at(Probe.Point at, String key) {
            if (at == point && Thread.currentThread() == thread) {
                reached.countDown();
                await(release);
            }
        }
    }

    private Future<String> readMotherName(Probe.Point point, Hold[] hold) throws Exception {
        Thread thread = reader.submit(Thread::currentThread).get();
        hold[0] = new Hold(point, thread);
        models.probe(hold[0]);
        return reader.submit(this::motherName);
    }

    private void rename(Session s, String name) {
        s.find(Parent.class, mum).name = name;
    }

    private void warm() {
        assertThat(motherName()).isEqualTo("Mum");
        models.invalidate(Parent.class, mum); // so the next read misses, with the entry's stamps known
    }

    /** An entity write: the session flushes the rename. */
    private void renameEntity(Session s) {
        rename(s, "Mother");
        s.flush();
    }

    /** A bulk HQL write: no entity event fires. */
    private void renameInBulk(Session s) {
        s.createMutationQuery("update Parent p set p.name = :name where p.id = :id")
                .setParameter("name", "Mother").setParameter("id", mum).executeUpdate();
    }

    /** Race B: the reader loaded the old row; the writer commits; the reader's store must not happen. */
    @Test
    void readerLoadsOldRow_writerCommits_readerStores_theStaleFillIsRefused() throws Exception {
        raceB(this::renameEntity);
    }

    @Test
    void readerLoadsOldRow_bulkWriterCommits_readerStores_theStaleFillIsRefused() throws Exception {
        raceB(this::renameInBulk);
    }

    private void raceB(Consumer<Session> write) throws Exception {
        warm();
        long storedBefore = models.stats().stored();
        Hold[] hold = new Hold[1];
        Future<String> read = readMotherName(Probe.Point.LOADED, hold);
        assertThat(hold[0].reached.await(10, TimeUnit.SECONDS)).isTrue();
        orm.run(write);
        hold[0].release.countDown();
        assertThat(read.get(10, TimeUnit.SECONDS)).as("what the reader loaded before the commit").isEqualTo("Mum");
        models.probe(Probe.NONE);
        assertThat(models.stats().stored()).as("the stale fill was refused, not just never read").isEqualTo(storedBefore);
        assertThat(motherName()).isEqualTo("Mother");
        assertThat(motherName()).isEqualTo("Mother");
    }

    /**
     * Race A: the writer flushed (in flight), a reader loads the committed row, then the writer
     * commits. The reader's fill is refused (pending stamps), and the commit moves them anyway.
     */
    @Test
    void writerInALongTransaction_readerFillsMeanwhile_commitStillInvalidates() throws Exception {
        raceA(this::renameEntity);
    }

    @Test
    void bulkWriterInALongTransaction_readerFillsMeanwhile_commitStillInvalidates() throws Exception {
        raceA(this::renameInBulk);
    }

    private void raceA(Consumer<Session> write) throws Exception {
        warm();
        orm.factory.inSession(w -> {
            w.beginTransaction();
            write.accept(w);
            long stored = models.stats().stored();
            assertThat(readInOtherThread()).as("other sessions see the committed row").isEqualTo("Mum");
            assertThat(models.stats().stored()).as("its fill is not stored: the writer's stamps are pending")
                    .isEqualTo(stored);
            w.getTransaction().commit();
        });
        assertThat(motherName()).isEqualTo("Mother");
    }

    /** The writer rolls back after flushing: the reader's fill (the committed row) stays right; nothing uncommitted leaks. */
    @Test
    void writerFlushesThenRollsBack_readersNeverSeeTheUncommittedValue() throws Exception {
        warm();
        orm.factory.inSession(w -> {
            w.beginTransaction();
            rename(w, "Ghost");
            w.flush();
            assertThat(readInOtherThread()).isEqualTo("Mum");
            w.getTransaction().rollback();
        });
        assertThat(motherName()).isEqualTo("Mum");
        assertThat(readInOtherThread()).isEqualTo("Mum");
    }

    /** Two writers commit one after the other around a held reader: the last commit wins everywhere. */
    @Test
    void twoWriters_aroundAHeldReader_theLastCommitIsWhatIsRead() throws Exception {
        warm();
        Hold[] hold = new Hold[1];
        Future<String> read = readMotherName(Probe.Point.STAMPS_READ, hold);
        assertThat(hold[0].reached.await(10, TimeUnit.SECONDS)).isTrue();
        orm.run(s -> rename(s, "First"));
        hold[0].release.countDown();
        assertThat(read.get(10, TimeUnit.SECONDS)).isEqualTo("First");
        models.probe(Probe.NONE);
        orm.run(s -> rename(s, "Second"));
        assertThat(motherName()).isEqualTo("Second");
        assertThat(readInOtherThread()).isEqualTo("Second");
    }

    /** The reader is about to store when the writer commits: the store-time check refuses it. */
    @Test
    void writerCommitsJustBeforeTheReaderStores_nothingStaleIsServed() throws Exception {
        warm();
        long storedBefore = models.stats().stored();
        Hold[] hold = new Hold[1];
        Future<String> read = readMotherName(Probe.Point.BEFORE_STORE, hold);
        assertThat(hold[0].reached.await(10, TimeUnit.SECONDS)).isTrue();
        orm.run(s -> rename(s, "Mother"));
        hold[0].release.countDown();
        read.get(10, TimeUnit.SECONDS);
        models.probe(Probe.NONE);
        assertThat(models.stats().stored()).as("the stale fill was not stored").isEqualTo(storedBefore);
        assertThat(motherName()).isEqualTo("Mother");
    }

    /** A cold miss (no stamps known yet) loads twice; a commit during the first load must not leave a stale entry. */
    @Test
    void coldMiss_writerCommitsDuringTheFirstLoad_theEntryIsNotStale() throws Exception {
        Hold[] hold = new Hold[1];
        Future<String> read = readMotherName(Probe.Point.LOADED, hold);
        assertThat(hold[0].reached.await(10, TimeUnit.SECONDS)).isTrue();
        orm.run(s -> rename(s, "Mother"));
        hold[0].release.countDown();
        read.get(10, TimeUnit.SECONDS);
        models.probe(Probe.NONE);
        assertThat(motherName()).isEqualTo("Mother");
        assertThat(readInOtherThread()).isEqualTo("Mother");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
