package dev.larder.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.CacheConfig;
import dev.larder.CacheRegistry;
import dev.larder.testing.LogCapture;
import dev.larder.testkit.servers.RedisServer;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

/** A dead cache backend never fails a request: pages are rendered, the failure logged once and counted. */
class BackendFailureTest {

    @Test
    void deadRedis_pagesAreRenderedAndServed_failureLoggedOnceAndCounted_andCachingResumes() throws Exception {
        try (LogCapture log = LogCapture.of("dev.larder.servlet", Level.WARNING);
             RedisServer redis = RedisServer.start();
             CacheRegistry caches = CacheRegistry.builder().cache("default", CacheConfig.builder().backend("redis")
                     .location(redis.uri()).option("command-timeout", "300ms").build()).build()) {
            PageCache pages = PageCache.builder(caches.defaultCache()).build();
            try (WebApp web = WebApp.builder().filter(new CacheFilter(pages), "/*")
                    .view("/*", (req, resp) -> resp.getWriter().write("fresh " + req.getRequestURI())).start()) {
                assertThat(web.get("/a").body()).isEqualTo("fresh /a");
                redis.kill();
                for (int i = 0; i < 4; i++) {
                    HttpResponse<String> r = web.get("/a");
                    assertThat(r.statusCode()).isEqualTo(200);
                    assertThat(r.body()).isEqualTo("fresh /a");
                    assertThat(r.headers().firstValue(PageCache.DEFAULT_STATUS_HEADER)).hasValue("BYPASS");
                }
                assertThat(pages.stats().errors()).isEqualTo(4);
                List<String> warnings = log.messages();
                assertThat(warnings).hasSize(1);
                assertThat(warnings.get(0)).contains("page cache on 'default'", "lookup failed");

                redis.restart();
                dev.larder.testkit.Await.answer(java.time.Duration.ofSeconds(10), () -> caches.defaultCache().get("x"));
                web.get("/a");
                assertThat(web.get("/a").headers().firstValue(PageCache.DEFAULT_STATUS_HEADER)).hasValue("HIT");
            }
        }
    }

    /** A store that fails (Redis refusing writes when out of memory) still serves the page, and counts. */
    @Test
    void failedStore_servesThePage_andCountsTheError() throws Exception {
        try (RedisServer redis = RedisServer.start();
             CacheRegistry caches = CacheRegistry.builder().cache("default", CacheConfig.builder().backend("redis")
                     .location(redis.uri()).build()).build()) {
            PageCache pages = PageCache.builder(caches.defaultCache()).build();
            try (WebApp web = WebApp.builder().filter(new CacheFilter(pages), "/*")
                    .view("/*", (req, resp) -> resp.getWriter().write("fresh")).start()) {
                redis.cli("CONFIG", "SET", "maxmemory-policy", "noeviction");
                redis.cli("CONFIG", "SET", "maxmemory", "1");
                for (int i = 0; i < 3; i++) {
                    HttpResponse<String> r = web.get("/b");
                    assertThat(r.statusCode()).isEqualTo(200);
                    assertThat(r.body()).isEqualTo("fresh");
                    assertThat(r.headers().firstValue(PageCache.DEFAULT_STATUS_HEADER)).hasValue("MISS");
                }
                assertThat(pages.stats().stored()).isZero();
                assertThat(pages.stats().errors()).isEqualTo(3);
            }
        }
    }
}
