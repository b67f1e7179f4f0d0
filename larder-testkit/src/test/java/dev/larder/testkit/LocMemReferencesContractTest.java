package dev.larder.testkit;

import dev.larder.CacheConfig;

/** The contract suite on local memory storing references (the fast path for immutable values). */
class LocMemReferencesContractTest extends CacheContract {
    @Override
    protected CacheConfig.Builder store(String name) {
        return CacheConfig.builder().backend("locmem").location(name).option("store-references", "true");
    }

    @Override
    protected boolean serializesValues() {
        return false;
    }
}
