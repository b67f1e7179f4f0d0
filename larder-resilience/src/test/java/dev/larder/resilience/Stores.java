package dev.larder.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.larder.Cache;
import dev.larder.CacheBackendException;
import dev.larder.CacheConfig;
import dev.larder.CacheUnavailableException;
import dev.larder.testkit.Await;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/** Configurations and helpers the breaker tests share. */
final class Stores {
    private Stores() {
    }

    /** A cache config of this backend and location, with options given as name, value pairs. */
    static CacheConfig config(String backend, String location, String... options) {
        CacheConfig.Builder b = CacheConfig.builder().backend(backend).location(location);
        for (int i = 0; i < options.length; i += 2) {
            b.option(options[i], options[i + 1]);
        }
        return b.build();
    }

    /**
     * Calls {@code cache.get} on a failing store until its breaker refuses a call after at least
     * one reached the store, and returns that refusal. A breaker that is still open from before
     * is waited out (up to 5 s). Fails the test if more than {@code maxCalls} calls reach the store.
     */
    static CacheUnavailableException openBreaker(Cache cache, int maxCalls) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        int reached = 0;
        while (true) {
            try {
                cache.get("probe");
                fail("a call reached a store that should be down, and it answered");
            } catch (CacheUnavailableException e) {
                if (reached > 0) {
                    return e;
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the breaker stayed open for 5 s", e);
                }
                LockSupport.parkNanos(1_000_000);
            } catch (CacheBackendException e) {
                if (++reached > maxCalls) {
                    throw new AssertionError("the breaker did not open after " + maxCalls + " failed calls", e);
                }
            }
        }
    }

    /** The breaker's state as {@code inspect()} reports it, or null when the backend has no breaker. */
    static String state(Cache cache) {
        return cache.inspect().get("circuit-breaker.state");
    }

    /** Average nanoseconds per refused {@code get}, over {@code calls} calls, each one refused. */
    static long averageRefusalNanos(Cache cache, int calls) {
        long start = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            try {
                cache.get("k");
                fail("an open breaker let a call through");
            } catch (CacheUnavailableException e) {
                assertThat(e.alias()).isEqualTo(cache.alias());
            }
        }
        return (System.nanoTime() - start) / calls;
    }

    /**
     * From a server's return: writes and reads until the value comes back (at most 10 s), then
     * checks that took under 5 s and that the breaker closed.
     */
    static void assertCachingResumesWithinFiveSeconds(Cache cache) {
        long back = System.nanoTime();
        Object stored = Await.answer(Duration.ofSeconds(10), () -> {
            cache.set("k", "again");
            return cache.get("k");
        });
        assertThat(stored).isEqualTo("again");
        assertThat(Duration.ofNanos(System.nanoTime() - back)).isLessThan(Duration.ofSeconds(5));
        cache.get("k");
        assertThat(state(cache)).isEqualTo("CLOSED");
    }
}
