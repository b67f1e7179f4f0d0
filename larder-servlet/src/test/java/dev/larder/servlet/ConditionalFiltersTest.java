package dev.larder.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.Filter;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Conditional requests, black-box through Jetty: Django's {@code condition} / {@code etag} /
 * {@code last_modified} decorators (spec §7), which decide <em>before</em> the view runs, and
 * {@code ConditionalGetMiddleware} (§7, §6.3), which decides from the rendered body. The
 * precondition order is RFC 9110 §13.2.2 (spec §6.4).
 */
class ConditionalFiltersTest {
    /** md5("hello"), Django's set_response_etag for the body "hello" (§6.3). */
    private static final String HELLO_ETAG = "\"5d41402abc4b2a76b9719d911017c592\"";
    private static final Instant MODIFIED = Instant.parse("2016-07-17T09:00:00.750Z");
    private static final String MODIFIED_HTTP = "Sun, 17 Jul 2016 09:00:00 GMT";

    private final AtomicInteger views = new AtomicInteger();
    private WebApp app;

    @AfterEach
    void stop() throws Exception {
        if (app != null) {
            app.close();
        }
    }

    /** {@code filter} in front of a view that counts its runs and answers "article". */
    private WebApp app(Filter filter) throws Exception {
        return app(filter, (req, resp) -> resp.getWriter().write("article"));
    }

    private WebApp app(Filter filter, WebApp.View view) throws Exception {
        app = WebApp.builder().filter(filter, "/*").view("/*", (req, resp) -> {
            views.incrementAndGet();
            view.handle(req, resp);
        }).start();
        return app;
    }

    private static String header(HttpResponse<?> r, String name) {
        return r.headers().firstValue(name).orElse(null);
    }

    // --- condition(etag_func=...): decided before the view ----------------------------------

    @Test
    void etag_matchingIfNoneMatch_is304WithTheETag_withoutRunningTheView() throws Exception {
        WebApp web = app(ConditionalFilter.etag(r -> "\"v1\""));
        HttpResponse<String> r = web.get("/a", "If-None-Match", "\"v1\"");
        assertThat(r.statusCode()).isEqualTo(304);
        assertThat(r.body()).isEmpty();
        assertThat(header(r, "ETag")).isEqualTo("\"v1\"");
        assertThat(views).hasValue(0);
    }

    @Test
    void etag_ifNoneMatch_usesWeakComparison_inBothDirections() throws Exception {
        // RFC 9110 §13.1.2: If-None-Match uses the weak comparison function (§8.8.3.2).
        WebApp web = app(ConditionalFilter.etag(r -> r.getRequestURI().equals("/weak") ? "W/\"v1\"" : "\"v1\""));
        assertThat(web.get("/strong", "If-None-Match", "W/\"v1\"").statusCode()).isEqualTo(304);
        assertThat(web.get("/weak", "If-None-Match", "\"v1\"").statusCode()).isEqualTo(304);
        assertThat(views).hasValue(0);
    }

    @Test
    void etag_ifNoneMatchListWithOneMatch_is304() throws Exception {
        WebApp web = app(ConditionalFilter.etag(r -> "\"v1\""));
        assertThat(web.get("/a", "If-None-Match", "\"v0\", \"v1\"").statusCode()).isEqualTo(304);
        assertThat(views).hasValue(0);
    }

    @Test
    void etag_ifNoneMatchStar_is304_whenTheResourceHasATag() throws Exception {
        WebApp web = app(ConditionalFilter.etag(r -> "\"v1\""));
        assertThat(web.get("/a", "If-None-Match", "*").statusCode()).isEqualTo(304);
        assertThat(views).hasValue(0);
    }

    @Test
    void etag_ifNoneMatch_onHead_is304_withoutRunningTheView() throws Exception {
        WebApp web = app(ConditionalFilter.etag(r -> "\"v1\""));
        assertThat(web.send("HEAD", "/a", "If-None-Match", "\"v1\"").statusCode()).isEqualTo(304);
        assertThat(views).hasValue(0);
    }

    @Test
    void etag_otherIfNoneMatch_runsTheView_andAddsTheETag() throws Exception {
        WebApp web = app(ConditionalFilter.etag(r -> "\"v1\""));
        HttpResponse<String> r = web.get("/a", "If-None-Match", "\"v0\"");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("article");
        assertThat(header(r, "ETag")).isEqualTo("\"v1\"");
        assertThat(views).hasValue(1);
    }

    @Test
    void etag_unquotedFromTheFunction_isQuoted_andMatches() throws Exception {
        // Django's condition() quotes an etag_func result that is not already quoted (§7).
        WebApp web = app(ConditionalFilter.etag(r -> "v7"));
        assertThat(header(web.get("/a"), "ETag")).isEqualTo("\"v7\"");
        assertThat(web.get("/a", "If-None-Match", "\"v7\"").statusCode()).isEqualTo(304);
        assertThat(views).hasValue(1);
    }

    @Test
    void ifMatchMismatch_onPut_is412_withoutRunningTheView() throws Exception {
        WebApp web = app(ConditionalFilter.etag(r -> "\"v1\""));
        assertThat(web.send("PUT", "/a", "If-Match", "\"v0\"").statusCode()).isEqualTo(412);
        assertThat(views).hasValue(0);
        assertThat(web.send("PUT", "/a", "If-Match", "\"v1\"").statusCode()).isEqualTo(200);
        assertThat(views).hasValue(1);
    }

    @Test
    void ifMatch_isAStrongComparison_soAWeakResourceTagFails() throws Exception {
        // RFC 9110 §13.1.1: If-Match uses the strong comparison function.
        WebApp web = app(ConditionalFilter.etag(r -> "W/\"v1\""));
        assertThat(web.send("PUT", "/a", "If-Match", "W/\"v1\"").statusCode()).isEqualTo(412);
        assertThat(views).hasValue(0);
    }

    @Test
    void ifNoneMatchMatch_onPut_is412_not304() throws Exception {
        // RFC 9110 §13.1.2: for methods other than GET and HEAD a failed If-None-Match is 412.
        WebApp web = app(ConditionalFilter.etag(r -> "\"v1\""));
        assertThat(web.send("PUT", "/a", "If-None-Match", "*").statusCode()).isEqualTo(412);
        assertThat(views).hasValue(0);
    }

    @Test
    void validators_areAddedToA200_whenTheViewSetNone() throws Exception {
        WebApp web = app(new ConditionalFilter(r -> "\"v1\"", r -> MODIFIED));
        HttpResponse<String> r = web.get("/a");
        assertThat(header(r, "ETag")).isEqualTo("\"v1\"");
        assertThat(header(r, "Last-Modified")).isEqualTo(MODIFIED_HTTP);
    }

    @Test
    void validators_theViewSet_areNotOverwritten() throws Exception {
        WebApp web = app(new ConditionalFilter(r -> "\"v1\"", r -> MODIFIED), (req, resp) -> {
            resp.setHeader("ETag", "\"from-view\"");
            resp.setHeader("Last-Modified", "Sat, 16 Jul 2016 00:00:00 GMT");
            resp.getWriter().write("article");
        });
        HttpResponse<String> r = web.get("/a");
        assertThat(r.headers().allValues("ETag")).containsExactly("\"from-view\"");
        assertThat(r.headers().allValues("Last-Modified")).containsExactly("Sat, 16 Jul 2016 00:00:00 GMT");
    }

    @Test
    void validators_areNotAddedToAPost() throws Exception {
        // Django's condition() sets them "for GET and HEAD only" (§7).
        WebApp web = app(new ConditionalFilter(r -> "\"v1\"", r -> MODIFIED));
        HttpResponse<String> r = web.send("POST", "/a");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(header(r, "ETag")).isNull();
        assertThat(header(r, "Last-Modified")).isNull();
    }

    @Test
    void lastModified_comparesAtWholeSeconds_soTheSameSecondIs304() throws Exception {
        // The function's 09:00:00.750 is sent as 09:00:00 (RFC 9110 §5.6.7); the client echoes that.
        WebApp web = app(ConditionalFilter.lastModified(r -> MODIFIED));
        assertThat(header(web.get("/a"), "Last-Modified")).isEqualTo(MODIFIED_HTTP);
        HttpResponse<String> same = web.get("/a", "If-Modified-Since", MODIFIED_HTTP);
        assertThat(same.statusCode()).isEqualTo(304);
        assertThat(header(same, "Last-Modified")).isEqualTo(MODIFIED_HTTP);
        assertThat(views).hasValue(1);
    }

    @Test
    void lastModified_newerThanIfModifiedSince_runsTheView() throws Exception {
        WebApp web = app(ConditionalFilter.lastModified(r -> MODIFIED));
        HttpResponse<String> r = web.get("/a", "If-Modified-Since", "Sun, 17 Jul 2016 08:59:59 GMT");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("article");
        assertThat(views).hasValue(1);
    }

    @Test
    void ifNoneMatch_takesPrecedenceOverIfModifiedSince() throws Exception {
        // RFC 9110 §13.2.2 step 4 runs only without If-None-Match.
        WebApp web = app(new ConditionalFilter(r -> "\"v1\"", r -> MODIFIED));
        HttpResponse<String> r = web.get("/a", "If-None-Match", "\"v0\"", "If-Modified-Since", MODIFIED_HTTP);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(views).hasValue(1);
    }

    @Test
    void ifUnmodifiedSince_olderThanTheResource_onPut_is412_withoutRunningTheView() throws Exception {
        WebApp web = app(ConditionalFilter.lastModified(r -> MODIFIED));
        assertThat(web.send("PUT", "/a", "If-Unmodified-Since", "Sun, 17 Jul 2016 08:00:00 GMT").statusCode())
                .isEqualTo(412);
        assertThat(views).hasValue(0);
    }

    // --- ConditionalGetMiddleware: decided from the rendered response -----------------------

    private WebApp conditionalGet(WebApp.View view) throws Exception {
        return app(new ConditionalGetFilter(), view);
    }

    private static WebApp.View hello(String name, String value) {
        return (req, resp) -> {
            if (name != null) {
                resp.setHeader(name, value);
            }
            resp.getWriter().write("hello");
        };
    }

    @Test
    void conditionalGet_get200_getsTheMd5ETagOfItsBody() throws Exception {
        HttpResponse<String> r = conditionalGet(hello(null, null)).get("/a");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("hello");
        assertThat(header(r, "ETag")).isEqualTo(HELLO_ETAG);
    }

    @Test
    void conditionalGet_matchingIfNoneMatch_is304WithNoBody() throws Exception {
        WebApp web = conditionalGet(hello(null, null));
        HttpResponse<String> r = web.get("/a", "If-None-Match", HELLO_ETAG);
        assertThat(r.statusCode()).isEqualTo(304);
        assertThat(r.body()).isEmpty();
        assertThat(header(r, "ETag")).isEqualTo(HELLO_ETAG);
        assertThat(web.get("/a", "If-None-Match", "W/" + HELLO_ETAG).statusCode()).as("weak comparison").isEqualTo(304);
        assertThat(web.get("/a", "If-None-Match", "\"other\"").statusCode()).isEqualTo(200);
    }

    @Test
    void conditionalGet_keepsTheViewsETag_andComparesWithIt() throws Exception {
        WebApp web = conditionalGet(hello("ETag", "W/\"abc\""));
        assertThat(header(web.get("/a"), "ETag")).isEqualTo("W/\"abc\"");
        assertThat(web.get("/a", "If-None-Match", "\"abc\"").statusCode()).isEqualTo(304);
        assertThat(web.get("/a", "If-None-Match", HELLO_ETAG).statusCode()).isEqualTo(200);
    }

    @Test
    void conditionalGet_noStoreResponse_getsNoETag() throws Exception {
        WebApp web = conditionalGet(hello("Cache-Control", "no-store"));
        assertThat(header(web.get("/a"), "ETag")).isNull();
        assertThat(web.get("/a", "If-None-Match", HELLO_ETAG).statusCode()).isEqualTo(200);
    }

    @Test
    void conditionalGet_emptyBody_getsNoETag() throws Exception {
        // Django's set_response_etag runs only for non-empty content (§6.3).
        assertThat(header(conditionalGet((req, resp) -> resp.setStatus(200)).get("/a"), "ETag")).isNull();
    }

    @Test
    void conditionalGet_ifModifiedSince_againstTheViewsLastModified_is304() throws Exception {
        WebApp web = conditionalGet(hello("Last-Modified", MODIFIED_HTTP));
        assertThat(web.get("/a", "If-Modified-Since", MODIFIED_HTTP).statusCode()).isEqualTo(304);
        assertThat(web.get("/a", "If-Modified-Since", "Sun, 17 Jul 2016 08:59:59 GMT").statusCode()).isEqualTo(200);
    }

    @Test
    void conditionalGet_notFound_isNeverTurnedInto304() throws Exception {
        // Django ticket #22440: a 404 with a matching validator stays a 404 with its body.
        WebApp web = conditionalGet((req, resp) -> {
            resp.setStatus(404);
            resp.setHeader("ETag", "\"gone\"");
            resp.setHeader("Last-Modified", MODIFIED_HTTP);
            resp.getWriter().write("no such article");
        });
        HttpResponse<String> r = web.get("/a", "If-None-Match", "\"gone\"");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).isEqualTo("no such article");
        HttpResponse<String> byDate = web.get("/a", "If-Modified-Since", MODIFIED_HTTP);
        assertThat(byDate.statusCode()).isEqualTo(404);
        assertThat(byDate.body()).isEqualTo("no such article");
    }

    @Test
    void conditionalGet_post_isUntouched() throws Exception {
        WebApp web = conditionalGet(hello(null, null));
        HttpResponse<String> r = web.send("POST", "/a", "If-None-Match", HELLO_ETAG);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("hello");
        assertThat(header(r, "ETag")).isNull();
    }

    @Test
    void conditionalGet_streamedBody_getsNoETag_andIsSentWhole() throws Exception {
        WebApp web = conditionalGet((req, resp) -> {
            resp.getWriter().write("hel");
            resp.flushBuffer();
            resp.getWriter().write("lo");
        });
        HttpResponse<String> r = web.get("/a", "If-None-Match", HELLO_ETAG);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("hello");
        assertThat(header(r, "ETag")).isNull();
    }

    /**
     * Django's 304 keeps only Cache-Control, Content-Location, Date, ETag, Expires,
     * Last-Modified and Vary from the 200 (spec §6.4; RFC 9110 §15.4.5 says not to send
     * other representation metadata), as {@code Hits} already does for cached pages.
     */
    @Test
    void conditionalGet_304_carriesOnlyTheHeadersRfc9110Section15_4_5Keeps() throws Exception {
        WebApp web = conditionalGet((req, resp) -> {
            resp.setHeader("Content-Language", "en");
            resp.setHeader("Vary", "Accept-Language");
            resp.setHeader("Cache-Control", "max-age=60");
            resp.getWriter().write("hello");
        });
        HttpResponse<String> r = web.get("/a", "If-None-Match", HELLO_ETAG);
        assertThat(r.statusCode()).isEqualTo(304);
        assertThat(header(r, "Vary")).isEqualTo("Accept-Language");
        assertThat(header(r, "Cache-Control")).isEqualTo("max-age=60");
        assertThat(header(r, "Content-Language")).as("representation metadata on a 304").isNull();
    }
}
