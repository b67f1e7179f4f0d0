package dev.larder.demo.dashboard;

import dev.larder.servlet.PageCache;
import dev.larder.spring.web.LarderHandlerFilter;
import dev.larder.spring.web.NamedPageCache;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;

/**
 * Every page cache of the application, named as the starter's meters and {@code larder}
 * endpoint name them: {@code site} for the per-site cache, {@code view:<timeout>} for each
 * {@code @CachePage} configuration.
 */
final class PageCaches {
    private PageCaches() {
    }

    static List<NamedPageCache> of(ListableBeanFactory beans) {
        List<NamedPageCache> all = new ArrayList<>();
        beans.getBeansOfType(PageCache.class).forEach((bean, pages) ->
                all.add(new NamedPageCache(bean.equals("larderPageCache") ? NamedPageCache.SITE : bean, pages)));
        for (FilterRegistrationBean<?> registration : beans.getBeansOfType(FilterRegistrationBean.class).values()) {
            if (registration.getFilter() instanceof LarderHandlerFilter filter) {
                // Builds the @CachePage caches of handlers not requested yet, so every one is listed from the start.
                filter.prepare();
                all.addAll(filter.namedPageCaches());
            }
        }
        return all;
    }
}
