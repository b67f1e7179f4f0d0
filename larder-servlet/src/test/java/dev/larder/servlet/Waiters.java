package dev.larder.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;

/** Stampede tests wait until requests queue behind a leader: the one state no latch can show, so a bounded poll. */
final class Waiters {
    private Waiters() {
    }

    /** Polls for at most 10 s until exactly {@code n} requests wait for another's rendering. */
    static void await(PageCache pages, int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (pages.waiting() != n) {
            assertThat(System.nanoTime()).as("%d waiters, saw %d", n, pages.waiting()).isLessThan(deadline);
            Thread.sleep(5);
        }
    }
}
