package dev.larder.redis;

import dev.larder.CacheConfig;
import dev.larder.testkit.CacheContract;
import dev.larder.testkit.servers.LarderServers;
import dev.larder.testkit.servers.RedisCluster;
import org.junit.jupiter.api.extension.ExtendWith;

/** The contract suite on a six-node Redis Cluster: every key operation and bulk call across slots. */
@ExtendWith(LarderServers.class)
class RedisClusterContractTest extends CacheContract {
    private final RedisCluster cluster;

    RedisClusterContractTest(RedisCluster cluster) {
        this.cluster = cluster;
    }

    @Override
    protected CacheConfig.Builder store(String name) {
        return CacheConfig.builder().backend("redis").location(cluster.location()).option("cluster", "true");
    }
}
