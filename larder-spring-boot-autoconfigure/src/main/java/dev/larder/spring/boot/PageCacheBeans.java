package dev.larder.spring.boot;

import dev.larder.servlet.PageCache;
import dev.larder.spring.actuate.PageCacheReport;
import dev.larder.spring.web.LarderHandlerFilter;
import dev.larder.spring.web.NamedPageCache;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.util.ClassUtils;

/**
 * Every page cache of the application, named, for the meters and the {@code larder} endpoint:
 * each {@link PageCache} bean ({@code larderPageCache} is {@code site}, any other keeps its bean
 * name) and the {@code @CachePage} caches of each registered {@link LarderHandlerFilter}, whose
 * handlers are prepared first so that every configuration is there, not only those already
 * requested.
 */
final class PageCacheBeans {
    private static final boolean SERVLET_REGISTRATION = ClassUtils.isPresent(
            "org.springframework.boot.web.servlet.FilterRegistrationBean", PageCacheBeans.class.getClassLoader());

    private PageCacheBeans() {
    }

    static List<NamedPageCache> named(ListableBeanFactory beans) {
        List<NamedPageCache> all = new ArrayList<>();
        beans.getBeansOfType(PageCache.class).forEach((bean, pages) ->
                all.add(new NamedPageCache(bean.equals("larderPageCache") ? NamedPageCache.SITE : bean, pages)));
        if (SERVLET_REGISTRATION) {
            all.addAll(Views.of(beans));
        }
        return all;
    }

    /** By alias, then name: {@code {"default":{"site":{...},"view:900s":{...}}}}. */
    static Map<String, Object> statsByAlias(ListableBeanFactory beans) {
        Map<String, Map<String, Object>> byAlias = new LinkedHashMap<>();
        for (NamedPageCache p : named(beans)) {
            byAlias.computeIfAbsent(p.pageCache().cache().alias(), a -> new LinkedHashMap<>())
                    .put(p.name(), PageCacheReport.of(p.pageCache()));
        }
        return new LinkedHashMap<>(byAlias);
    }

    /** Apart, so that an application without Boot's servlet support never loads FilterRegistrationBean. */
    private static final class Views {
        static List<NamedPageCache> of(ListableBeanFactory beans) {
            List<NamedPageCache> views = new ArrayList<>();
            for (FilterRegistrationBean<?> registration : beans.getBeansOfType(FilterRegistrationBean.class).values()) {
                if (registration.getFilter() instanceof LarderHandlerFilter filter) {
                    filter.prepare();
                    views.addAll(filter.namedPageCaches());
                }
            }
            return views;
        }
    }
}
