package dev.larder.demo;

import dev.larder.Cache;
import dev.larder.CacheRegistry;
import dev.larder.Timeout;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Larder in one screen, on the embedded default (local memory): a slow computation made fast
 * by {@code getOrSet}, a burst of concurrent misses that computes once, the rest of the
 * low-level API, then page caching on an embedded Jetty ({@link PageDemo}) and model caching
 * with Hibernate on H2 ({@link ModelDemo}). Configured by {@code larder.properties} on the class path.
 */
public final class QuickStart {
    static final int LIMIT = 4_000_000;
    private static final int WARM_CALLS = 100_000;
    private static final int THREADS = 8;

    /** What one run measured. */
    record Result(long primes, double coldMillis, double warmMicros, int herdLoads, long counter) {
    }

    private QuickStart() {
    }

    public static void main(String[] args) throws Exception {
        try (CacheRegistry caches = CacheRegistry.load()) {
            run(caches.defaultCache(), System.out);
            PageDemo.run(caches.defaultCache(), System.out);
            ModelDemo.run(caches, System.out);
        }
    }

    static Result run(Cache cache, PrintStream out) throws Exception {
        out.printf("Larder quick start: cache '%s' (%s)%n%n", cache.alias(), cache);

        String key = "primes-below:" + LIMIT;
        long start = System.nanoTime();
        long primes = cache.getOrSet(key, () -> countPrimes(LIMIT), Timeout.ofMinutes(5));
        double coldMillis = (System.nanoTime() - start) / 1e6;

        start = System.nanoTime();
        long check = 0;
        for (int i = 0; i < WARM_CALLS; i++) {
            check += cache.<Long>getOrSet(key, () -> countPrimes(LIMIT));
        }
        double warmMicros = (System.nanoTime() - start) / 1e3 / WARM_CALLS;
        if (check != primes * WARM_CALLS) {
            throw new IllegalStateException("cached value changed under us");
        }
        out.printf(Locale.ROOT, "1. getOrSet of a slow computation (primes below %,d = %,d)%n", LIMIT, primes);
        out.printf(Locale.ROOT, "   first call, computed:   %10.1f ms%n", coldMillis);
        out.printf(Locale.ROOT, "   next calls, from cache: %10.3f ms each (%,d calls)%n", warmMicros / 1e3, WARM_CALLS);
        out.printf(Locale.ROOT, "   speed-up:               %,10.0fx%n%n", coldMillis * 1e3 / warmMicros);

        int herdLoads = herd(cache);
        out.printf("2. %d threads miss the same cold key at once: the computation ran %d time(s)%n%n", THREADS, herdLoads);

        cache.set("visits", 0, Timeout.NEVER);
        for (int i = 0; i < 41; i++) {
            cache.incr("visits");
        }
        long counter = cache.incr("visits");
        boolean first = cache.add("lock:nightly-job", "worker-1", Timeout.ofSeconds(30));
        boolean second = cache.add("lock:nightly-job", "worker-2", Timeout.ofSeconds(30));
        cache.version(2).set("schema", "v2 layout");
        out.printf("3. incr counted %d visits; add as a lock: first %s, second %s;%n", counter, first, second);
        out.printf("   version 1 sees schema=%s, version 2 sees schema=%s%n%n", cache.get("schema"),
                cache.version(2).get("schema"));

        out.printf("4. statistics: %s (hit rate %.4f)%n%n", cache.stats(), cache.stats().hitRate());
        return new Result(primes, coldMillis, warmMicros, herdLoads, counter);
    }

    /** Eight threads ask for one cold key together; returns how often the loader ran. */
    private static int herd(Cache cache) throws Exception {
        AtomicInteger loads = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<Long>> answers = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                answers.add(pool.submit(() -> {
                    go.await();
                    return cache.<Long>getOrSet("primes-below:" + LIMIT / 2, () -> {
                        loads.incrementAndGet();
                        return countPrimes(LIMIT / 2);
                    });
                }));
            }
            go.countDown();
            for (Future<Long> answer : answers) {
                answer.get(1, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        return loads.get();
    }

    /** Deliberately slow: trial division, the stand-in for a heavy query or remote call. */
    static long countPrimes(int below) {
        long count = 0;
        for (int n = 2; n < below; n++) {
            boolean prime = true;
            for (int d = 2; (long) d * d <= n; d++) {
                if (n % d == 0) {
                    prime = false;
                    break;
                }
            }
            if (prime) {
                count++;
            }
        }
        return count;
    }
}
