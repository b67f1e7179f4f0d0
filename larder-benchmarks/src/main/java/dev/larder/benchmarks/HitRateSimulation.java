package dev.larder.benchmarks;

import dev.larder.Cache;
import dev.larder.CacheConfig;
import dev.larder.CacheRegistry;
import dev.larder.Timeout;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Replays one Zipf(0.9) trace (1,000,000 requests over 100,000 keys, seeded) against caches
 * bounded to 10,000 entries, each doing get, then set on a miss, and prints their hit rates:
 * Larder's local memory (Caffeine, W-TinyLFU), the Django-style baseline (LRU with a cull of a
 * third when full), and a plain LRU. {@code --smoke} runs a tenth of the trace.
 */
public final class HitRateSimulation {
    private static final int KEYS = 100_000;
    private static final int BOUND = 10_000;
    private static final double SKEW = 0.9;

    private HitRateSimulation() {
    }

    public static void main(String[] args) {
        int requests = Arrays.asList(args).contains("--smoke") ? 100_000 : 1_000_000;
        int[] trace = zipfTrace(requests, KEYS, SKEW, new Random(42));
        System.out.printf(Locale.ROOT, "# Zipf(%.1f), %,d requests over %,d keys, bound %,d%n", SKEW, requests, KEYS, BOUND);
        report("larder-locmem", larder(trace));
        report("django-style-lru-cull", djangoStyle(trace));
        report("plain-lru", plainLru(trace));
    }

    private static void report(String name, double hitRate) {
        System.out.printf(Locale.ROOT, "hit-rate %-24s %.4f%n", name, hitRate);
    }

    /** A cache under test: a get, and a set after a miss. */
    private interface Store {
        Object get(String key);

        void set(String key);
    }

    private static double replay(int[] trace, Store store) {
        int hits = 0;
        for (int k : trace) {
            String key = Integer.toString(k);
            if (store.get(key) != null) {
                hits++;
            } else {
                store.set(key);
            }
        }
        return (double) hits / trace.length;
    }

    static double larder(int[] trace) {
        try (CacheRegistry registry = CacheRegistry.builder().cache("default", CacheConfig.builder()
                .backend("locmem").location("hit-rate").timeout(Timeout.NEVER)
                .option("max-entries", Integer.toString(BOUND)).option("store-references", "true").build()).build()) {
            Cache cache = registry.defaultCache();
            return replay(trace, new Store() {
                public Object get(String key) {
                    return cache.get(key);
                }

                public void set(String key) {
                    cache.set(key, Boolean.TRUE);
                }
            });
        }
    }

    static double djangoStyle(int[] trace) {
        DjangoStyleCache cache = new DjangoStyleCache(BOUND, 3);
        return replay(trace, new Store() {
            public Object get(String key) {
                return cache.get(key);
            }

            public void set(String key) {
                cache.set(key, Boolean.TRUE, Long.MAX_VALUE / 2);
            }
        });
    }

    static double plainLru(int[] trace) {
        Map<String, Boolean> lru = new LinkedHashMap<>(BOUND * 2, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > BOUND;
            }
        };
        return replay(trace, new Store() {
            public Object get(String key) {
                return lru.get(key);
            }

            public void set(String key) {
                lru.put(key, Boolean.TRUE);
            }
        });
    }

    /** Key ranks drawn with probability proportional to 1 / rank^skew, by inverting the CDF. */
    static int[] zipfTrace(int requests, int keys, double skew, Random random) {
        double[] cdf = new double[keys];
        double sum = 0;
        for (int rank = 1; rank <= keys; rank++) {
            sum += 1.0 / Math.pow(rank, skew);
            cdf[rank - 1] = sum;
        }
        int[] trace = new int[requests];
        for (int i = 0; i < requests; i++) {
            int index = Arrays.binarySearch(cdf, random.nextDouble() * sum);
            trace[i] = index >= 0 ? index : -index - 1;
        }
        return trace;
    }
}
