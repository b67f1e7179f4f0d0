package dev.larder.spring.boot;

import dev.larder.spring.cache.LarderCacheMeterBinder;
import dev.larder.spring.cache.LarderSpringCache;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.boot.cache.metrics.CacheMeterBinderProvider;

/** Lets Boot's {@code CacheMetricsRegistrar} bind Larder's Spring caches ({@link LarderCacheMeterBinder}). */
public class LarderCacheMeterBinderProvider implements CacheMeterBinderProvider<LarderSpringCache> {

    @Override
    public MeterBinder getMeterBinder(LarderSpringCache cache, Iterable<Tag> tags) {
        return new LarderCacheMeterBinder(cache, tags);
    }
}
