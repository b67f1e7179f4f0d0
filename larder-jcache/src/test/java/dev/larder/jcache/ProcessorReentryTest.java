package dev.larder.jcache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Properties;
import javax.cache.Cache;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.processor.EntryProcessorException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** An entry processor may write other keys, but not call the cache on the key it is processing. */
class ProcessorReentryTest {
    private final LarderCachingProvider provider = new LarderCachingProvider();

    @AfterEach
    void close() {
        provider.close();
    }

    private Cache<String, Integer> cache() {
        Properties p = new Properties();
        p.setProperty("larder.caches.default.backend", "locmem");
        return provider.getCacheManager(URI.create("larder:reentry"), getClass().getClassLoader(), p)
                .createCache("c", new MutableConfiguration<>());
    }

    @Test
    void processorWritingItsOwnKeyThroughTheCache_isRefusedAndChangesNothing() {
        Cache<String, Integer> cache = cache();
        cache.put("k", 1);
        assertThatThrownBy(() -> cache.invoke("k", (entry, args) -> {
            cache.put("k", 99);
            entry.setValue(2);
            return null;
        })).isInstanceOf(EntryProcessorException.class).hasRootCauseInstanceOf(IllegalStateException.class)
                .rootCause().hasMessageContaining("the key it is processing");
        assertThat(cache.get("k")).isEqualTo(1);
    }

    @Test
    void processorsWritingEachOthersKeys_fromTwoThreads_doNotDeadlock() throws Exception {
        Cache<String, Integer> cache = cache();
        cache.put("a", 0);
        cache.put("b", 0);
        Runnable ab = () -> {
            for (int i = 0; i < 200; i++) {
                cache.invoke("a", (entry, args) -> {
                    cache.put("x" + (entry.getValue() % 7), 1);
                    entry.setValue(entry.getValue() + 1);
                    return null;
                });
            }
        };
        Runnable ba = () -> {
            for (int i = 0; i < 200; i++) {
                cache.invoke("b", (entry, args) -> {
                    cache.put("y" + (entry.getValue() % 7), 1);
                    entry.setValue(entry.getValue() + 1);
                    return null;
                });
            }
        };
        Thread one = new Thread(ab);
        Thread two = new Thread(ba);
        one.start();
        two.start();
        one.join(20_000);
        two.join(20_000);
        assertThat(one.isAlive() || two.isAlive()).isFalse();
        assertThat(cache.get("a")).isEqualTo(200);
        assertThat(cache.get("b")).isEqualTo(200);
    }
}
