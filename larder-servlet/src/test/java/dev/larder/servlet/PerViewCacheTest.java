package dev.larder.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.CacheConfig;
import dev.larder.CacheRegistry;
import dev.larder.http.PageKeys;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Per-view caching, Django's {@code cache_page} (spec §7, §5.3): a {@link CacheFilter} mapped
 * to some URLs only, configured in code or purely from init-params as {@code web.xml} would.
 */
class PerViewCacheTest {
    private static final String STATUS = PageCache.DEFAULT_STATUS_HEADER;

    private final CacheRegistry caches = CacheRegistry.builder()
            .cache("default", CacheConfig.builder().backend("locmem").location("per-view-default").build())
            .cache("pages", CacheConfig.builder().backend("locmem").location("per-view-pages").build())
            .build();
    private final AtomicInteger renders = new AtomicInteger();
    private WebApp app;

    @AfterEach
    void stop() throws Exception {
        if (app != null) {
            app.close();
        }
        caches.defaultCache().clear();
        caches.cache("pages").clear();
        caches.close();
    }

    private WebApp start(WebApp.Builder builder) throws Exception {
        app = builder.view("/*", (req, resp) -> {
            renders.incrementAndGet();
            resp.getWriter().write("render of " + req.getRequestURI());
        }).start();
        return app;
    }

    @Test
    void cacheFilterMappedToNews_cachesNewsPages_only() throws Exception {
        PageCache news = PageCache.builder(caches.defaultCache()).pageTimeout(Duration.ofSeconds(30)).build();
        WebApp web = start(WebApp.builder().filter(new CacheFilter(news), "/news/*"));

        HttpResponse<String> first = web.get("/news/a");
        HttpResponse<String> second = web.get("/news/a");
        assertThat(second.body()).isEqualTo(first.body()).isEqualTo("render of /news/a");
        assertThat(second.headers().firstValue(STATUS)).hasValue("HIT");
        assertThat(renders).as("the second /news/a did not run the view").hasValue(1);

        HttpResponse<String> other = web.get("/other");
        web.get("/other");
        assertThat(other.body()).isEqualTo("render of /other");
        assertThat(other.headers().firstValue(STATUS)).as("the filter never saw /other").isEmpty();
        assertThat(renders).hasValue(3);
    }

    @Test
    void pageTimeout_isTheMaxAgeSent_withTheCachedPage() throws Exception {
        // cache_page(30) sets Expires and Cache-Control: max-age=30 (§7, §5.2 step 7).
        PageCache news = PageCache.builder(caches.defaultCache()).pageTimeout(Duration.ofSeconds(30)).build();
        WebApp web = start(WebApp.builder().filter(new CacheFilter(news), "/news/*"));
        assertThat(web.get("/news/a").headers().firstValue("Cache-Control")).hasValue("max-age=30");
        assertThat(web.get("/news/a").headers().firstValue("Cache-Control")).hasValue("max-age=30");
        assertThat(web.get("/other").headers().firstValue("Cache-Control")).isEmpty();
    }

    @Test
    void cacheFilterFromInitParams_usesItsAliasPrefixPageTimeoutAndStatusHeader() throws Exception {
        WebApp web = start(WebApp.builder().setup(Holders.registry(caches))
                .setup(Holders.declared("newsCache", CacheFilter.class, "/news/*",
                        "alias", "pages", "key-prefix", "news", "page-timeout", "30", "status-header", "X-News-Cache")));
        HttpResponse<String> miss = web.get("/news/a");
        HttpResponse<String> hit = web.get("/news/a");
        assertThat(miss.headers().firstValue("X-News-Cache")).hasValue("MISS");
        assertThat(hit.headers().firstValue("X-News-Cache")).hasValue("HIT");
        assertThat(hit.headers().firstValue(STATUS)).as("the default status header is replaced").isEmpty();
        assertThat(hit.body()).isEqualTo("render of /news/a");
        assertThat(renders).hasValue(1);
        // page-timeout 30 beats the default timeout of 600 s.
        assertThat(miss.headers().firstValue("Cache-Control")).hasValue("max-age=30");

        // Stored under alias "pages" with key prefix "news", and nothing in the default cache.
        String listKey = new PageKeys("news").headerListKey(web.uri("/news/a").toString(), "");
        assertThat(caches.cache("pages").get(listKey)).isNotNull();
        assertThat(caches.defaultCache().get(listKey)).isNull();
        assertThat(caches.cache("pages").get(new PageKeys("").headerListKey(web.uri("/news/a").toString(), "")))
                .as("without the prefix").isNull();
    }

    @Test
    void cacheFilterFromInitParams_statusHeaderNone_sendsNoStatus() throws Exception {
        WebApp web = start(WebApp.builder().setup(Holders.registry(caches))
                .setup(Holders.declared("quietCache", CacheFilter.class, "/*", "status-header", "none")));
        web.get("/a");
        HttpResponse<String> hit = web.get("/a");
        assertThat(hit.headers().firstValue(STATUS)).isEmpty();
        assertThat(renders).as("still cached").hasValue(1);
    }

    @Test
    void cacheFilterFromInitParams_withoutARegistryAttribute_failsToStart_namingTheFilterAndTheAttribute() {
        String failure = Holders.startupFailure(WebApp.builder()
                .setup(Holders.declared("newsCache", CacheFilter.class, "/news/*", "page-timeout", "30"))
                .view("/*", (req, resp) -> resp.getWriter().write("x")));
        assertThat(failure).contains("'newsCache'", ServletCaches.REGISTRY_ATTRIBUTE);
    }

    @Test
    void cacheFilterFromInitParams_nonNumericTimeout_failsToStart_namingTheFilterAndTheParameter() {
        String failure = Holders.startupFailure(WebApp.builder().setup(Holders.registry(caches))
                .setup(Holders.declared("newsCache", CacheFilter.class, "/news/*", "timeout", "abc"))
                .view("/*", (req, resp) -> resp.getWriter().write("x")));
        assertThat(failure).contains("'newsCache'", "timeout", "'abc'");
    }

    @Test
    void cacheFilterFromInitParams_negativePageTimeout_failsToStart_namingTheFilterAndTheParameter() {
        String failure = Holders.startupFailure(WebApp.builder().setup(Holders.registry(caches))
                .setup(Holders.declared("newsCache", CacheFilter.class, "/news/*", "page-timeout", "-5"))
                .view("/*", (req, resp) -> resp.getWriter().write("x")));
        assertThat(failure).contains("'newsCache'", "page-timeout", "'-5'");
    }

    @Test
    void cacheFilterFromInitParams_unknownAlias_failsToStart_namingTheFilterAndTheAlias() {
        String failure = Holders.startupFailure(WebApp.builder().setup(Holders.registry(caches))
                .setup(Holders.declared("newsCache", CacheFilter.class, "/news/*", "alias", "nope"))
                .view("/*", (req, resp) -> resp.getWriter().write("x")));
        assertThat(failure).contains("'newsCache'", "'nope'");
    }

    @Test
    void cacheFilterFromInitParams_badStatusHeader_failsToStart_namingTheFilterAndTheValue() {
        String failure = Holders.startupFailure(WebApp.builder().setup(Holders.registry(caches))
                .setup(Holders.declared("newsCache", CacheFilter.class, "/news/*", "status-header", "X Cache"))
                .view("/*", (req, resp) -> resp.getWriter().write("x")));
        assertThat(failure).contains("'newsCache'", "X Cache");
    }

    @Test
    void cacheFilterFromInitParams_zeroMaxPageBytes_failsToStart_namingTheFilterAndTheParameter() {
        String failure = Holders.startupFailure(WebApp.builder().setup(Holders.registry(caches))
                .setup(Holders.declared("newsCache", CacheFilter.class, "/news/*", "max-page-bytes", "0"))
                .view("/*", (req, resp) -> resp.getWriter().write("x")));
        assertThat(failure).contains("'newsCache'", "max-page-bytes");
    }

    @Test
    void cacheFilterFromInitParams_negativeStaleIfError_failsToStart_namingTheFilterAndTheParameter() {
        String failure = Holders.startupFailure(WebApp.builder().setup(Holders.registry(caches))
                .setup(Holders.declared("newsCache", CacheFilter.class, "/news/*", "stale-if-error", "-1"))
                .view("/*", (req, resp) -> resp.getWriter().write("x")));
        assertThat(failure).contains("'newsCache'", "stale-if-error", "'-1'");
    }

    @Test
    void cacheFilterFromInitParams_nonNumericStaleWhileRevalidate_failsToStart_namingTheFilterAndTheParameter() {
        String failure = Holders.startupFailure(WebApp.builder().setup(Holders.registry(caches))
                .setup(Holders.declared("newsCache", CacheFilter.class, "/news/*", "stale-while-revalidate", "1m"))
                .view("/*", (req, resp) -> resp.getWriter().write("x")));
        assertThat(failure).contains("'newsCache'", "stale-while-revalidate", "'1m'");
    }
}
