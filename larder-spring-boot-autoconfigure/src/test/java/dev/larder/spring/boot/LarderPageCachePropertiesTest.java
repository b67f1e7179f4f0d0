package dev.larder.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationContext;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * Each {@code larder.page-cache.*} setting reaches the page cache: the registered filter is
 * driven with servlet requests, and a page whose storage depends on the setting is asked for
 * twice (a second rendering means it was not stored).
 */
class LarderPageCachePropertiesTest {
    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(LarderAutoConfiguration.class, LarderWebMvcAutoConfiguration.class))
            .withPropertyValues("larder.page-cache.enabled=true");

    @Test
    void statusHeader_namesTheHeader_andIsOffByDefault() {
        runner.withPropertyValues("larder.page-cache.status-header=X-Cache").run(context -> {
            assertThat(get(context, page("abc", null)).getHeader("X-Cache")).isEqualTo("MISS");
            assertThat(get(context, page("abc", null)).getHeader("X-Cache")).isEqualTo("HIT");
        });
        runner.run(context -> assertThat(get(context, page("abc", null)).getHeaderNames())
                .noneMatch(n -> n.toLowerCase().contains("larder")));
    }

    @Test
    void staleWindows_reachTheSiteCache_andDefaultToZero() {
        runner.withPropertyValues("larder.page-cache.stale-while-revalidate=30", "larder.page-cache.stale-if-error=1h")
                .run(context -> assertThat(context.getBean(dev.larder.servlet.PageCache.class).staleWindows())
                        .isEqualTo(dev.larder.http.StaleWindows.of(java.time.Duration.ofSeconds(30),
                                java.time.Duration.ofHours(1))));
        runner.run(context -> assertThat(context.getBean(dev.larder.servlet.PageCache.class).staleWindows())
                .isEqualTo(dev.larder.http.StaleWindows.NONE));
    }

    @Test
    void aNegativeStaleWindow_failsTheStart_namingTheProperty() {
        runner.withPropertyValues("larder.page-cache.stale-if-error=-5").run(context ->
                assertThat(context).getFailure().rootCause().hasMessageContaining("larder.page-cache.stale-if-error")
                        .hasMessageContaining("zero or more"));
    }

    @Test
    void timeout_isTheMaxAgeOfPagesWithoutOne() {
        runner.withPropertyValues("larder.page-cache.timeout=90").run(context ->
                assertThat(get(context, page("abc", null)).getHeader("Cache-Control")).isEqualTo("max-age=90"));
    }

    @Test
    void pageTimeout_storesEvenAMaxAgeZeroPage_asDjangosPageTimeoutDoes() {
        AtomicInteger renders = new AtomicInteger();
        runner.run(context -> {
            get(context, counting(renders, "max-age=0"));
            get(context, counting(renders, "max-age=0"));
            assertThat(renders).hasValue(2);
        });
        renders.set(0);
        runner.withPropertyValues("larder.page-cache.page-timeout=60").run(context -> {
            get(context, counting(renders, "max-age=0"));
            get(context, counting(renders, "max-age=0"));
            assertThat(renders).hasValue(1);
        });
    }

    @Test
    void maxPageSize_keepsLargerBodiesOut() {
        AtomicInteger renders = new AtomicInteger();
        runner.withPropertyValues("larder.page-cache.max-page-size=16B").run(context -> {
            get(context, counting(renders, null));
            get(context, counting(renders, null));
            assertThat(renders).hasValue(2);
        });
    }

    @Test
    void keyPrefix_separatesSitesSharingAStore() {
        AtomicInteger renders = new AtomicInteger();
        WebApplicationContextRunner shared = runner.withPropertyValues("larder.caches.default.location=shared-pages");
        // Three sites open at once on one local-memory store: the same prefix shares pages, another does not.
        shared.withPropertyValues("larder.page-cache.key-prefix=one").run(one -> {
            get(one, counting(renders, null));
            shared.withPropertyValues("larder.page-cache.key-prefix=one").run(sameAsOne -> {
                get(sameAsOne, counting(renders, null));
                assertThat(renders).hasValue(1);
            });
            shared.withPropertyValues("larder.page-cache.key-prefix=two").run(two -> {
                get(two, counting(renders, null));
                assertThat(renders).hasValue(2);
            });
        });
    }

    private static FilterChain page(String body, String cacheControl) {
        return (req, resp) -> {
            HttpServletResponse response = (HttpServletResponse) resp;
            if (cacheControl != null) {
                response.setHeader("Cache-Control", cacheControl);
            }
            response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
        };
    }

    /** A 40-byte page that counts its renderings. */
    private static FilterChain counting(AtomicInteger renders, String cacheControl) {
        return (req, resp) -> {
            renders.incrementAndGet();
            page("x".repeat(40), cacheControl).doFilter(req, resp);
        };
    }

    private static MockHttpServletResponse get(ApplicationContext context, FilterChain page) throws Exception {
        Filter filter = ((FilterRegistrationBean<?>) context.getBean("larderPageCacheFilter")).getFilter();
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/news");
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, page);
        return response;
    }
}
