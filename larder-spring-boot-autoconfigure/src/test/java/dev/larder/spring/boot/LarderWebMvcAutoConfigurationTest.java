package dev.larder.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.CacheConfigException;
import dev.larder.servlet.PageCache;
import dev.larder.spring.web.CacheControl;
import dev.larder.spring.web.CachePage;
import dev.larder.spring.web.Condition;
import dev.larder.spring.web.LarderHandlerFilter;
import dev.larder.spring.web.NeverCache;
import dev.larder.spring.web.PageCachingFilter;
import dev.larder.spring.web.SessionVaryFilter;
import dev.larder.spring.web.VaryOnHeaders;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.DispatcherServlet;

class LarderWebMvcAutoConfigurationTest {
    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(LarderAutoConfiguration.class, LarderWebMvcAutoConfiguration.class));
    private final WebApplicationContextRunner mvc = runner.withConfiguration(AutoConfigurations.of(
            DispatcherServletAutoConfiguration.class, WebMvcAutoConfiguration.class));

    @Test
    void byDefault_noSiteCache_butTheAnnotationFilters() {
        runner.run(context -> {
            assertThat(context).doesNotHaveBean(PageCache.class).doesNotHaveBean("larderPageCacheFilter");
            assertThat(registration(context.getBean("larderCachePageFilter")).getFilter())
                    .isInstanceOf(LarderHandlerFilter.class);
            assertThat(registration(context.getBean("larderCachePageFilter")).getOrder())
                    .isEqualTo(LarderWebMvcAutoConfiguration.CACHE_PAGE_ORDER);
            assertThat(registration(context.getBean("larderHandlerHeadersFilter")).getOrder())
                    .isEqualTo(LarderWebMvcAutoConfiguration.HEADERS_ORDER);
            assertThat(registration(context.getBean("larderSessionVaryFilter")).getFilter())
                    .isInstanceOf(SessionVaryFilter.class);
        });
    }

    @Test
    void enabled_registersThePageCacheBean_andItsFilter_outsideSessionsAndSecurity() {
        runner.withPropertyValues("larder.page-cache.enabled=true").run(context -> {
            PageCache pages = context.getBean("larderPageCache", PageCache.class);
            assertThat(pages.cache().alias()).isEqualTo("default");
            FilterRegistrationBean<?> filter = registration(context.getBean("larderPageCacheFilter"));
            assertThat(((PageCachingFilter) filter.getFilter()).pageCache()).isSameAs(pages);
            assertThat(filter.getUrlPatterns()).containsExactly("/*");
            // Spring Session's SessionRepositoryFilter is MIN_VALUE + 50, Spring Security's chain -100.
            assertThat(filter.getOrder()).isLessThan(Integer.MIN_VALUE + 50).isLessThan(-100)
                    .isLessThan(LarderWebMvcAutoConfiguration.SESSION_VARY_ORDER);
            assertThat(LarderWebMvcAutoConfiguration.SESSION_VARY_ORDER).isGreaterThan(Integer.MIN_VALUE + 50)
                    .isLessThan(-100);
        });
    }

    @Test
    void aliasAndUrlPatterns_areBound() {
        runner.withPropertyValues("larder.page-cache.enabled=true", "larder.page-cache.alias=pages",
                "larder.caches.default.backend=locmem", "larder.caches.pages.backend=locmem",
                "larder.page-cache.url-patterns=/news/*,/blog/*").run(context -> {
                    assertThat(context.getBean(PageCache.class).cache().alias()).isEqualTo("pages");
                    assertThat(registration(context.getBean("larderPageCacheFilter")).getUrlPatterns())
                            .containsExactly("/news/*", "/blog/*");
                });
    }

    @Test
    void excludePaths_defaultToActuatorsBasePath_andCanBeSetOrEmptied() {
        runner.withPropertyValues("larder.page-cache.enabled=true").run(context -> assertThat(excluded(context))
                .containsExactly("/actuator"));
        runner.withPropertyValues("larder.page-cache.enabled=true", "management.endpoints.web.base-path=/ops")
                .run(context -> assertThat(excluded(context)).containsExactly("/ops"));
        runner.withPropertyValues("larder.page-cache.enabled=true", "larder.page-cache.exclude-paths=/internal,/admin/")
                .run(context -> assertThat(excluded(context)).containsExactly("/internal", "/admin"));
        runner.withPropertyValues("larder.page-cache.enabled=true", "larder.page-cache.exclude-paths=")
                .run(context -> assertThat(excluded(context)).isEmpty());
    }

    private static List<String> excluded(ApplicationContext context) {
        return ((PageCachingFilter) registration(context.getBean("larderPageCacheFilter")).getFilter())
                .excludedPaths().prefixes();
    }

    @Test
    void anUnknownPageCacheAlias_failsStartUp_namingThePropertyAndTheConfiguredCaches() {
        runner.withPropertyValues("larder.page-cache.enabled=true", "larder.page-cache.alias=nope",
                "larder.caches.default.backend=locmem", "larder.caches.pages.backend=locmem").run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause().isInstanceOf(CacheConfigException.class)
                            .hasMessage("larder.page-cache.alias='nope' is not a configured Larder cache;"
                                    + " configured: [default, pages]");
                });
    }

    @Test
    void anApplicationClockBean_setsNeverCachesExpires() {
        Instant fixed = Instant.parse("2031-02-03T04:05:06Z");
        mvc.withUserConfiguration(Never.class).withBean(Clock.class, () -> Clock.fixed(fixed, ZoneOffset.UTC))
                .run(context -> {
                    MockHttpServletResponse response = new MockHttpServletResponse();
                    registration(context.getBean("larderHandlerHeadersFilter")).getFilter()
                            .doFilter(new MockHttpServletRequest("GET", "/never"), response, new MockFilterChain());
                    assertThat(response.getHeader("Cache-Control")).contains("no-store");
                    assertThat(response.getHeader("Expires")).isEqualTo("Mon, 03 Feb 2031 04:05:06 GMT");
                });
    }

    @Test
    void durationsAndSizes_bindInBootsSyntax() {
        runner.withPropertyValues("larder.page-cache.timeout=90", "larder.page-cache.page-timeout=2m",
                "larder.page-cache.stampede-wait=250", "larder.page-cache.max-page-size=64KB").run(context -> {
                    LarderPageCacheProperties p = context.getBean(LarderPageCacheProperties.class);
                    assertThat(p.getTimeout()).hasSeconds(90);
                    assertThat(p.getPageTimeout()).hasMinutes(2);
                    assertThat(p.getStampedeWait()).hasMillis(250);
                    assertThat(p.getMaxPageSize().toBytes()).isEqualTo(65536);
                    assertThat(p.getStatusHeader()).isNull();
                });
    }

    @Test
    void defaults_arePageCaches() {
        runner.run(context -> {
            LarderPageCacheProperties p = context.getBean(LarderPageCacheProperties.class);
            assertThat(p.getTimeout()).isEqualTo(PageCache.DEFAULT_TIMEOUT);
            assertThat(p.getStampedeWait()).isEqualTo(PageCache.DEFAULT_STAMPEDE_WAIT);
            assertThat(p.getMaxPageSize().toBytes()).isEqualTo(PageCache.DEFAULT_MAX_PAGE_BYTES);
            assertThat(p.getUrlPatterns()).containsExactly("/*");
            assertThat(p.getAlias()).isEqualTo("default");
            assertThat(p.getKeyPrefix()).isEmpty();
        });
    }

    @Test
    void aCachePageWithoutTimeout_failsStartUp_namingTheHandler() {
        mvc.withUserConfiguration(NoTimeout.class).run(context -> assertThat(context).hasFailed()
                .getFailure().isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("@CachePage").hasMessageContaining("NoTimeout#page"));
    }

    @Test
    void aCacheControlThatIsPublicAndPrivate_failsStartUp_namingTheHandler() {
        mvc.withUserConfiguration(PublicAndPrivate.class).run(context -> assertThat(context).hasFailed()
                .getFailure().hasMessageContaining("both isPublic and isPrivate")
                .hasMessageContaining("PublicAndPrivate#page"));
    }

    @Test
    void aBadDuration_failsStartUp_namingTheAttribute() {
        mvc.withUserConfiguration(BadDuration.class).run(context -> assertThat(context).hasFailed()
                .getFailure().hasMessageContaining("@CacheControl max-age").hasMessageContaining("'soon'"));
    }

    @Test
    void aCachePageOnAnUnknownCache_failsStartUp_namingHandlerAndAlias() {
        mvc.withUserConfiguration(UnknownCache.class).run(context -> assertThat(context).hasFailed()
                .getFailure().hasMessageContaining("UnknownCache#page").hasMessageContaining("cache 'nowhere'"));
    }

    @Test
    void aVaryOnHeadersWithoutNames_failsStartUp_namingTheHandler() {
        mvc.withUserConfiguration(NoVaryNames.class).run(context -> assertThat(context).hasFailed()
                .getFailure().hasMessageContaining("@VaryOnHeaders on").hasMessageContaining("NoVaryNames#page"));
    }

    @Test
    void aConditionWithoutFunctions_failsStartUp() {
        mvc.withUserConfiguration(EmptyCondition.class).run(context -> assertThat(context).hasFailed()
                .getFailure().hasMessageContaining("neither an etag nor a lastModified function"));
    }

    @Test
    void goodAnnotations_startWithSpringMvc_andEveryHandlerIsPreparedAtStartUp() {
        mvc.withUserConfiguration(Good.class).run(context -> {
            assertThat(context).hasNotFailed();
            FilterRegistrationBean<?> pages = registration(context.getBean("larderCachePageFilter"));
            assertThat(((LarderHandlerFilter) pages.getFilter()).pageCaches()).hasSize(2);
        });
    }

    @Test
    void customizers_changeEachCachePageBuilderToo() {
        AtomicInteger calls = new AtomicInteger();
        mvc.withUserConfiguration(Good.class).withBean(PageCacheCustomizer.class, () -> b -> calls.incrementAndGet())
                .run(context -> assertThat(calls).hasValue(2));
    }

    @Test
    void anUnknownAlias_failsStartUp() {
        runner.withPropertyValues("larder.page-cache.enabled=true", "larder.page-cache.alias=nowhere")
                .run(context -> assertThat(context).hasFailed()
                        .getFailure().rootCause().hasMessageContaining("nowhere"));
    }

    @Test
    void aStatusHeaderThatIsNoHeaderName_failsStartUp_namingIt() {
        runner.withPropertyValues("larder.page-cache.enabled=true", "larder.page-cache.status-header=X Cache")
                .run(context -> assertThat(context).hasFailed()
                        .getFailure().rootCause().hasMessageContaining("'X Cache'"));
    }

    @Test
    void customizers_changeTheSitesBuilder() {
        AtomicInteger calls = new AtomicInteger();
        runner.withPropertyValues("larder.page-cache.enabled=true")
                .withBean(PageCacheCustomizer.class, () -> b -> calls.incrementAndGet())
                .run(context -> {
                    assertThat(context).hasSingleBean(PageCache.class);
                    assertThat(calls).hasValue(1);
                });
    }

    @Test
    void annotationsOff_registersNoHandlerFilters() {
        runner.withPropertyValues("larder.page-cache.annotations=false").run(context -> assertThat(context)
                .doesNotHaveBean("larderCachePageFilter").doesNotHaveBean("larderHandlerHeadersFilter")
                .doesNotHaveBean("larderSessionVaryFilter"));
    }

    @Test
    void annotationsOff_siteCacheOn_keepsTheSessionVaryFilter() {
        runner.withPropertyValues("larder.page-cache.annotations=false", "larder.page-cache.enabled=true")
                .run(context -> assertThat(context).hasBean("larderSessionVaryFilter").hasBean("larderPageCacheFilter")
                        .doesNotHaveBean("larderCachePageFilter"));
    }

    @Test
    void notAWebApplication_configuresNothing() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(LarderAutoConfiguration.class, LarderWebMvcAutoConfiguration.class))
                .withPropertyValues("larder.page-cache.enabled=true")
                .run(context -> assertThat(context).doesNotHaveBean(PageCache.class)
                        .doesNotHaveBean("larderCachePageFilter"));
    }

    @Test
    void withoutSpringMvc_configuresNothing() {
        runner.withClassLoader(new FilteredClassLoader(DispatcherServlet.class))
                .withPropertyValues("larder.page-cache.enabled=true")
                .run(context -> assertThat(context).doesNotHaveBean(PageCache.class)
                        .doesNotHaveBean("larderCachePageFilter"));
    }

    @Test
    void withoutLarderServlet_configuresNothing() {
        runner.withClassLoader(new FilteredClassLoader(PageCache.class))
                .withPropertyValues("larder.page-cache.enabled=true")
                .run(context -> assertThat(context).doesNotHaveBean("larderPageCache")
                        .doesNotHaveBean("larderCachePageFilter").doesNotHaveBean("larderSessionVaryFilter"));
    }

    @RestController
    static class NoTimeout {
        @CachePage
        @GetMapping("/a")
        String page() {
            return "a";
        }
    }

    @RestController
    static class UnknownCache {
        @CachePage(timeout = "1m", cache = "nowhere")
        @GetMapping("/a")
        String page() {
            return "a";
        }
    }

    @RestController
    static class NoVaryNames {
        @VaryOnHeaders({})
        @GetMapping("/a")
        String page() {
            return "a";
        }
    }

    @RestController
    static class PublicAndPrivate {
        @CacheControl(isPublic = true, isPrivate = true)
        @GetMapping("/a")
        String page() {
            return "a";
        }
    }

    @RestController
    static class BadDuration {
        @CacheControl(maxAge = "soon")
        @GetMapping("/a")
        String page() {
            return "a";
        }
    }

    @RestController
    static class EmptyCondition {
        @Condition
        @GetMapping("/a")
        String page() {
            return "a";
        }
    }

    @RestController
    static class Good {
        @CachePage("1m")
        @CacheControl(isPublic = true)
        @GetMapping("/a")
        String page() {
            return "a";
        }

        @CachePage("2m")
        @GetMapping("/b")
        String other() {
            return "b";
        }
    }

    @RestController
    static class Never {
        @NeverCache
        @GetMapping("/never")
        String page() {
            return "never";
        }
    }

    private static FilterRegistrationBean<?> registration(Object bean) {
        return (FilterRegistrationBean<?>) bean;
    }
}
