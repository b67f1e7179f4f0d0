package dev.larder.spring.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * Function counters over one integration's stats record, read when the registry is scraped:
 * the shape every binder of this package shares.
 *
 * @param <S> what holds the counters (a page cache, a model cache)
 * @param <T> its stats record
 */
final class StatsCounters<S, T> {
    private final MeterRegistry registry;
    private final S source;
    private final Function<S, T> stats;
    private final Tags tags;

    StatsCounters(MeterRegistry registry, S source, Function<S, T> stats, Tags tags) {
        this.registry = registry;
        this.source = source;
        this.stats = stats;
        this.tags = tags;
    }

    /** A counter {@code name}, tagged {@code result=<result>} unless {@code result} is {@code null}. */
    void counter(String name, String result, String description, ToLongFunction<T> field) {
        FunctionCounter.builder(name, source, s -> field.applyAsLong(stats.apply(s)))
                .tags(result == null ? tags : tags.and("result", result))
                .description(description).register(registry);
    }
}
