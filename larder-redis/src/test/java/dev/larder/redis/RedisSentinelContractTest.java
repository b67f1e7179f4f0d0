package dev.larder.redis;

import dev.larder.CacheConfig;
import dev.larder.testkit.CacheContract;
import dev.larder.testkit.servers.LarderServers;
import dev.larder.testkit.servers.RedisSentinels;
import org.junit.jupiter.api.extension.ExtendWith;

/** The contract suite on a primary found through Sentinel. */
@ExtendWith(LarderServers.class)
class RedisSentinelContractTest extends CacheContract {
    private final RedisSentinels sentinels;

    RedisSentinelContractTest(RedisSentinels sentinels) {
        this.sentinels = sentinels;
    }

    @Override
    protected CacheConfig.Builder store(String name) {
        return CacheConfig.builder().backend("redis").location(sentinels.location());
    }
}
