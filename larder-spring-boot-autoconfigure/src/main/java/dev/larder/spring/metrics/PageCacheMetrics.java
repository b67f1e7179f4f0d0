package dev.larder.spring.metrics;

import dev.larder.servlet.PageCache;
import dev.larder.servlet.PageCacheStats;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.function.ToLongFunction;

/**
 * Binds one {@link PageCache}'s counters, each read from {@link PageCache#stats()} when the
 * registry is scraped, tagged {@code cache=<alias of the cache it stores in>}:
 *
 * <table>
 *   <caption>Page cache meters</caption>
 *   <tr><th>meter</th><th>tags</th><th>counts</th></tr>
 *   <tr><td>{@code larder.page.requests}</td><td>{@code result=hit}</td><td>requests answered from a stored page (200, 304 or 412)</td></tr>
 *   <tr><td></td><td>{@code result=miss}</td><td>requests looked up, not found, and rendered</td></tr>
 *   <tr><td></td><td>{@code result=bypass}</td><td>requests not looked up (not GET or HEAD), or rendered without the cache because it failed</td></tr>
 *   <tr><td>{@code larder.page.collapsed}</td><td></td><td>hits that waited for another request rendering the same page (a part of {@code result=hit})</td></tr>
 *   <tr><td>{@code larder.page.stores}</td><td>{@code result=stored}</td><td>rendered pages written to the cache</td></tr>
 *   <tr><td></td><td>{@code result=refused}</td><td>rendered pages the storage rules kept out (private, no-store, Set-Cookie, ...)</td></tr>
 *   <tr><td>{@code larder.page.errors}</td><td></td><td>cache calls that failed; each request was served without the cache</td></tr>
 * </table>
 *
 * <pre>{@code
 * new PageCacheMetrics(pages).bindTo(registry);
 * }</pre>
 */
public final class PageCacheMetrics implements MeterBinder {
    private final PageCache pages;

    public PageCacheMetrics(PageCache pages) {
        this.pages = pages;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Tags tags = Tags.of("cache", pages.cache().alias());
        counter(registry, "larder.page.requests", tags.and("result", "hit"), "Page requests answered from the cache",
                PageCacheStats::hits);
        counter(registry, "larder.page.requests", tags.and("result", "miss"), "Page requests looked up and not found",
                PageCacheStats::misses);
        counter(registry, "larder.page.requests", tags.and("result", "bypass"), "Page requests served without a lookup",
                PageCacheStats::bypasses);
        counter(registry, "larder.page.collapsed", tags, "Hits that waited for another request's rendering",
                PageCacheStats::collapsed);
        counter(registry, "larder.page.stores", tags.and("result", "stored"), "Rendered pages stored",
                PageCacheStats::stored);
        counter(registry, "larder.page.stores", tags.and("result", "refused"), "Rendered pages the storage rules refused",
                PageCacheStats::refused);
        counter(registry, "larder.page.errors", tags, "Page cache calls that failed (served without the cache)",
                PageCacheStats::errors);
    }

    private void counter(MeterRegistry registry, String name, Tags tags, String description,
            ToLongFunction<PageCacheStats> field) {
        FunctionCounter.builder(name, pages, p -> field.applyAsLong(p.stats()))
                .tags(tags).description(description).register(registry);
    }
}
