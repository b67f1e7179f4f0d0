package dev.larder.jcache;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Serializable;
import java.net.URI;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.event.CacheEntryCreatedListener;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.CacheEntryRemovedListener;
import javax.cache.event.CacheEntryUpdatedListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Asynchronous listeners (the test kit registers synchronous ones only): off the caller's thread, in order. */
class AsyncListenerTest {
    static final List<String> SEEN = new CopyOnWriteArrayList<>();
    static volatile CountDownLatch done;
    static volatile Thread caller;

    private final LarderCachingProvider provider = new LarderCachingProvider();

    @AfterEach
    void close() {
        provider.close();
    }

    public static final class Recorder implements CacheEntryCreatedListener<String, Integer>,
            CacheEntryUpdatedListener<String, Integer>, CacheEntryRemovedListener<String, Integer>, Serializable {
        @Override
        public void onCreated(Iterable<CacheEntryEvent<? extends String, ? extends Integer>> events) {
            record(events);
        }

        @Override
        public void onUpdated(Iterable<CacheEntryEvent<? extends String, ? extends Integer>> events) {
            record(events);
        }

        @Override
        public void onRemoved(Iterable<CacheEntryEvent<? extends String, ? extends Integer>> events) {
            record(events);
        }

        private static void record(Iterable<CacheEntryEvent<? extends String, ? extends Integer>> events) {
            for (CacheEntryEvent<? extends String, ? extends Integer> e : events) {
                if (Thread.currentThread() == caller) {
                    SEEN.add("on the caller's thread");
                }
                SEEN.add(e.getEventType() + " " + e.getKey() + "=" + e.getValue() + " was " + e.getOldValue());
                done.countDown();
            }
        }
    }

    @Test
    void asynchronousListener_getsEveryEventInOrder_offTheCallersThread() throws Exception {
        Properties p = new Properties();
        p.setProperty("larder.caches.default.backend", "locmem");
        CacheManager manager = provider.getCacheManager(URI.create("larder:async"), getClass().getClassLoader(), p);
        MutableConfiguration<String, Integer> config = new MutableConfiguration<String, Integer>()
                .addCacheEntryListenerConfiguration(new MutableCacheEntryListenerConfiguration<>(
                        FactoryBuilder.factoryOf(Recorder.class), null, true, false));
        Cache<String, Integer> cache = manager.createCache("async", config);
        SEEN.clear();
        int updates = 200;
        done = new CountDownLatch(updates + 2);
        caller = Thread.currentThread();
        cache.put("k", 0);
        for (int i = 1; i <= updates; i++) {
            cache.put("k", i);
        }
        cache.remove("k");
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(SEEN).hasSize(updates + 2).doesNotContain("on the caller's thread");
        assertThat(SEEN.get(0)).isEqualTo("CREATED k=0 was null");
        for (int i = 1; i <= updates; i++) {
            assertThat(SEEN.get(i)).isEqualTo("UPDATED k=" + i + " was " + (i - 1));
        }
        assertThat(SEEN.get(updates + 1)).isEqualTo("REMOVED k=" + updates + " was " + updates);
    }
}
