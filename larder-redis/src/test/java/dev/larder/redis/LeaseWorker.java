package dev.larder.redis;

import dev.larder.Cache;
import dev.larder.CacheConfig;
import dev.larder.CacheRegistry;
import dev.larder.testkit.Stampede;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One process of {@link RedisLoadPolicyTest}'s race: once connected it prints {@code ready},
 * waits for the test to store the start time (epoch millis) under {@code start}, and then many
 * threads call {@code getOrSet} for one cold key on a cache with a lease; the loader counts its
 * runs in the store. Prints {@code early=<ms before the start> results=<n> distinct=<values>}
 * and exits 0.
 *
 * <p>Arguments: the Redis URI, the key, the number of threads.
 */
public final class LeaseWorker {
    private LeaseWorker() {
    }

    public static void main(String[] args) throws Exception {
        CacheConfig config = CacheConfig.builder().backend("redis").location(args[0]).keyPrefix("race")
                .option("command-timeout", "2s").lease(Duration.ofSeconds(10)).build();
        try (CacheRegistry caches = CacheRegistry.builder().cache("default", config).build()) {
            Cache cache = caches.defaultCache();
            System.out.println("ready");
            long start = Stampede.awaitStart(cache);
            long early = start - System.currentTimeMillis();
            List<Object> results = Stampede.race(cache, args[1], Integer.parseInt(args[2]), start);
            Set<Object> distinct = new HashSet<>(results);
            System.out.println("early=" + early + " results=" + results.size() + " distinct=" + distinct);
        }
    }
}
