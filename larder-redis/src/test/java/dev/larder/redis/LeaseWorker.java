package dev.larder.redis;

import dev.larder.Cache;
import dev.larder.CacheConfig;
import dev.larder.CacheRegistry;
import dev.larder.Timeout;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * One process of {@link RedisLoadPolicyTest}'s race: once connected it prints {@code ready},
 * waits for the test to store the start time (epoch millis) under {@code start}, and then many
 * threads call {@code getOrSet} for one cold key on a cache with a lease; the loader counts its
 * runs in the store. Prints {@code early=<ms before the start> results=<n> distinct=<values>}
 * and exits 0.
 *
 * <p>Arguments: the Redis URI, the key, the number of threads.
 */
public final class LeaseWorker {
    private LeaseWorker() {
    }

    public static void main(String[] args) throws Exception {
        CacheConfig config = CacheConfig.builder().backend("redis").location(args[0]).keyPrefix("race")
                .lease(Duration.ofSeconds(10)).build();
        try (CacheRegistry caches = CacheRegistry.builder().cache("default", config).build()) {
            Cache cache = caches.defaultCache();
            System.out.println("ready");
            long start = awaitStart(cache);
            long early = start - System.currentTimeMillis();
            List<Object> results = race(cache, args[1], Integer.parseInt(args[2]), start);
            Set<Object> distinct = new HashSet<>(results);
            System.out.println("early=" + early + " results=" + results.size() + " distinct=" + distinct);
        }
    }

    private static long awaitStart(Cache cache) throws InterruptedException {
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

    /** Runs {@code threads} calls of the key's getOrSet, released together at {@code startMillis}. */
    static List<Object> race(Cache cache, String key, int threads, long startMillis) throws Exception {
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

    /** A second-long load that counts itself in the store, where both processes see the count. */
    private static Object load(Cache cache) {
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "loaded by run " + cache.incr("loads") + " in " + ProcessHandle.current().pid();
    }
}
