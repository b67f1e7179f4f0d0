package dev.larder.jcache;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What JCache promises for one JVM, held across two nodes sharing a store: every single-key
 * operation is atomic, a write through one node is read at once through the other, and
 * {@code clear()} and iteration see this cache's entries only. Subclasses give the store.
 */
abstract class SharedStoreContract {
    private static final int THREADS_PER_NODE = 3;
    private static final int ROUNDS = 150;

    private final List<CacheManager> managers = new ArrayList<>();

    /** A manager over the shared store; each call is another node. */
    abstract CacheManager node();

    @AfterEach
    void closeNodes() {
        managers.forEach(CacheManager::close);
    }

    private Cache<String, Integer> cache(String name) {
        CacheManager manager = node();
        managers.add(manager);
        MutableConfiguration<String, Integer> config = new MutableConfiguration<String, Integer>()
                .setTypes(String.class, Integer.class);
        return manager.createCache(name, config);
    }

    @Test
    void invoke_fromTwoNodesAtOnce_losesNoIncrement() throws Exception {
        Cache<String, Integer> a = cache("counters");
        Cache<String, Integer> b = cache("counters");
        a.put("hits", 0);
        race(a, b, cache -> {
            cache.invoke("hits", (entry, args) -> {
                entry.setValue(entry.getValue() + 1);
                return null;
            });
            return true;
        });
        assertThat(b.get("hits")).isEqualTo(2 * THREADS_PER_NODE * ROUNDS);
    }

    @Test
    void invoke_editingAListInPlace_fromTwoNodes_losesNoAppend() throws Exception {
        CacheManager one = node();
        CacheManager two = node();
        managers.add(one);
        managers.add(two);
        Cache<String, ArrayList<Integer>> a = one.createCache("lists", new MutableConfiguration<>());
        Cache<String, ArrayList<Integer>> b = two.createCache("lists", new MutableConfiguration<>());
        a.put("log", new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        for (Cache<String, ArrayList<Integer>> cache : List.of(a, b, a, b)) {
            Thread t = new Thread(() -> {
                for (int i = 0; i < 40; i++) {
                    // The usual idiom: change the value got, then set it.
                    cache.invoke("log", (entry, args) -> {
                        ArrayList<Integer> log = entry.getValue();
                        log.add(1);
                        entry.setValue(log);
                        return null;
                    });
                }
            });
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join(60_000);
        }
        assertThat(b.get("log")).hasSize(4 * 40);
    }

    @Test
    void replace_asCompareAndSet_fromTwoNodes_losesNoIncrement() throws Exception {
        Cache<String, Integer> a = cache("cas");
        Cache<String, Integer> b = cache("cas");
        a.put("n", 0);
        AtomicInteger lost = new AtomicInteger();
        race(a, b, cache -> {
            while (true) {
                Integer seen = cache.get("n");
                if (cache.replace("n", seen, seen + 1)) {
                    return true;
                }
                lost.incrementAndGet();
            }
        });
        assertThat(a.get("n")).isEqualTo(2 * THREADS_PER_NODE * ROUNDS);
    }

    @Test
    void putIfAbsent_racedByTwoNodes_storesOnce() throws Exception {
        Cache<String, Integer> a = cache("once");
        Cache<String, Integer> b = cache("once");
        AtomicInteger winners = new AtomicInteger();
        AtomicInteger round = new AtomicInteger();
        // Each round, every thread of both nodes tries to be first for a key of its own.
        for (int r = 0; r < 20; r++) {
            String key = "job-" + round.incrementAndGet();
            raceOnce(a, b, cache -> {
                if (cache.putIfAbsent(key, 1)) {
                    winners.incrementAndGet();
                }
                return true;
            });
        }
        assertThat(winners.get()).isEqualTo(20);
    }

    @Test
    void removeWithValue_racedByTwoNodes_removesOnce() throws Exception {
        Cache<String, Integer> a = cache("tokens");
        Cache<String, Integer> b = cache("tokens");
        AtomicInteger removed = new AtomicInteger();
        for (int r = 0; r < 20; r++) {
            String key = "token-" + r;
            a.put(key, r);
            int value = r;
            raceOnce(a, b, cache -> {
                if (cache.remove(key, value)) {
                    removed.incrementAndGet();
                }
                return true;
            });
            assertThat(b.containsKey(key)).isFalse();
        }
        assertThat(removed.get()).isEqualTo(20);
    }

    @Test
    void write_throughOneNode_isReadThroughTheOther() {
        Cache<String, Integer> a = cache("shared");
        Cache<String, Integer> b = cache("shared");
        a.put("k", 1);
        assertThat(b.get("k")).isEqualTo(1);
        b.put("k", 2);
        assertThat(a.get("k")).isEqualTo(2);
        a.remove("k");
        assertThat(b.get("k")).isNull();
        Map<String, Integer> many = new HashMap<>();
        for (int i = 0; i < 50; i++) {
            many.put("k" + i, i);
        }
        a.putAll(many);
        assertThat(b.getAll(many.keySet())).isEqualTo(many);
    }

    @Test
    void clearAndIteration_seeThisCacheOnly() {
        Cache<String, Integer> books = cache("books");
        Cache<String, Integer> films = cache("films");
        for (int i = 0; i < 30; i++) {
            books.put("b" + i, i);
            films.put("f" + i, i);
        }
        Set<String> listed = new HashSet<>();
        books.forEach(e -> listed.add(e.getKey()));
        assertThat(listed).hasSize(30).allMatch(k -> k.startsWith("b"));
        books.clear();
        assertThat(books.iterator().hasNext()).isFalse();
        assertThat(films.get("f7")).isEqualTo(7);
        Set<String> left = new HashSet<>();
        films.forEach(e -> left.add(e.getKey()));
        assertThat(left).hasSize(30);
    }

    private interface Work {
        boolean run(Cache<String, Integer> cache) throws Exception;
    }

    /** Every thread of both nodes runs {@code work} ROUNDS times, all starting together. */
    private static void race(Cache<String, Integer> a, Cache<String, Integer> b, Work work) throws Exception {
        runAll(a, b, cache -> {
            for (int i = 0; i < ROUNDS; i++) {
                work.run(cache);
            }
            return true;
        });
    }

    private static void raceOnce(Cache<String, Integer> a, Cache<String, Integer> b, Work work) throws Exception {
        runAll(a, b, work);
    }

    private static void runAll(Cache<String, Integer> a, Cache<String, Integer> b, Work work) throws Exception {
        int threads = 2 * THREADS_PER_NODE;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CyclicBarrier start = new CyclicBarrier(threads);
        try {
            List<Future<Boolean>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Cache<String, Integer> cache = t % 2 == 0 ? a : b;
                Callable<Boolean> task = () -> {
                    start.await(10, TimeUnit.SECONDS);
                    return work.run(cache);
                };
                done.add(pool.submit(task));
            }
            for (Future<Boolean> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
