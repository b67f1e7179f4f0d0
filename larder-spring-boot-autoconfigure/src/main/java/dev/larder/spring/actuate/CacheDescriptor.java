package dev.larder.spring.actuate;

import dev.larder.Cache;
import dev.larder.CacheStats;
import dev.larder.Capabilities;
import dev.larder.support.Secrets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One cache as the {@code larder} endpoint shows it. Nothing in it holds a secret: the
 * location is masked, and so is every store detail whose name or value looks like one.
 *
 * @param alias        the cache's alias
 * @param backend      the backend's name ({@code redis}, {@code locmem}, ...)
 * @param location     where the entries live, passwords replaced by {@code ***}
 * @param stats        this process's counters for the cache
 * @param capabilities what the backend guarantees
 * @param details      what the store reports about itself ({@link Cache#inspect()}); when
 *                     asking fails, a single {@code error} entry saying why
 */
public record CacheDescriptor(String alias, String backend, String location, Statistics stats,
        Capabilities capabilities, Map<String, String> details) {

    /**
     * {@link CacheStats} with its hit rate; the near cache's counters are 0 for a cache without one.
     *
     * @param hitRate hits over reads, 0 when nothing was read
     */
    public record Statistics(long hits, long misses, long sets, long deletes, long evictions, long errors,
            double hitRate, long localHits, long localFills, long invalidations, long flushes) {

        static Statistics of(CacheStats s) {
            return new Statistics(s.hits(), s.misses(), s.sets(), s.deletes(), s.evictions(), s.errors(), s.hitRate(),
                    s.localHits(), s.localFills(), s.invalidations(), s.flushes());
        }
    }

    /** Describes {@code cache}; asks its store for details, which may cost a round trip. */
    static CacheDescriptor of(Cache cache, CacheOrigin origin) {
        return new CacheDescriptor(cache.alias(), origin.backend(), origin.location(), Statistics.of(cache.stats()),
                cache.capabilities(), details(cache));
    }

    private static Map<String, String> details(Cache cache) {
        Map<String, String> out = new LinkedHashMap<>();
        try {
            // A store reports what it likes; anything that looks like a secret is masked all the same.
            cache.inspect().forEach((name, value) -> out.put(name, Secrets.maskSetting(name, value)));
        } catch (RuntimeException e) {
            // An unreachable store must not break the endpoint: say why, as Larder's masked message does.
            out.clear();
            out.put("error", Secrets.NONE.redact(String.valueOf(e.getMessage())));
        }
        return out;
    }
}
