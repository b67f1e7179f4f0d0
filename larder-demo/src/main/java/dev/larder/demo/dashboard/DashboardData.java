package dev.larder.demo.dashboard;

import dev.larder.Cache;
import dev.larder.CacheRegistry;
import dev.larder.CacheStats;
import dev.larder.demo.dashboard.Snapshot.CacheRow;
import dev.larder.demo.dashboard.Snapshot.Invalidation;
import dev.larder.demo.dashboard.Snapshot.ModelCacheRow;
import dev.larder.demo.dashboard.Snapshot.PageCacheRow;
import dev.larder.hibernate.ModelCache;
import dev.larder.hibernate.ModelCacheStats;
import dev.larder.servlet.PageCacheStats;
import dev.larder.spring.actuate.CacheOrigin;
import dev.larder.spring.web.NamedPageCache;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** Reads every counter of the application's caches into a {@link Snapshot}. Thread-safe. */
@Component
class DashboardData {
    private static final System.Logger LOG = System.getLogger(DashboardData.class.getName());
    /** Invalidations listed: a write moves a few stamps twice (at flush and after commit), so this is the last few writes. */
    private static final int RECENT = 12;

    private final CacheRegistry registry;
    private final ListableBeanFactory beans;
    private final ObjectProvider<ModelCache> models;
    private volatile List<NamedPageCache> pageCaches;

    DashboardData(CacheRegistry registry, ListableBeanFactory beans, ObjectProvider<ModelCache> models) {
        this.registry = registry;
        this.beans = beans;
        this.models = models;
    }

    Snapshot read() {
        Map<String, Long> failOpen = new LinkedHashMap<>();
        List<CacheRow> caches = new ArrayList<>();
        for (String alias : registry.aliases()) {
            CacheRow row = cache(alias);
            caches.add(row);
            failOpen.put("cache " + alias, row.errors());
        }
        List<PageCacheRow> pages = new ArrayList<>();
        for (NamedPageCache named : pageCaches()) {
            PageCacheRow row = page(named);
            pages.add(row);
            failOpen.put("page cache " + row.name(), row.errors());
        }
        ModelCache model = models.getIfAvailable();
        ModelCacheRow modelRow = model == null ? null : model(model);
        if (modelRow != null) {
            failOpen.put("model cache", modelRow.errors());
        }
        return new Snapshot(System.currentTimeMillis(), caches, pages, modelRow, failOpen);
    }

    /** Clears the cache {@code alias}; false when there is none. */
    boolean clear(String alias) {
        if (!registry.aliases().contains(alias)) {
            return false;
        }
        registry.cache(alias).clear();
        return true;
    }

    private CacheRow cache(String alias) {
        Cache cache = registry.cache(alias);
        CacheOrigin origin = CacheOrigin.of(registry.config(alias));
        CacheStats s = cache.stats();
        return new CacheRow(alias, origin.backend(), origin.location(), entries(cache), s.hits(), s.misses(), s.sets(),
                s.deletes(), s.evictions(), s.errors(), s.hitRate());
    }

    private static Long entries(Cache cache) {
        try {
            String entries = cache.inspect().get("entries");
            return entries == null ? null : Long.valueOf(entries);
        } catch (RuntimeException e) {
            // A store that cannot answer leaves the column empty; its errors show in the counters.
            LOG.log(System.Logger.Level.DEBUG, "inspect() of cache '" + cache.alias() + "' failed", e);
            return null;
        }
    }

    private static PageCacheRow page(NamedPageCache named) {
        PageCacheStats s = named.pageCache().stats();
        Map<String, Long> refusals = new LinkedHashMap<>();
        named.pageCache().refusals().forEach((reason, n) -> refusals.put(reason.describe(), n));
        return new PageCacheRow(named.pageCache().cache().alias(), named.name(), s.hits(), s.misses(), s.bypasses(),
                s.stored(), s.refused(), s.collapsed(), s.errors(), refusals);
    }

    private static ModelCacheRow model(ModelCache model) {
        ModelCacheStats s = model.stats();
        List<Invalidation> recent = model.recentInvalidations().stream().limit(RECENT)
                .map(i -> new Invalidation(i.at().toEpochMilli(), i.cause(), i.stamps())).toList();
        return new ModelCacheRow(model.cache().alias(), s.hits(), s.misses(), s.bypassed(), s.stored(), s.notStored(),
                s.invalidations(), s.errors(), recent);
    }

    /** Found once: page caches are beans and start-up filters, fixed after start. */
    private List<NamedPageCache> pageCaches() {
        List<NamedPageCache> found = pageCaches;
        if (found == null) {
            found = PageCaches.of(beans);
            pageCaches = found;
        }
        return found;
    }
}
