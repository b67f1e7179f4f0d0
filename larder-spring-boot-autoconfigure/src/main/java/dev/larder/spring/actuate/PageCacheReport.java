package dev.larder.spring.actuate;

import dev.larder.http.StoragePolicy;
import dev.larder.servlet.PageCache;
import dev.larder.servlet.PageCacheStats;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One page cache as the {@code larder} endpoint shows it: its {@link PageCacheStats} and, for
 * the pages the storage rules refused, how many for each reason ({@code set_cookie},
 * {@code private}, ...: {@link StoragePolicy.Refusal} in lower case). {@code stale} counts the
 * requests answered with a stale page (RFC 5861).
 */
public record PageCacheReport(long hits, long misses, long bypasses, long stored, long refused, long collapsed,
        long errors, long stale, Map<String, Long> refusals) {

    public PageCacheReport {
        refusals = Map.copyOf(refusals);
    }

    public static PageCacheReport of(PageCache pages) {
        PageCacheStats s = pages.stats();
        Map<String, Long> reasons = new LinkedHashMap<>();
        pages.refusals().forEach((reason, n) -> reasons.put(reason.name().toLowerCase(Locale.ROOT), n));
        return new PageCacheReport(s.hits(), s.misses(), s.bypasses(), s.stored(), s.refused(), s.collapsed(),
                s.errors(), s.stale(), reasons);
    }
}
