package dev.larder.benchmarks;

import com.github.benmanes.caffeine.cache.Caffeine;
import dev.larder.Cache;
import dev.larder.CacheConfig;
import dev.larder.CacheRegistry;
import dev.larder.Timeout;
import java.time.Duration;
import java.util.Locale;
import org.openjdk.jol.info.GraphLayout;

/**
 * Retained bytes per entry, measured with JOL over the whole object graph: Larder's local
 * memory (references and copies) against raw Caffeine with the same bound and expiry, each
 * holding 10,000 entries of a 100-byte {@code byte[]} under the same keys. Each figure is the
 * filled structure minus the same structure empty, divided by the entry count. Keys and values
 * are counted too, since each store holds its own.
 */
public final class BytesPerEntry {
    private static final int BOUND = 20_000;

    private BytesPerEntry() {
    }

    public static void main(String[] args) {
        report("raw-caffeine", perEntry(BytesPerEntry::caffeine));
        report("larder-locmem-references", perEntry(n -> larder("jol-references", true, n)));
        report("larder-locmem-copies", perEntry(n -> larder("jol-copies", false, n)));
    }

    private static void report(String name, double bytes) {
        System.out.printf(Locale.ROOT, "bytes-per-entry %-26s %.1f%n", name, bytes);
    }

    private interface Store {
        Object filledWith(int entries);
    }

    private static double perEntry(Store store) {
        long empty = GraphLayout.parseInstance(store.filledWith(0)).totalSize();
        long full = GraphLayout.parseInstance(store.filledWith(Workload.LIVE_KEYS)).totalSize();
        return (double) (full - empty) / Workload.LIVE_KEYS;
    }

    private static Object caffeine(int entries) {
        com.github.benmanes.caffeine.cache.Cache<String, byte[]> cache = Caffeine.newBuilder().maximumSize(BOUND)
                .expireAfterWrite(Duration.ofHours(1)).executor(Runnable::run).build();
        for (int i = 0; i < entries; i++) {
            cache.put(Workload.key(i), Workload.bytesValue(i));
        }
        cache.cleanUp();
        return cache;
    }

    private static Object larder(String location, boolean references, int entries) {
        CacheRegistry registry = CacheRegistry.builder().cache("default", CacheConfig.builder()
                .backend("locmem").location(location + "-" + entries).timeout(Timeout.ofMinutes(60))
                .option("max-entries", Integer.toString(BOUND))
                .option("store-references", Boolean.toString(references)).build()).build();
        Cache cache = registry.defaultCache();
        for (int i = 0; i < entries; i++) {
            cache.set(Workload.key(i), Workload.bytesValue(i));
        }
        return cache;
    }
}
