package dev.larder.testkit;

import dev.larder.CacheConfig;

/** The contract suite on the local-memory backend, copying values (the default). */
class LocMemContractTest extends CacheContract {
    @Override
    protected CacheConfig.Builder store(String name) {
        return CacheConfig.builder().backend("locmem").location(name);
    }
}
