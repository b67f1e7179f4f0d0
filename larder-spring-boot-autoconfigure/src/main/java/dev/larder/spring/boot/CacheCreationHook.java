package dev.larder.spring.boot;

import dev.larder.spring.cache.LarderSpringCache;

/**
 * Told of each Spring cache the cache manager opens after start-up (a name first used at run
 * time), so that the metrics configuration can bind its meters: Boot's registrar binds only the
 * caches there are at start-up. A bean type of its own, free of Micrometer, so that the cache
 * manager's configuration loads without it.
 */
@FunctionalInterface
interface CacheCreationHook {
    void created(LarderSpringCache cache);
}
