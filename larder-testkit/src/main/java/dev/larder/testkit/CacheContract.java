package dev.larder.testkit;

import static org.assertj.core.api.Assumptions.assumeThat;

import dev.larder.Cache;
import dev.larder.CacheConfig;
import dev.larder.CacheRegistry;
import dev.larder.Capabilities;
import dev.larder.testing.FakeClock;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;

/**
 * The behaviour every storing backend owes (Django's {@code BaseCacheTests}). A backend's test
 * extends this class and says how to configure a fresh, empty store and what the backend
 * {@linkplain #capabilities() guarantees}; the groups then run against it, each a
 * {@code @Nested} class here whose tests live in a file of their own: basic operations,
 * getOrSet, its load policy, conditional set, listing keys, values, expiry, bulk, versioning, prefix and
 * key function, culling, incr and concurrency, serialization, bad input, value size.
 *
 * <pre>{@code
 * class LocMemContractTest extends CacheContract {
 *     protected CacheConfig.Builder store(String name) {
 *         return CacheConfig.builder().backend("locmem").location(name);
 *     }
 * }
 * }</pre>
 *
 * <p>Time moves by {@link #clock}, never by sleeping, except in the one real-time expiry test
 * that runs for a backend whose server keeps the time. Tests that need a guarantee the backend
 * does not give, by its own {@link Cache#capabilities()}, are skipped, and say so.
 */
public abstract class CacheContract {
    /** The clock every cache made by {@link #newCache} uses. */
    protected final FakeClock clock = new FakeClock();
    /** A fresh cache with the default settings, made before each test. */
    protected Cache cache;
    private final List<CacheRegistry> registries = new ArrayList<>();
    private String storeName;
    /** What the groups see of this contract: its cache, clock and settings, never the contract itself. */
    private final ContractGroup.Fixture fixture = new ContractGroup.Fixture() {
        @Override
        public Cache cache() {
            return cache;
        }

        @Override
        public FakeClock clock() {
            return clock;
        }

        @Override
        public Cache newCache(UnaryOperator<CacheConfig.Builder> settings) {
            return CacheContract.this.newCache(settings);
        }

        @Override
        public Cache newCache(String name, UnaryOperator<CacheConfig.Builder> settings) {
            return CacheContract.this.newCache(name, settings);
        }

        @Override
        public void requireCacheClock() {
            CacheContract.this.requireCacheClock();
        }

        @Override
        public boolean serializesValues() {
            return CacheContract.this.serializesValues();
        }

        @Override
        public int expectedSurvivors(int maxEntries, int cullFrequency) {
            return CacheContract.this.expectedSurvivors(maxEntries, cullFrequency);
        }
    };

    /**
     * A config builder for a fresh store named {@code name}, with its backend and location set
     * and nothing else. The same name must give the same store (for prefix tests); different
     * names, different stores.
     */
    protected abstract CacheConfig.Builder store(String name);

    /** What the backend under test guarantees: its own word, so a test cannot claim more. */
    protected final Capabilities capabilities() {
        return cache.capabilities();
    }

    /** Skips a test that moves the fake clock when the server's clock decides expiry. */
    protected final void requireCacheClock() {
        assumeThat(capabilities().serverClock())
                .as("expiry is measured by the server's clock, which a FakeClock cannot move;"
                        + " the real-time expiry test and the backend's own TTL tests cover it")
                .isFalse();
    }

    /**
     * Whether the cache serialises values, so that reads return copies and unserialisable values
     * fail at {@code set}. False only for local memory's {@code store-references} mode.
     */
    protected boolean serializesValues() {
        return true;
    }

    @BeforeEach
    void createCache() {
        storeName = "contract-" + UUID.randomUUID();
        cache = newCache(b -> b);
    }

    @AfterEach
    void closeCaches() {
        for (CacheRegistry r : registries) {
            try {
                r.defaultCache().clear();
            } catch (IllegalStateException closedByTheTest) {
                // The test closed it, after clearing what it wrote.
            }
            r.close();
        }
        registries.clear();
    }

    /** A cache over this test's store, with extra settings applied to the builder. */
    protected Cache newCache(UnaryOperator<CacheConfig.Builder> settings) {
        return newCache(storeName, settings);
    }

    /** A cache over the store {@code name}, with extra settings applied to the builder. */
    protected Cache newCache(String name, UnaryOperator<CacheConfig.Builder> settings) {
        CacheRegistry registry = CacheRegistry.builder()
                .clock(clock)
                .cache(CacheRegistry.DEFAULT_ALIAS, settings.apply(store(name)).build())
                .build();
        registries.add(registry);
        return registry.defaultCache();
    }

    /** Serialisable value type of the test's own, allowed through {@code allow-classes}. */
    public record Point(int x, int y) implements Serializable {
    }

    /** A value the default serializer refuses: not serialisable at all. */
    public static final class Opaque {
    }

    @Nested
    class BasicOperations extends BasicOperationsContract {
        BasicOperations() {
            super(CacheContract.this.fixture);
        }
    }

    @Nested
    class GetOrSet extends GetOrSetContract {
        GetOrSet() {
            super(CacheContract.this.fixture);
        }
    }

    @Nested
    class LoadPolicy extends LoadPolicyContract {
        LoadPolicy() {
            super(CacheContract.this.fixture);
        }
    }

    @Nested
    class ConditionalSet extends ConditionalSetContract {
        ConditionalSet() {
            super(CacheContract.this.fixture);
        }
    }

    @Nested
    class Keys extends KeysContract {
        Keys() {
            super(CacheContract.this.fixture);
        }
    }

    @Nested
    class Values extends ValuesContract {
        Values() {
            super(CacheContract.this.fixture);
        }
    }

    @Nested
    class Expiry extends ExpiryContract {
        Expiry() {
            super(CacheContract.this.fixture);
        }
    }

    @Nested
    class Bulk extends BulkContract {
        Bulk() {
            super(CacheContract.this.fixture);
        }
    }

    @Nested
    class Versioning extends VersioningContract {
        Versioning() {
            super(CacheContract.this.fixture);
        }
    }

    @Nested
    class PrefixAndKeyFunction extends PrefixAndKeyFunctionContract {
        PrefixAndKeyFunction() {
            super(CacheContract.this.fixture);
        }
    }

    @Nested
    class Culling extends CullingContract {
        Culling() {
            super(CacheContract.this.fixture);
        }
    }

    @Nested
    class IncrAndConcurrency extends IncrAndConcurrencyContract {
        IncrAndConcurrency() {
            super(CacheContract.this.fixture);
        }
    }

    @Nested
    class Serialization extends SerializationContract {
        Serialization() {
            super(CacheContract.this.fixture);
        }
    }

    @Nested
    class BadInput extends BadInputContract {
        BadInput() {
            super(CacheContract.this.fixture);
        }
    }

    @Nested
    class ValueSize extends ValueSizeContract {
        ValueSize() {
            super(CacheContract.this.fixture);
        }
    }

    /** Survivors of Django's test: max-entries 30, keys 1..49 set; 29 and 19 for file and locmem. */
    protected int expectedSurvivors(int maxEntries, int cullFrequency) {
        return cullFrequency == 0 ? 19 : 29;
    }

    /** Runs {@code task} on {@code threads} threads released at once; returns their results. */
    protected static <T> List<T> race(int threads, IntTask<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                int id = i;
                futures.add(pool.submit(() -> {
                    await(start);
                    return task.run(id);
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get(30, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    /** A task given the index of the thread running it. */
    @FunctionalInterface
    protected interface IntTask<T> {
        T run(int thread) throws Exception;
    }

    static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("latch not released within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
