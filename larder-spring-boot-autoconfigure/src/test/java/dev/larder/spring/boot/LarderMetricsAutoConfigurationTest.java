package dev.larder.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.CacheRegistry;
import dev.larder.servlet.CacheFilter;
import dev.larder.servlet.PageCache;
import dev.larder.servlet.PageCacheStats;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class LarderMetricsAutoConfigurationTest {
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(LarderAutoConfiguration.class, MetricsAutoConfiguration.class,
                    LarderMetricsAutoConfiguration.class));

    @Test
    void withoutAMeterRegistryBean_noBinderIsRegistered() {
        runner.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean("larderPageCacheMetrics")
                .doesNotHaveBean("larderModelCacheMetrics"));
    }

    @Test
    void withoutMicrometer_noBinderIsRegistered() {
        runner.withClassLoader(new FilteredClassLoader(MeterRegistry.class)).run(context ->
                assertThat(context).hasNotFailed().doesNotHaveBean(MeterBinder.class));
    }

    @Test
    void withoutTheServletModule_onlyTheModelBinderIsRegistered() {
        runner.withBean(SimpleMeterRegistry.class).withClassLoader(new FilteredClassLoader(PageCache.class))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean("larderPageCacheMetrics")
                        .hasBean("larderModelCacheMetrics"));
    }

    @Test
    void withoutAPageCacheBean_noPageMeterIsRegistered() {
        runner.withBean(SimpleMeterRegistry.class).run(context -> {
            assertThat(context).hasBean("larderPageCacheMetrics");
            assertThat(context.getBean(MeterRegistry.class).find("larder.page.requests").meters()).isEmpty();
        });
    }

    @Test
    void pageMeters_countKnownTraffic_byResult_taggedWithTheCacheAlias() {
        runner.withBean(SimpleMeterRegistry.class).withUserConfiguration(PageCacheConfiguration.class)
                .withPropertyValues("larder.caches.default.backend=locmem", "larder.caches.pages.backend=locmem")
                .run(context -> {
                    PageCache pages = context.getBean(PageCache.class);
                    request(pages, "GET", "/a", "public, max-age=60");   // miss, stored
                    request(pages, "GET", "/a", "public, max-age=60");   // hit
                    request(pages, "GET", "/a", "public, max-age=60");   // hit
                    request(pages, "POST", "/a", "public, max-age=60");  // bypass
                    request(pages, "GET", "/private", "private");        // miss, refused
                    MeterRegistry meters = context.getBean(MeterRegistry.class);
                    assertThat(count(meters, "larder.page.requests", "result", "hit")).isEqualTo(2);
                    assertThat(count(meters, "larder.page.requests", "result", "miss")).isEqualTo(2);
                    assertThat(count(meters, "larder.page.requests", "result", "bypass")).isEqualTo(1);
                    assertThat(count(meters, "larder.page.stores", "result", "stored")).isEqualTo(1);
                    assertThat(count(meters, "larder.page.stores", "result", "refused")).isEqualTo(1);
                    assertThat(meters.get("larder.page.errors").tag("cache", "pages").tag("page-cache", "site")
                            .functionCounter().count()).isZero();
                    assertThat(meters.get("larder.page.collapsed").tag("cache", "pages").functionCounter().count()).isZero();
                    // Read from the stats, not counted beside them: the two agree.
                    PageCacheStats stats = pages.stats();
                    assertThat(count(meters, "larder.page.requests", "result", "hit")).isEqualTo(stats.hits());
                });
    }

    private static double count(MeterRegistry meters, String name, String tag, String value) {
        return meters.get(name).tag("cache", "pages").tag(tag, value).functionCounter().count();
    }

    private static void request(PageCache pages, String method, String uri, String cacheControl) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest(method, uri);
        request.setServerName("example.com");
        MockHttpServletResponse response = new MockHttpServletResponse();
        new CacheFilter(pages).doFilter(request, response, new MockFilterChain(new HttpServlet() {
            @Override
            protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                resp.setHeader("Cache-Control", cacheControl);
                resp.setContentType("text/plain");
                resp.getWriter().write("page " + uri);
            }
        }));
        assertThat(response.getContentAsString()).isEqualTo("page " + uri);
    }

    @Configuration(proxyBeanMethods = false)
    static class PageCacheConfiguration {
        @Bean
        PageCache larderPageCache(CacheRegistry registry) {
            return PageCache.builder(registry.cache("pages")).build();
        }
    }
}
