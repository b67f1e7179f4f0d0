package dev.larder.spring.cache;

import dev.larder.spring.cache.Tallies.Operation;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.cache.CacheMeterBinder;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Micrometer's cache meters for a {@link LarderSpringCache}, under Micrometer's conventions:
 * {@code cache.gets{result=hit|miss}} (every lookup: {@code get}, loading {@code get},
 * {@code retrieve}), {@code cache.puts}, {@code cache.removals} (evictions that removed an
 * entry) and {@code cache.evictions} (entries the Larder cache dropped to stay in its bounds,
 * from its {@code CacheStats}); no {@code cache.size}, which would ask the server. Then Larder's
 * own: {@code larder.cache.errors} (entries that did not decode, from {@code CacheStats}),
 * {@code larder.cache.fail.open{kind=incidents|calls}} and the function timers
 * {@code larder.cache.latency{operation=get|put|evict}} (count and total time); and for a Redis
 * cache with a near cache, {@code larder.cache.near{kind=local.hits|local.fills|invalidations|flushes}}
 * (from {@code CacheStats}). Every meter
 * has the {@code cache} tag and the tags given (Boot adds {@code cache.manager}).
 *
 * <p>The Larder statistics are the Larder cache's, shared with anything else using its alias.
 */
public final class LarderCacheMeterBinder extends CacheMeterBinder<LarderSpringCache> {

    public LarderCacheMeterBinder(LarderSpringCache cache, Iterable<Tag> tags) {
        super(cache, cache.getName(), tags);
    }

    @Override
    protected Long size() {
        return null;
    }

    @Override
    protected long hitCount() {
        return getCache().tallies().hits.sum();
    }

    @Override
    protected Long missCount() {
        return getCache().tallies().misses.sum();
    }

    @Override
    protected Long evictionCount() {
        return getCache().getNativeCache().stats().evictions();
    }

    @Override
    protected long putCount() {
        return getCache().tallies().puts.sum();
    }

    @Override
    protected void bindImplementationSpecificMetrics(MeterRegistry registry) {
        LarderSpringCache cache = getCache();
        FunctionCounter.builder("cache.removals", cache, c -> c.tallies().removals.sum())
                .tags(getTagsWithCacheName()).description("Entries removed by evict").register(registry);
        FunctionCounter.builder("larder.cache.errors", cache, c -> c.getNativeCache().stats().errors())
                .tags(getTagsWithCacheName()).description("Stored entries that did not decode (read as misses)")
                .register(registry);
        FunctionCounter.builder("larder.cache.fail.open", cache, LarderSpringCache::failOpenIncidents)
                .tags(getTagsWithCacheName()).tag("kind", "incidents")
                .description("Runs of backend failures, each ended by a success").register(registry);
        FunctionCounter.builder("larder.cache.fail.open", cache, LarderSpringCache::failOpenCalls)
                .tags(getTagsWithCacheName()).tag("kind", "calls")
                .description("Calls that failed open: a miss or a skipped write").register(registry);
        if (cache.getNativeCache().capabilities().nearCache()) {
            near(registry, cache, "local.hits", "Reads the near cache served from this process's memory",
                    dev.larder.CacheStats::localHits);
            near(registry, cache, "local.fills", "Entries the near cache kept after reading them from Redis",
                    dev.larder.CacheStats::localFills);
            near(registry, cache, "invalidations", "Keys Redis said had changed", dev.larder.CacheStats::invalidations);
            near(registry, cache, "flushes", "Times the near cache dropped every entry (lost connection, topology"
                    + " change, FLUSHDB, clear)", dev.larder.CacheStats::flushes);
        }
        for (Operation op : Operation.values()) {
            FunctionTimer.builder("larder.cache.latency", cache.tallies(), t -> t.count(op),
                            t -> t.totalNanos(op), TimeUnit.NANOSECONDS)
                    .tags(getTagsWithCacheName()).tag("operation", op.name().toLowerCase(Locale.ROOT))
                    .description("Time spent in the Larder cache per operation").register(registry);
        }
    }

    private void near(MeterRegistry registry, LarderSpringCache cache, String kind, String description,
                      java.util.function.ToLongFunction<dev.larder.CacheStats> counter) {
        FunctionCounter.builder("larder.cache.near", cache, c -> counter.applyAsLong(c.getNativeCache().stats()))
                .tags(getTagsWithCacheName()).tag("kind", kind).description(description).register(registry);
    }
}
