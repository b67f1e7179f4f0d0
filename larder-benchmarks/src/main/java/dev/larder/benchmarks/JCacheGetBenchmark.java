package dev.larder.benchmarks;

import java.io.Serializable;
import java.net.URI;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.spi.CachingProvider;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * A JCache {@code get} that hits, through each provider's own {@code javax.cache.Cache}:
 * Larder's on local memory ({@code larder}), against Caffeine's JCache provider
 * ({@code caffeine}) and Ehcache 3's ({@code ehcache}). Every provider is named by class,
 * since with three on the class path {@code Caching.getCachingProvider()} cannot choose, and
 * every cache gets the same {@link MutableConfiguration}: store-by-value (the JSR-107 default),
 * eternal, statistics and management off, no loader, writer or listener. 10,000 keys are
 * filled before the run; {@code hit} reads 100-character {@code String} values,
 * {@code hitRecord} a small record, each provider copying values as store-by-value asks.
 *
 * <p>A {@code MutableConfiguration} has no bound, so Larder's and Caffeine's caches are unbounded;
 * {@code larder-bounded} and {@code caffeine-bounded} set the same bound of 20,000 entries, by
 * the template's {@code max-entries} and by Caffeine's
 * {@code caffeine.jcache.default.policy.maximum.size}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Threads(2)
@State(Scope.Benchmark)
public class JCacheGetBenchmark {
    private static final int BOUND = 20_000;

    @Param({"larder", "caffeine", "larder-bounded", "caffeine-bounded", "ehcache"})
    public String provider;

    private CachingProvider caching;
    private CacheManager manager;
    private Cache<String, String> strings;
    private Cache<String, Profile> records;

    @Setup(Level.Trial)
    public void fill() {
        if (provider.equals("caffeine-bounded")) {
            // Read by Caffeine's provider from the system properties when it makes its manager.
            System.setProperty("caffeine.jcache.default.policy.maximum.size", Integer.toString(BOUND));
        }
        caching = Caching.getCachingProvider(providerClass(provider));
        manager = provider.startsWith("larder")
                ? caching.getCacheManager(URI.create("larder:jcache-bench"), getClass().getClassLoader(),
                        larderConfig(provider.equals("larder-bounded")))
                : caching.getCacheManager();
        strings = manager.createCache("strings", configuration(String.class));
        records = manager.createCache("records", configuration(Profile.class));
        for (int i = 0; i < Workload.LIVE_KEYS; i++) {
            strings.put(Workload.key(i), Workload.stringValue(i));
            records.put(Workload.key(i), Profile.of(i));
        }
        if (provider.equals("caffeine-bounded") && strings.unwrap(com.github.benmanes.caffeine.cache.Cache.class)
                .policy().eviction().isEmpty()) {
            throw new IllegalStateException("Caffeine's JCache cache is not bounded");
        }
        String[] order = Workload.readOrder();
        for (String key : order) {
            if (strings.get(key) == null || records.get(key) == null) {
                throw new IllegalStateException(provider + " misses " + key + " after the fill");
            }
        }
    }

    static String providerClass(String name) {
        return switch (name) {
            case "larder", "larder-bounded" -> "dev.larder.jcache.LarderCachingProvider";
            case "caffeine", "caffeine-bounded" -> "com.github.benmanes.caffeine.jcache.spi.CaffeineCachingProvider";
            case "ehcache" -> "org.ehcache.jsr107.EhcacheCachingProvider";
            default -> throw new IllegalArgumentException("no JCache provider named " + name);
        };
    }

    /**
     * Larder's manager on local memory, copying values (its default), with the record allowed to
     * its serializer; bounded like {@code caffeine-bounded} when asked, else unbounded like a
     * JCache configuration and Caffeine's provider.
     */
    private static Properties larderConfig(boolean bounded) {
        Properties p = new Properties();
        p.setProperty("larder.caches.default.backend", "locmem");
        if (bounded) {
            p.setProperty("larder.caches.default.options.max-entries", Integer.toString(BOUND));
        }
        p.setProperty("larder.caches.default.options.allow-classes", Profile.class.getName());
        return p;
    }

    private static <V> MutableConfiguration<String, V> configuration(Class<V> values) {
        return new MutableConfiguration<String, V>().setTypes(String.class, values).setStoreByValue(true)
                .setStatisticsEnabled(false).setManagementEnabled(false);
    }

    @TearDown(Level.Trial)
    public void close() {
        manager.close();
        caching.close();
    }

    @Benchmark
    public String hit(KeyCursor cursor) {
        return strings.get(cursor.key());
    }

    @Benchmark
    public Profile hitRecord(KeyCursor cursor) {
        return records.get(cursor.key());
    }

    /** A user's profile: four fields, Serializable for the providers that copy through Java serialisation. */
    public record Profile(String name, String email, int visits, long lastSeen) implements Serializable {
        static Profile of(int i) {
            return new Profile("user " + i, "user" + i + "@example.com", i % 97, 1_700_000_000_000L + i);
        }
    }
}
