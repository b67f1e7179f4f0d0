package dev.larder.redis;

import dev.larder.CacheConfig;
import dev.larder.testkit.CacheContract;
import dev.larder.testkit.servers.LarderServers;
import dev.larder.testkit.servers.RedisReplicaSet;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The contract suite on a primary and a replica, reads going to the replica. Each write waits
 * for the replica ({@code wait-for-replicas=1}), since the contract reads its own writes.
 */
@ExtendWith(LarderServers.class)
class RedisReplicasContractTest extends CacheContract {
    private final RedisReplicaSet servers;

    RedisReplicasContractTest(RedisReplicaSet servers) {
        this.servers = servers;
    }

    @Override
    protected CacheConfig.Builder store(String name) {
        return CacheConfig.builder().backend("redis").location(servers.location()).option("wait-for-replicas", "1");
    }
}
