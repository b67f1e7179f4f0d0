package dev.larder.benchmarks;

import java.lang.management.ManagementFactory;

/**
 * Bytes this JVM's live threads have allocated on the heap so far (HotSpot's per-thread
 * counters, {@code com.sun.management.ThreadMXBean}). The difference over a load run, divided
 * by the requests it served, is the allocation per request: the server's worker threads, its
 * selectors and a client library's I/O threads alike. A thread that ends during the run takes
 * its count with it, so the server under measurement keeps its threads ({@link PageServer}).
 */
final class Allocations {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private Allocations() {
    }

    static long total() {
        long sum = 0;
        for (long bytes : THREADS.getThreadAllocatedBytes(THREADS.getAllThreadIds())) {
            // -1: a thread that ended between listing and reading, or counting turned off.
            sum += Math.max(0, bytes);
        }
        return sum;
    }
}
