package dev.larder.memcached;

import dev.larder.CacheConfig;
import dev.larder.testkit.CacheContract;
import dev.larder.testkit.servers.LarderServers;
import dev.larder.testkit.servers.MemcachedServers;
import org.junit.jupiter.api.extension.ExtendWith;

/** The contract suite on a pool of three Memcached servers. */
@ExtendWith(LarderServers.class)
class MemcachedContractTest extends CacheContract {
    private final MemcachedServers servers;

    MemcachedContractTest(MemcachedServers servers) {
        this.servers = servers;
    }

    @Override
    protected CacheConfig.Builder store(String name) {
        return CacheConfig.builder().backend("memcached").location(servers.location());
    }
}
