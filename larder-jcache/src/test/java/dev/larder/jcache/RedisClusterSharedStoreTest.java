package dev.larder.jcache;

import dev.larder.testkit.servers.LarderServers;
import dev.larder.testkit.servers.RedisCluster;
import java.util.Properties;
import javax.cache.CacheManager;
import org.junit.jupiter.api.extension.ExtendWith;

/** Two JCache nodes over a six-node Redis Cluster: each entry's conditional write is one script on its slot. */
@ExtendWith(LarderServers.class)
class RedisClusterSharedStoreTest extends SharedStoreContract {
    private final RedisCluster cluster;

    RedisClusterSharedStoreTest(RedisCluster cluster) {
        this.cluster = cluster;
    }

    @Override
    CacheManager node() {
        Properties p = SharedStores.redis(cluster.location());
        p.setProperty("larder.caches.default.options.cluster", "true");
        return SharedStores.node(p);
    }
}
