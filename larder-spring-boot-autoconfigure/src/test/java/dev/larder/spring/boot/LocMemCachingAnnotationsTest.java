package dev.larder.spring.boot;

/** Spring's caching annotations over local memory. */
class LocMemCachingAnnotationsTest extends CachingAnnotationsContract {
    @Override
    protected String[] backendProperties() {
        return new String[] { "larder.caches.default.backend=locmem", "larder.caches.default.location=annotations" };
    }
}
