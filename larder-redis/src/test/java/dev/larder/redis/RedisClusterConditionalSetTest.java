package dev.larder.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.Cache;
import dev.larder.CacheConfig;
import dev.larder.CacheRegistry;
import dev.larder.Timeout;
import dev.larder.testkit.servers.LarderServers;
import dev.larder.testkit.servers.RedisCluster;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * On a Cluster, a conditional set whose keys share one slot (a key compared with itself, as the
 * JCache provider's entries are) is one script, so of many writers that read the same value,
 * exactly one wins, as on a single Redis.
 */
@ExtendWith(LarderServers.class)
class RedisClusterConditionalSetTest {
    private final RedisCluster cluster;

    RedisClusterConditionalSetTest(RedisCluster cluster) {
        this.cluster = cluster;
    }

    @Test
    void sameSlotConditionalSets_racing_exactlyOneWins() throws Exception {
        CacheConfig config = CacheConfig.builder().backend("redis").location(cluster.location())
                .option("cluster", "true").keyPrefix("cas-" + System.nanoTime()).build();
        try (CacheRegistry registry = CacheRegistry.builder().cache("default", config).build()) {
            Cache cache = registry.defaultCache();
            for (int round = 0; round < 20; round++) {
                String key = "k" + round;
                cache.set(key, "start", Timeout.NEVER);
                int threads = 6;
                CyclicBarrier start = new CyclicBarrier(threads);
                AtomicInteger winners = new AtomicInteger();
                List<Thread> running = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    String mine = "writer-" + t;
                    Thread thread = new Thread(() -> {
                        try {
                            start.await();
                            if (cache.setIfUnchanged(key, mine, Timeout.NEVER, Map.of(key, "start"))) {
                                winners.incrementAndGet();
                            }
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    });
                    thread.start();
                    running.add(thread);
                }
                for (Thread thread : running) {
                    thread.join(10_000);
                }
                assertThat(winners.get()).as("round %d", round).isEqualTo(1);
                assertThat((String) cache.get(key)).startsWith("writer-");
            }
        }
    }
}
