package dev.larder.testkit;

import dev.larder.Cache;
import dev.larder.CacheConfig;
import dev.larder.Capabilities;
import dev.larder.testing.FakeClock;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;

/**
 * One group of the contract's tests, in a file of its own. {@link CacheContract} runs each
 * group as a {@code @Nested} class, so a backend's test still extends that one class, and hands
 * it a {@link Fixture}: the test's fresh cache, the clock and the backend's settings.
 */
abstract class ContractGroup {
    /** What a group sees of the contract running it. */
    interface Fixture {
        Cache cache();

        FakeClock clock();

        Cache newCache(UnaryOperator<CacheConfig.Builder> settings);

        Cache newCache(String name, UnaryOperator<CacheConfig.Builder> settings);

        void requireCacheClock();

        boolean serializesValues();

        int expectedSurvivors(int maxEntries, int cullFrequency);
    }

    /** The clock every cache made by {@link #newCache} uses. */
    final FakeClock clock;
    /** The fresh cache with the default settings that the contract made for this test. */
    Cache cache;
    private final Fixture contract;

    ContractGroup(Fixture contract) {
        this.contract = contract;
        this.clock = contract.clock();
    }

    /** Runs after the contract's own {@code @BeforeEach}, which made the cache. */
    @BeforeEach
    void takeTheTestsCache() {
        cache = contract.cache();
    }

    /** What the backend under test guarantees: its own word, so a test cannot claim more. */
    final Capabilities capabilities() {
        return cache.capabilities();
    }

    /** Skips a test that moves the fake clock when the server's clock decides expiry. */
    final void requireCacheClock() {
        contract.requireCacheClock();
    }

    /** Whether the cache serialises values ({@link CacheContract#serializesValues()}). */
    final boolean serializesValues() {
        return contract.serializesValues();
    }

    /** Survivors of Django's culling test ({@link CacheContract#expectedSurvivors}). */
    final int expectedSurvivors(int maxEntries, int cullFrequency) {
        return contract.expectedSurvivors(maxEntries, cullFrequency);
    }

    /** A cache over this test's store, with extra settings applied to the builder. */
    final Cache newCache(UnaryOperator<CacheConfig.Builder> settings) {
        return contract.newCache(settings);
    }

    /** A cache over the store {@code name}, with extra settings applied to the builder. */
    final Cache newCache(String name, UnaryOperator<CacheConfig.Builder> settings) {
        return contract.newCache(name, settings);
    }
}
