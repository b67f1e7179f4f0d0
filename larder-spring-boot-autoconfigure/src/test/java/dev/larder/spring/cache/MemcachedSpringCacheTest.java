package dev.larder.spring.cache;

import dev.larder.CacheConfig;
import dev.larder.testkit.servers.LarderServers;
import dev.larder.testkit.servers.MemcachedServers;
import org.junit.jupiter.api.extension.ExtendWith;

/** Spring's cache contract on real Memcached servers (three, with consistent hashing). */
@ExtendWith(LarderServers.class)
class MemcachedSpringCacheTest extends SpringCacheContract {
    private final MemcachedServers memcached;

    MemcachedSpringCacheTest(MemcachedServers memcached) {
        this.memcached = memcached;
    }

    @Override
    protected CacheConfig.Builder store() {
        return CacheConfig.builder().backend("memcached").location(memcached.location());
    }
}
