package dev.larder.testkit;

import dev.larder.Cache;
import dev.larder.Timeout;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * A stampede on one cold key, for tests and benchmarks that race processes sharing a store:
 * many threads call {@code getOrSet} at one wall-clock time, with a one-second loader that
 * counts its runs in the store under {@code loads}, where every process sees the count. The
 * processes agree on the time through the store: one sets {@code start}, the others
 * {@link #awaitStart} it.
 */
public final class Stampede {
    private Stampede() {
    }

    /** The start time another process stored under {@code start}, waiting for it at most a minute. */
    public static long awaitStart(Cache cache) throws InterruptedException {
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        Long start;
        while ((start = cache.get("start", Long.class)) == null && System.nanoTime() - giveUp < 0) {
            Thread.sleep(5);
        }
        if (start == null) {
            throw new IllegalStateException("no start time within 60 s");
        }
        return start;
    }

    /** What {@code threads} calls of {@code key}'s getOrSet returned, released together at {@code startMillis}. */
    public static List<Object> race(Cache cache, String key, int threads, long startMillis) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Object>> calls = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                calls.add(pool.submit(() -> {
                    Thread.sleep(Math.max(0, startMillis - System.currentTimeMillis()));
                    return cache.getOrSet(key, () -> load(cache), Timeout.ofMinutes(1));
                }));
            }
            List<Object> results = new ArrayList<>();
            for (Future<Object> call : calls) {
                results.add(call.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private static Object load(Cache cache) {
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "loaded by run " + cache.incr("loads") + " in " + ProcessHandle.current().pid();
    }
}
