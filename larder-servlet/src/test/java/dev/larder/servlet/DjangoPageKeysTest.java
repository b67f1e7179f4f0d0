package dev.larder.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.Cache;
import dev.larder.CacheConfig;
import dev.larder.CacheRegistry;
import dev.larder.http.PageKeys;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Pages are stored under the keys Django 3.2 gives the same request, so one resource spelled
 * several ways is stored once. Requests go over a socket as written (HttpClient would
 * normalise the targets); the keys in the assertions were printed by Django 3.2.25 behind
 * wsgiref and gunicorn for the same request line and Host header
 * ({@code _generate_cache_header_key("", request)}, {@code _generate_cache_key(...)}).
 */
class DjangoPageKeysTest {
    private static final String HOST = "Host: www.example.com";
    private static final String STATUS = PageCache.DEFAULT_STATUS_HEADER;

    private final CacheRegistry caches = CacheRegistry.builder()
            .cache("default", CacheConfig.builder().backend("locmem").location("django-keys").build()).build();
    private final AtomicInteger renders = new AtomicInteger();
    private WebApp app;

    @AfterEach
    void stop() throws Exception {
        if (app != null) {
            app.close();
        }
        caches.close();
    }

    private Cache cache() {
        return caches.defaultCache();
    }

    private WebApp start(UnaryOperator<PageCache.Builder> settings, Filter... outer) throws Exception {
        PageCache pages = settings.apply(PageCache.builder(cache())).build();
        WebApp.Builder b = WebApp.builder();
        for (Filter f : outer) {
            b.filter(f, "/*");
        }
        app = b.filter(new CacheFilter(pages), "/*").view("/*", (req, resp) -> {
            renders.incrementAndGet();
            resp.setContentType("text/plain");
            resp.getWriter().write("path info " + req.getPathInfo());
        }).start();
        return app;
    }

    private WebApp start() throws Exception {
        return start(b -> b);
    }

    @Test
    void spellingsOfOneResource_shareOnePage_underDjangosKey() throws Exception {
        WebApp web = start();
        assertThat(web.raw("/k/%7Euser", HOST).header(STATUS)).isEqualTo("MISS");
        assertThat(web.raw("/k/~user", HOST).header(STATUS)).isEqualTo("HIT");
        assertThat(web.raw("/k/%7euser", HOST).header(STATUS)).isEqualTo("HIT");
        // Django 3.2: cache_header..2007ac8d8d0b4726170dd4dc0de91939 for all three.
        assertThat(cache().get("views.decorators.cache.cache_header..2007ac8d8d0b4726170dd4dc0de91939")).isNotNull();
        assertThat(cache().get("views.decorators.cache.cache_page..GET.2007ac8d8d0b4726170dd4dc0de91939"
                + ".d41d8cd98f00b204e9800998ecf8427e")).isNotNull();

        assertThat(web.raw("/caf%c3%a9", HOST).header(STATUS)).isEqualTo("MISS");
        assertThat(web.raw("/caf%C3%A9", HOST).header(STATUS)).isEqualTo("HIT");
        // Django 3.2: a307aed539ccebb80a7832eae2f46efe (http://www.example.com/caf%C3%A9).
        assertThat(cache().get("views.decorators.cache.cache_header..a307aed539ccebb80a7832eae2f46efe")).isNotNull();
        assertThat(renders).hasValue(2);
    }

    @Test
    void dotSegments_areResolved_asDjangoAndTheContainerDo() throws Exception {
        WebApp web = start();
        // Jetty hands the target over unresolved (getRequestURI "/x/./y/../z") and routes /x/z.
        WebApp.Raw first = web.raw("/x/./y/../z", HOST);
        assertThat(first.body()).isEqualTo("path info /x/z");
        assertThat(web.raw("/x/z", HOST).header(STATUS)).isEqualTo("HIT");
        // Django 3.2: a8e96a49f01ca4ff7ea7de9c1e456430 (http://www.example.com/x/z).
        assertThat(cache().get("views.decorators.cache.cache_header..a8e96a49f01ca4ff7ea7de9c1e456430")).isNotNull();
    }

    @Test
    void bareQuestionMark_isNoQuery() throws Exception {
        WebApp web = start();
        assertThat(web.raw("/p?", HOST).header(STATUS)).isEqualTo("MISS");
        assertThat(web.raw("/p", HOST).header(STATUS)).isEqualTo("HIT");
        // Django 3.2: 3f7a0574319529e7efb9093f10ee15a2 (http://www.example.com/p).
        assertThat(cache().get("views.decorators.cache.cache_header..3f7a0574319529e7efb9093f10ee15a2")).isNotNull();
    }

    @Test
    void pathParameters_areKept_andAnEncodedSemicolonIsAnotherResource() throws Exception {
        WebApp web = start();
        // The container strips ;jsessionid=ABC before it routes, and routes %3B as part of the path.
        assertThat(web.raw("/p;jsessionid=ABC", HOST).body()).isEqualTo("path info /p");
        assertThat(web.raw("/p%3Bjsessionid=ABC", HOST).body()).isEqualTo("path info /p;jsessionid=ABC");
        assertThat(web.raw("/p;jsessionid=ABC", HOST).header(STATUS)).isEqualTo("HIT");
        assertThat(web.raw("/p%3Bjsessionid=ABC", HOST).body()).isEqualTo("path info /p;jsessionid=ABC");
        // Django 3.2 keeps the parameters: f1ae1dcf24d9fe9a928f532f97eebe60 (.../p%3Bjsessionid%3DABC).
        assertThat(cache().get("views.decorators.cache.cache_header..f1ae1dcf24d9fe9a928f532f97eebe60")).isNotNull();
        assertThat(renders).hasValue(2);
    }

    @Test
    void hostAsSent_isPartOfTheKey_caseAndDefaultPortIncluded() throws Exception {
        WebApp web = start();
        web.raw("/h", "Host: www.example.com");
        web.raw("/h", "Host: www.example.com:80");
        web.raw("/h", "Host: WWW.Example.COM");
        // Django 3.2: three keys, one per spelling of the Host header.
        assertThat(cache().get("views.decorators.cache.cache_header..1fa92852f5b87eb2bd66d3cbdf9d454c")).isNotNull();
        assertThat(cache().get("views.decorators.cache.cache_header..27bbd8fac59fb8c1d9ad3c17c06d2aa6")).isNotNull();
        assertThat(cache().get("views.decorators.cache.cache_header..67414158052bb74e311b42036cf6a118")).isNotNull();
        assertThat(renders).hasValue(3);
    }

    @Test
    void noHostHeader_usesServerNameAndPort() throws Exception {
        WebApp web = start();
        int port = web.uri("/").getPort();
        assertThat(web.rawWithVersion("HTTP/1.0", "/h").header(STATUS)).isEqualTo("MISS");
        // Django's PEP 333 reconstruction: SERVER_NAME:SERVER_PORT, the port left out only when it is the default.
        String uri = "http://127.0.0.1:" + port + "/h";
        assertThat(cache().get(new PageKeys("").headerListKey(uri, ""))).isNotNull();
    }

    @Test
    void hostTheContainerDidNotTakeFromTheHostHeader_isTheContainers() throws Exception {
        // As a forwarded-headers customizer would: the page is rendered for other.example, not for the Host header.
        Filter forwarded = (req, resp, chain) -> chain.doFilter(new HttpServletRequestWrapper((HttpServletRequest) req) {
            @Override
            public String getServerName() {
                return "other.example";
            }
        }, resp);
        WebApp web = start(b -> b, forwarded);
        web.raw("/h", "Host: www.example.com");
        assertThat(cache().get(new PageKeys("").headerListKey("http://other.example/h", ""))).isNotNull();
        assertThat(cache().get("views.decorators.cache.cache_header..1fa92852f5b87eb2bd66d3cbdf9d454c")).isNull();
    }

    /** Django drops Accept-Language for USE_I18N only: a time zone in the key does not stand for it. */
    @Test
    void timeZoneAlone_keepsVaryingOnAcceptLanguage() throws Exception {
        app = WebApp.builder().filter(new CacheFilter(PageCache.builder(cache()).timeZone(r -> "UTC").build()), "/*")
                .view("/*", (req, resp) -> {
                    renders.incrementAndGet();
                    resp.setHeader("Vary", "Accept-Language");
                    resp.getWriter().write("page in " + req.getLocale().getLanguage());
                }).start();
        assertThat(app.raw("/p", HOST, "Accept-Language: fr").body()).isEqualTo("page in fr");
        assertThat(app.raw("/p", HOST, "Accept-Language: en").body()).isEqualTo("page in en");
        assertThat(app.raw("/p", HOST, "Accept-Language: fr").header(STATUS)).isEqualTo("HIT");
        assertThat(renders).hasValue(2);
        // Django 3.2 with USE_TZ alone keys the page by the Accept-Language value and ".UTC".
        assertThat(cache().get("views.decorators.cache.cache_header..3f7a0574319529e7efb9093f10ee15a2.UTC")).isNotNull();
    }

    @Test
    void language_replacesAcceptLanguage_soOneLanguageIsOnePage() throws Exception {
        app = WebApp.builder().filter(new CacheFilter(PageCache.builder(cache())
                .language(r -> r.getLocale().getLanguage()).build()), "/*")
                .view("/*", (req, resp) -> {
                    renders.incrementAndGet();
                    resp.setHeader("Vary", "Accept-Language");
                    resp.getWriter().write("page in " + req.getLocale().getLanguage());
                }).start();
        assertThat(app.raw("/p", HOST, "Accept-Language: fr-FR").body()).isEqualTo("page in fr");
        WebApp.Raw second = app.raw("/p", HOST, "Accept-Language: fr;q=0.9");
        assertThat(second.header(STATUS)).isEqualTo("HIT");
        assertThat(second.body()).isEqualTo("page in fr");
        assertThat(app.raw("/p", HOST, "Accept-Language: fr-CA,fr;q=0.8").header(STATUS)).isEqualTo("HIT");
        assertThat(app.raw("/p", HOST, "Accept-Language: en").body()).isEqualTo("page in en");
        assertThat(renders).hasValue(2);
        // Django 3.2 (USE_I18N, LocaleMiddleware between the two cache middlewares, Vary: Accept-Language)
        // stores exactly these keys for the same four requests.
        for (String language : new String[] {"fr", "en"}) {
            assertThat(cache().get("views.decorators.cache.cache_header..3f7a0574319529e7efb9093f10ee15a2." + language))
                    .isNotNull();
            assertThat(cache().get("views.decorators.cache.cache_page..GET.3f7a0574319529e7efb9093f10ee15a2"
                    + ".d41d8cd98f00b204e9800998ecf8427e." + language)).isNotNull();
        }
    }

    @Test
    void withoutALocaleSuffix_acceptLanguageStillSelectsThePage() throws Exception {
        app = WebApp.builder().filter(new CacheFilter(PageCache.builder(cache()).build()), "/*")
                .view("/*", (req, resp) -> {
                    renders.incrementAndGet();
                    resp.setHeader("Vary", "Accept-Language");
                    resp.getWriter().write("page in " + req.getLocale().getLanguage());
                }).start();
        app.raw("/p", HOST, "Accept-Language: fr-FR");
        assertThat(app.raw("/p", HOST, "Accept-Language: fr;q=0.9").header(STATUS)).isEqualTo("MISS");
        assertThat(renders).hasValue(2);
    }
}
