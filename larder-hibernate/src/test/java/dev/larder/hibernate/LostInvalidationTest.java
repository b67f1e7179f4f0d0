package dev.larder.hibernate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.CacheConfig;
import dev.larder.CacheRegistry;
import dev.larder.testing.FakeClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Race D (spec/invalidation.md §7.1): the move after commit is lost (the cache failed just
 * then). Stamps moved at flush are pending, and no fill that recorded a pending stamp is
 * stored, so what a reader loaded while the writer was in flight is never served after the
 * commit; once the pending value expires, caching resumes with the committed row.
 */
class LostInvalidationTest extends MumAndAliceFixture {
    /** Static only because the constructor must hand the registry to its superclass; each test's store is emptied. */
    private static final FakeClock CLOCK = new FakeClock();

    LostInvalidationTest() {
        super(CacheRegistry.builder().clock(CLOCK).cache("default", CacheConfig.builder().backend("locmem")
                .location("lost-invalidation").build()).build(), Orm.h2Url());
    }

    @AfterEach
    void closeCaches() {
        caches.close();
    }

    @Test
    void moveAfterCommitLost_whatWasLoadedInFlightIsNeverServed_andCachingResumesAfterThePendingTimeout()
            throws Exception {
        assertThat(motherName()).isEqualTo("Mum");
        assertThat(motherName()).isEqualTo("Mum");
        long stored = models.stats().stored();
        models.probe((point, key) -> {
            if (point == Probe.Point.COMMITTED_MOVE) {
                throw new IllegalStateException("the cache failed just after the commit");
            }
        });
        orm.factory.inSession(w -> {
            w.beginTransaction();
            w.find(Parent.class, mum).name = "Mother";
            w.flush();
            assertThat(readInOtherThread()).as("the committed row, while the writer is in flight").isEqualTo("Mum");
            w.getTransaction().commit();
        });
        models.probe(Probe.NONE);
        assertThat(models.stats().stored()).as("nothing filled while the writer was in flight").isEqualTo(stored);
        assertThat(motherName()).as("not the in-flight fill").isEqualTo("Mother");
        assertThat(models.stats().errors()).isPositive();

        CLOCK.advance(ModelCache.PENDING_FOR.plusSeconds(1));
        assertThat(motherName()).isEqualTo("Mother");
        long hits = models.stats().hits();
        assertThat(motherName()).isEqualTo("Mother");
        assertThat(models.stats().hits()).as("cached again").isEqualTo(hits + 1);
    }
}
