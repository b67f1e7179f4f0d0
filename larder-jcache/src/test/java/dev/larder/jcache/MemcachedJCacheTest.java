package dev.larder.jcache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.larder.testkit.servers.MemcachedServers;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * JCache over Memcached: single-key operations are atomic across nodes (CAS and {@code add}),
 * but Memcached cannot list keys, so iteration and the calls built on it say so by name.
 */
class MemcachedJCacheTest {
    private static MemcachedServers memcached;

    @BeforeAll
    static void start() {
        memcached = MemcachedServers.start(1);
    }

    @AfterAll
    static void stop() {
        memcached.close();
    }

    private static CacheManager node() {
        Properties p = new Properties();
        p.setProperty("larder.caches.default.backend", "memcached");
        p.setProperty("larder.caches.default.location", memcached.location());
        p.setProperty("larder.caches.default.options.command-timeout", "5s");
        return SharedStores.node(p);
    }

    @Test
    void invoke_fromTwoNodes_losesNoIncrement() throws Exception {
        CacheManager one = node();
        CacheManager two = node();
        try {
            Cache<String, Integer> a = one.createCache("mc", new MutableConfiguration<>());
            Cache<String, Integer> b = two.createCache("mc", new MutableConfiguration<>());
            a.put("n", 0);
            List<Thread> threads = new ArrayList<>();
            for (Cache<String, Integer> c : List.of(a, b, a, b)) {
                Thread t = new Thread(() -> {
                    for (int i = 0; i < 100; i++) {
                        c.invoke("n", (entry, args) -> {
                            entry.setValue(entry.getValue() + 1);
                            return null;
                        });
                    }
                });
                t.start();
                threads.add(t);
            }
            for (Thread t : threads) {
                t.join();
            }
            assertThat(b.get("n")).isEqualTo(400);
        } finally {
            one.close();
            two.close();
        }
    }

    @Test
    void iterationAndClear_areRefusedNamingWhy() {
        CacheManager manager = node();
        try {
            Cache<String, Integer> cache = manager.createCache("unlisted", new MutableConfiguration<>());
            cache.put("k", 1);
            assertThatThrownBy(cache::iterator).isInstanceOf(UnsupportedOperationException.class)
                    .hasMessageContaining("cannot list its entries").hasMessageContaining("locmem, redis, jdbc");
            assertThatThrownBy(cache::clear).isInstanceOf(UnsupportedOperationException.class);
            assertThat(cache.get("k")).isEqualTo(1);
        } finally {
            manager.close();
        }
    }
}
