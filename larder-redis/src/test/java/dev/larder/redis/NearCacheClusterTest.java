package dev.larder.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.Cache;
import dev.larder.CacheConfig;
import dev.larder.CacheRegistry;
import dev.larder.testkit.Await;
import dev.larder.testkit.servers.RedisCluster;
import dev.larder.testkit.servers.RedisServer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * The near cache on a Redis Cluster: one tracking connection per primary, every primary's keys
 * invalidated, and tracking that follows a failover: the dead primary's connection flushes the
 * local tier, and once the replica is promoted a tracker is armed on it, with nothing stale
 * served at any point after the invalidation could have arrived. A Cluster of its own, since it
 * is broken on purpose.
 */
class NearCacheClusterTest {

    private static CacheRegistry node(RedisCluster cluster, boolean near) {
        CacheConfig.Builder b = CacheConfig.builder().backend("redis").location(cluster.location()).keyPrefix("app")
                .option("cluster", "true").option("command-timeout", "300ms");
        if (near) {
            b.option("near-cache.enabled", "true").option("near-cache.heartbeat", "200ms");
        }
        return CacheRegistry.builder().cache("default", b.build()).build();
    }

    private static void until(String what, int seconds, BooleanSupplier condition) {
        Await.until(Duration.ofSeconds(seconds), what, condition);
    }

    private static long trackers(Cache cache) {
        return cache.inspect().entrySet().stream()
                .filter(e -> e.getKey().startsWith("near cache 127.0.0.1:") && e.getValue().equals("tracking")).count();
    }

    @Test
    void everyPrimaryIsTracked_andTrackingFollowsAFailover() throws Exception {
        try (RedisCluster cluster = RedisCluster.start();
             CacheRegistry writerNode = node(cluster, false); CacheRegistry readerNode = node(cluster, true)) {
            Cache writer = writerNode.defaultCache();
            Cache reader = readerNode.defaultCache();
            assertThat(trackers(reader)).as("one armed tracker per primary").isEqualTo(3);
            Map<String, Object> entries = new LinkedHashMap<>();
            for (int i = 0; i < 60; i++) {
                entries.put("key" + i, "v1-" + i);
            }
            writer.setMany(entries);
            assertThat(reader.getMany(entries.keySet())).isEqualTo(entries);
            long hits = reader.stats().localHits();
            assertThat(reader.getMany(entries.keySet())).isEqualTo(entries);
            assertThat(reader.stats().localHits()).as("keys of every primary served locally").isEqualTo(hits + 60);

            // Every primary's keys are invalidated.
            long invalidations = reader.stats().invalidations();
            entries.replaceAll((k, v) -> "v2-" + k);
            writer.setMany(entries);
            until("60 invalidations", 5, () -> reader.stats().invalidations() >= invalidations + 60);
            assertThat(reader.getMany(entries.keySet())).isEqualTo(entries);

            long flushes = reader.stats().flushes();
            RedisServer victim = cluster.primaries().get(0);
            victim.kill();
            until("the flush", 5, () -> reader.stats().flushes() > flushes);

            // Written once the Cluster has promoted the replica: no node of the reader saw these reads.
            entries.replaceAll((k, v) -> "v3-" + k);
            Await.answer(Duration.ofSeconds(30), () -> {
                writer.setMany(entries);
                return writer.getMany(entries.keySet()).size() == 60 ? true : fail();
            });
            Map<String, Object> read = Await.answer(Duration.ofSeconds(10), () -> reader.getMany(entries.keySet()));
            assertThat(read).isEqualTo(entries);
            try {
                until("a tracker on the promoted replica", 30, () -> trackers(reader) == 3);
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + ": " + reader.inspect(), e);
            }

            // Tracking works on the new primary too: local hits, then invalidations.
            reader.getMany(entries.keySet());
            hits = reader.stats().localHits();
            assertThat(reader.getMany(entries.keySet())).isEqualTo(entries);
            assertThat(reader.stats().localHits()).isEqualTo(hits + 60);
            entries.replaceAll((k, v) -> "v4-" + k);
            writer.setMany(entries);
            until("the new values on every key", 5, () -> reader.getMany(entries.keySet()).equals(entries));
        }
    }

    private static boolean fail() {
        throw new dev.larder.CacheBackendException("not every key written yet", null);
    }
}
