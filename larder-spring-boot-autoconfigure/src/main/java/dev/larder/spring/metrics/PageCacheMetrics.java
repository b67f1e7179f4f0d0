package dev.larder.spring.metrics;

import dev.larder.http.StoragePolicy;
import dev.larder.servlet.PageCache;
import dev.larder.servlet.PageCacheStats;
import dev.larder.spring.web.NamedPageCache;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Locale;

/**
 * Binds one {@link PageCache}'s counters, each read from {@link PageCache#stats()} when the
 * registry is scraped, tagged {@code cache=<alias of the cache it stores in>} and
 * {@code page-cache=<its name>} ({@code site}, or {@code view:<timeout>[:<keyPrefix>]} for a
 * {@code @CachePage} configuration; see {@link NamedPageCache}), so two page caches on one alias
 * keep meters of their own:
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
 *   <tr><td>{@code larder.page.refusals}</td><td>{@code reason=set_cookie}, {@code private}, ...</td><td>the refused pages by the rule that refused them ({@code StoragePolicy.Refusal}, lower case)</td></tr>
 *   <tr><td>{@code larder.page.errors}</td><td></td><td>cache calls that failed; each request was served without the cache</td></tr>
 * </table>
 *
 * <pre>{@code
 * new PageCacheMetrics(pages, "view:900s").bindTo(registry);
 * }</pre>
 */
public final class PageCacheMetrics implements MeterBinder {
    private final PageCache pages;
    private final String name;

    /** The meters of the per-site cache ({@code page-cache=site}). */
    public PageCacheMetrics(PageCache pages) {
        this(pages, NamedPageCache.SITE);
    }

    /** The meters of a page cache tagged {@code page-cache=<name>}, such as {@code view:900s}. */
    public PageCacheMetrics(PageCache pages, String name) {
        this.pages = pages;
        this.name = name;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Tags tags = Tags.of("cache", pages.cache().alias(), "page-cache", name);
        StatsCounters<PageCache, PageCacheStats> c = new StatsCounters<>(registry, pages, PageCache::stats, tags);
        c.counter("larder.page.requests", "hit", "Page requests answered from the cache", PageCacheStats::hits);
        c.counter("larder.page.requests", "miss", "Page requests looked up and not found", PageCacheStats::misses);
        c.counter("larder.page.requests", "bypass", "Page requests served without a lookup", PageCacheStats::bypasses);
        c.counter("larder.page.collapsed", null, "Hits that waited for another request's rendering",
                PageCacheStats::collapsed);
        c.counter("larder.page.stale", null, "Requests answered with a stale page (RFC 5861): while another"
                + " request rendered it again, or in place of a failed rendering", PageCacheStats::stale);
        c.counter("larder.page.stores", "stored", "Rendered pages stored", PageCacheStats::stored);
        c.counter("larder.page.stores", "refused", "Rendered pages the storage rules refused", PageCacheStats::refused);
        for (StoragePolicy.Refusal reason : StoragePolicy.Refusal.values()) {
            FunctionCounter.builder("larder.page.refusals", pages, p -> p.refusals().getOrDefault(reason, 0L))
                    .tags(tags.and("reason", reason.name().toLowerCase(Locale.ROOT)))
                    .description("Rendered pages refused because the " + reason.describe())
                    .register(registry);
        }
        c.counter("larder.page.errors", null, "Page cache calls that failed (served without the cache)",
                PageCacheStats::errors);
    }
}
