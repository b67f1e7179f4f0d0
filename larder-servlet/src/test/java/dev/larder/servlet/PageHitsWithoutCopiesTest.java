package dev.larder.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.Cache;
import dev.larder.CacheConfig;
import dev.larder.CacheRegistry;
import dev.larder.http.PageKeys;
import dev.larder.support.FailOpen;
import dev.larder.support.ReadOnlyBytes;
import dev.larder.testing.FakeClock;
import jakarta.servlet.Filter;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A hit on local memory (copy mode, the default) costs what writing the page costs: the stored
 * bytes are written as they are, with no copy and no decode per hit, and headers prepared when
 * the page was stored are served as stored. Stored bytes that are not a page are still a miss.
 */
class PageHitsWithoutCopiesTest {
    private static final String BODY = "<p>".repeat(1000);
    private static final String STATUS = PageCache.DEFAULT_STATUS_HEADER;

    private final FakeClock clock = new FakeClock(Instant.ofEpochSecond(1468749600));
    private final CacheRegistry caches = CacheRegistry.builder().clock(clock)
            .cache("default", CacheConfig.builder().backend("locmem").location("pages-without-copies").build()).build();
    private final List<byte[]> written = new ArrayList<>();
    private WebApp app;
    private PageCache pages;

    @AfterEach
    void close() throws Exception {
        if (app != null) {
            app.close();
        }
        caches.close();
    }

    private Cache cache() {
        return caches.defaultCache();
    }

    /** The view behind a CacheFilter, behind a filter that records the arrays each response body is written from. */
    private WebApp app() throws Exception {
        cache().clear();
        pages = PageCache.builder(cache()).clock(clock).build();
        app = WebApp.builder().filter(recordWrites(), "/*").filter(new CacheFilter(pages), "/*").view("/*", (req, resp) -> {
            resp.setContentType("text/html;charset=utf-8");
            resp.setHeader("Cache-Control", "max-age=600");
            resp.setHeader("ETag", "\"v1\"");
            resp.setHeader("Last-Modified", "Sun, 17 Jul 2016 10:00:00 GMT");
            resp.addHeader("X-Several", "one");
            resp.addHeader("X-Several", "two");
            resp.getOutputStream().write(BODY.getBytes(StandardCharsets.US_ASCII));
        }).start();
        return app;
    }

    @Test
    void locmemHits_writeTheStoredArray_notACopyOfIt() throws Exception {
        WebApp web = app();
        assertThat(header(web.get("/p"), STATUS)).isEqualTo("MISS");
        written.clear();
        HttpResponse<String> first = web.get("/p");
        HttpResponse<String> second = web.get("/p");
        assertThat(header(first, STATUS)).isEqualTo(header(second, STATUS)).isEqualTo("HIT");
        assertThat(first.body()).isEqualTo(second.body()).isEqualTo(BODY);
        assertThat(written).hasSize(2);
        assertThat(written.get(1)).as("one stored array for every hit").isSameAs(written.get(0));
        assertThat(written.get(0).length).as("the whole stored record, of which the body is a slice")
                .isGreaterThan(BODY.length());
    }

    @Test
    void locmemHits_decodeTheStoredPageOnce() throws Exception {
        WebApp web = app();
        web.get("/p");
        String key = new PageKeys("").pageKey("GET", web.uri("/p").toString(), List.of(), name -> List.of(), "");
        Object stored = cache().get(key);
        assertThat(stored).isInstanceOf(ReadOnlyBytes.class).isSameAs(cache().get(key));
        StoredValues values = new StoredValues(new FailOpen(System.getLogger("test"), "test", "test"));
        StoredPage page = values.page(key, cache().get(key), name -> List.of());
        assertThat(values.page(key, cache().get(key), name -> List.of())).isSameAs(page);
        assertThat(page.etag()).as("validators parsed when stored").isNotNull();
        assertThat(page.lastModified()).isEqualTo(Instant.parse("2016-07-17T10:00:00Z"));
    }

    @Test
    void preparedHeaders_areServedAsStored_onEveryHit() throws Exception {
        WebApp web = app();
        HttpResponse<String> miss = web.get("/p");
        clock.advance(Duration.ofSeconds(3));
        HttpResponse<String> hit = web.get("/p");
        clock.advance(Duration.ofSeconds(2));
        HttpResponse<String> later = web.get("/p");
        assertThat(pageHeaders(hit)).isEqualTo(pageHeaders(later)).isEqualTo(pageHeaders(miss));
        assertThat(hit.headers().allValues("X-Several")).containsExactly("one", "two");
        assertThat(header(hit, "Expires")).as("as patched when stored").isEqualTo(header(miss, "Expires"));
        assertThat(header(hit, "Age")).isEqualTo("3");
        assertThat(header(later, "Age")).isEqualTo("5");
        assertThat(header(hit, "Content-Length")).isEqualTo(Integer.toString(BODY.length()));
    }

    @Test
    void notModified_onAHit_carriesOnlyThePreparedValidatorAndCachingHeaders() throws Exception {
        WebApp web = app();
        web.get("/p");
        HttpResponse<String> revalidated = web.get("/p", "If-None-Match", "\"v1\"");
        assertThat(revalidated.statusCode()).isEqualTo(304);
        assertThat(header(revalidated, "ETag")).isEqualTo("\"v1\"");
        assertThat(header(revalidated, "Cache-Control")).isEqualTo("max-age=600");
        assertThat(header(revalidated, "X-Several")).isNull();
        assertThat(header(revalidated, "Content-Type")).isNull();
        assertThat(web.get("/p", "If-None-Match", "\"v2\"").statusCode()).isEqualTo(200);
    }

    @Test
    void corruptReadOnlyBytes_underThePageKey_areAMiss_everyTime() throws Exception {
        WebApp web = app();
        web.get("/p");
        String key = new PageKeys("").pageKey("GET", web.uri("/p").toString(), List.of(), name -> List.of(), "");
        byte[] record = ((ReadOnlyBytes) cache().get(key)).toByteArray();
        // A page record cut short: its leading bytes are right, its lengths point past the end.
        cache().set(key, ReadOnlyBytes.wrap(record, 0, record.length / 2));
        assertThat(header(web.get("/p"), STATUS)).isEqualTo("MISS");
        cache().set(key, ReadOnlyBytes.wrap(new byte[] {'L', 'P', 'P', '1', 9}, 0, 5));
        assertThat(header(web.get("/p"), STATUS)).isEqualTo("MISS");
        assertThat(pages.stats().errors()).isEqualTo(2);
        assertThat(header(web.get("/p"), STATUS)).as("re-stored").isEqualTo("HIT");
    }

    /** The response's headers but those that belong to one response: Date, Age, the cache status. */
    private static Map<String, List<String>> pageHeaders(HttpResponse<?> r) {
        Map<String, List<String>> out = new TreeMap<>(r.headers().map());
        out.keySet().removeIf(name -> name.equalsIgnoreCase("date") || name.equalsIgnoreCase("age")
                || name.equalsIgnoreCase(STATUS));
        return out;
    }

    private static String header(HttpResponse<?> r, String name) {
        return r.headers().firstValue(name).orElse(null);
    }

    /** Records, per response, the array its body was written from (one write of the whole body on a hit). */
    private Filter recordWrites() {
        return (request, response, chain) -> chain.doFilter(request,
                new HttpServletResponseWrapper((HttpServletResponse) response) {
                    @Override
                    public ServletOutputStream getOutputStream() throws IOException {
                        ServletOutputStream out = super.getOutputStream();
                        return new ServletOutputStream() {
                            @Override
                            public void write(int b) throws IOException {
                                out.write(b);
                            }

                            @Override
                            public void write(byte[] b, int off, int len) throws IOException {
                                synchronized (written) {
                                    written.add(b);
                                }
                                out.write(b, off, len);
                            }

                            @Override
                            public boolean isReady() {
                                return out.isReady();
                            }

                            @Override
                            public void setWriteListener(WriteListener listener) {
                                out.setWriteListener(listener);
                            }
                        };
                    }
                });
    }
}
