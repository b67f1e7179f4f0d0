package dev.larder.spring.metrics;

import dev.larder.hibernate.ModelCache;
import dev.larder.hibernate.ModelCacheStats;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Binds one Hibernate {@link ModelCache}'s counters, each read from
 * {@link ModelCache#stats()} when the registry is scraped, tagged
 * {@code cache=<alias of the cache it stores in>}:
 *
 * <table>
 *   <caption>Model cache meters</caption>
 *   <tr><th>meter</th><th>tags</th><th>counts</th></tr>
 *   <tr><td>{@code larder.model.reads}</td><td>{@code result=hit}</td><td>reads answered from the cache, every recorded stamp current</td></tr>
 *   <tr><td></td><td>{@code result=miss}</td><td>reads that went to the database (absent, stale or undecodable entries)</td></tr>
 *   <tr><td></td><td>{@code result=bypass}</td><td>reads in a session with its own pending writes, answered by that session</td></tr>
 *   <tr><td>{@code larder.model.fills}</td><td>{@code result=stored}</td><td>loaded entries written to the cache</td></tr>
 *   <tr><td></td><td>{@code result=refused}</td><td>loads not written: a writer moved a stamp meanwhile, or the graph cannot be cached</td></tr>
 *   <tr><td>{@code larder.model.invalidations}</td><td></td><td>stamps moved by writes and explicit invalidation</td></tr>
 *   <tr><td>{@code larder.model.errors}</td><td></td><td>cache calls that failed; each read went to the database</td></tr>
 * </table>
 *
 * <pre>{@code
 * new ModelCacheMetrics(ModelCache.of(sessionFactory)).bindTo(registry);
 * }</pre>
 */
public final class ModelCacheMetrics implements MeterBinder {
    private final ModelCache models;

    public ModelCacheMetrics(ModelCache models) {
        this.models = models;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        StatsCounters<ModelCache, ModelCacheStats> c = new StatsCounters<>(registry, models, ModelCache::stats,
                Tags.of("cache", models.cache().alias()));
        c.counter("larder.model.reads", "hit", "Model reads answered from the cache", ModelCacheStats::hits);
        c.counter("larder.model.reads", "miss", "Model reads that went to the database", ModelCacheStats::misses);
        c.counter("larder.model.reads", "bypass", "Model reads answered by a session with its own writes",
                ModelCacheStats::bypassed);
        c.counter("larder.model.fills", "stored", "Loaded model entries stored", ModelCacheStats::stored);
        c.counter("larder.model.fills", "refused", "Loaded model entries not stored (stamps moved, or not cacheable)",
                ModelCacheStats::notStored);
        c.counter("larder.model.invalidations", null, "Model stamps moved by writes and invalidation",
                ModelCacheStats::invalidations);
        c.counter("larder.model.errors", null, "Model cache calls that failed (read from the database)",
                ModelCacheStats::errors);
    }
}
