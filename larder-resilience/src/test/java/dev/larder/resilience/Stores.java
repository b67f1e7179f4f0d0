package dev.larder.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.larder.Cache;
import dev.larder.CacheBackendException;
import dev.larder.CacheConfig;
import dev.larder.CacheUnavailableException;

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
     * Calls {@code cache.get} on a failing store until its breaker refuses the call, and returns
     * the refusal; fails the test if more than {@code maxCalls} calls reach the store.
     */
    static CacheUnavailableException openBreaker(Cache cache, int maxCalls) {
        for (int i = 0; i < maxCalls; i++) {
            try {
                cache.get("probe");
                fail("call " + i + " reached a store that should be down");
            } catch (CacheUnavailableException e) {
                return e;
            } catch (CacheBackendException e) {
                // A store failure the breaker records.
            }
        }
        try {
            cache.get("probe");
        } catch (CacheUnavailableException e) {
            return e;
        }
        throw new AssertionError("the breaker did not open after " + maxCalls + " failed calls");
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
}
