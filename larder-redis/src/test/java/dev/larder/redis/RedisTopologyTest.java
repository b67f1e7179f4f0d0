package dev.larder.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.Cache;
import dev.larder.CacheBackendException;
import dev.larder.CacheConfig;
import dev.larder.CacheRegistry;
import dev.larder.testkit.Await;
import dev.larder.testkit.servers.LarderServers;
import dev.larder.testkit.servers.RedisCluster;
import dev.larder.testkit.servers.RedisReplicaSet;
import dev.larder.testkit.servers.RedisSentinels;
import dev.larder.testkit.servers.RedisServer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Where commands go: replicas serve reads, a Cluster spreads keys over its primaries. */
@ExtendWith(LarderServers.class)
class RedisTopologyTest {
    private final String prefix = "topo" + UUID.randomUUID().toString().substring(0, 8);

    private CacheRegistry registry(String location, String... options) {
        CacheConfig.Builder b = CacheConfig.builder().backend("redis").location(location).keyPrefix(prefix);
        for (int i = 0; i < options.length; i += 2) {
            b.option(options[i], options[i + 1]);
        }
        return CacheRegistry.builder().cache("default", b.build()).build();
    }

    private static long calls(RedisServer server, String command) {
        String line = server.info("commandstats", "cmdstat_" + command);
        return line == null ? 0 : Long.parseLong(line.substring("calls=".length(), line.indexOf(',')));
    }

    @Test
    void replicas_serveReads_primaryTakesWrites(RedisReplicaSet servers) {
        try (CacheRegistry caches = registry(servers.location())) {
            Cache cache = caches.defaultCache();
            long primarySets = calls(servers.primary(), "set");
            long primaryGets = calls(servers.primary(), "getrange");
            long replicaGets = calls(servers.replica(), "getrange");
            cache.set("k", "v");
            servers.awaitReplication();
            for (int i = 0; i < 10; i++) {
                assertThat(cache.get("k")).isEqualTo("v");
            }
            assertThat(calls(servers.primary(), "set") - primarySets).isEqualTo(1);
            assertThat(calls(servers.replica(), "getrange") - replicaGets).isEqualTo(10);
            assertThat(calls(servers.primary(), "getrange") - primaryGets).isZero();
            assertThat(cache.toString()).contains("redis replicas");
        }
    }

    @Test
    void cluster_spreadsKeysOverEveryPrimary_andClearReachesThemAll(RedisCluster cluster) {
        try (CacheRegistry caches = registry(cluster.location(), "cluster", "true")) {
            Cache cache = caches.defaultCache();
            Map<String, Object> entries = new LinkedHashMap<>();
            for (int i = 0; i < 300; i++) {
                entries.put("key" + i, i);
            }
            assertThat(cache.setMany(entries)).isEmpty();
            assertThat(cluster.primaries()).hasSize(3);
            for (RedisServer primary : cluster.primaries()) {
                assertThat(countKeys(primary)).as("keys on " + primary).isPositive();
            }
            assertThat(cache.getMany(entries.keySet())).hasSize(300);
            assertThat(cache.incr("key7", 3)).isEqualTo(10);
            cache.deleteMany(entries.keySet().stream().limit(100).toList());
            assertThat(cache.getMany(entries.keySet())).hasSize(200);
            cache.clear();
            for (RedisServer primary : cluster.primaries()) {
                assertThat(countKeys(primary)).as("keys left on " + primary).isZero();
            }
        }
    }

    /**
     * A primary dies: its keys fail with {@code CacheBackendException} within the command
     * timeout while the other primaries' keys keep working, and once the Cluster has promoted
     * its replica the same cache finds the new primary by itself. A Cluster of its own, since
     * this one is broken on purpose.
     */
    @Test
    void cluster_primaryDies_othersKeepWorking_andItsSlotsComeBackAfterFailover() {
        try (RedisCluster cluster = RedisCluster.start();
             CacheRegistry caches = registry(cluster.location(), "cluster", "true", "command-timeout", "300ms")) {
            Cache cache = caches.defaultCache();
            Map<String, Object> entries = new LinkedHashMap<>();
            for (int i = 0; i < 60; i++) {
                entries.put("key" + i, i);
            }
            cache.setMany(entries);
            RedisServer victim = cluster.primaries().get(0);
            victim.kill();
            long killed = System.nanoTime();
            int failed = 0;
            int served = 0;
            for (String key : entries.keySet()) {
                long start = System.nanoTime();
                try {
                    cache.get(key);
                    served++;
                } catch (CacheBackendException e) {
                    failed++;
                }
                assertThat(Duration.ofNanos(System.nanoTime() - start)).as(key)
                        .isLessThan(Duration.ofMillis(1_000));
            }
            assertThat(failed).as("keys of the dead primary fail").isPositive();
            assertThat(served).as("keys of the live primaries are served").isPositive();

            Map<String, Object> read = Await.answer(Duration.ofSeconds(20), () -> "the cache after the failover; the"
                    + " Cluster says:\n" + survivor(cluster).cli("CLUSTER", "NODES"), () -> {
                        cache.setMany(entries);
                        return cache.getMany(entries.keySet());
                    });
            assertThat(read).hasSize(60);
            System.out.printf("cluster failover: every slot writable again %d ms after the primary died%n",
                    (System.nanoTime() - killed) / 1_000_000);
        }
    }

    private static RedisServer survivor(RedisCluster cluster) {
        return cluster.nodes().stream().filter(RedisServer::isRunning).findFirst().orElseThrow();
    }

    private long countKeys(RedisServer node) {
        return Long.parseLong(node.cli("EVAL", "return #redis.call('KEYS', ARGV[1])", "0", prefix + ":*"));
    }

    @Test
    void sentinel_findsThePrimary(RedisSentinels sentinels) {
        try (CacheRegistry caches = registry(sentinels.location())) {
            Cache cache = caches.defaultCache();
            cache.set("k", "through sentinel");
            assertThat(sentinels.primary().cli("GET", prefix + ":1:k")).endsWith("through sentinel");
            assertThat(cache.get("k")).isEqualTo("through sentinel");
            assertThat(cache.toString()).contains("redis sentinel");
        }
    }
}
