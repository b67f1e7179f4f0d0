package dev.larder.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.Cache;
import dev.larder.testing.FakeClock;
import jakarta.servlet.http.Cookie;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The page cache, black-box through Jetty and an HTTP client, on any backend. Each leak test
 * sends two users and proves the second is not served the first one's body.
 */
abstract class PageCacheContract {
    static final String STATUS = PageCache.DEFAULT_STATUS_HEADER;

    protected final FakeClock clock = new FakeClock(Instant.ofEpochSecond(1468749600));
    protected final AtomicInteger renders = new AtomicInteger();
    private WebApp app;
    private PageCache pages;

    /** A cache of the backend under test, empty. */
    protected abstract Cache cache();

    @BeforeEach
    void clearCache() {
        cache().clear();
    }

    @AfterEach
    void stopApp() throws Exception {
        if (app != null) {
            app.close();
        }
    }

    /** Starts an app whose every path is cached by a CacheFilter and rendered by {@code view}. */
    WebApp app(UnaryOperator<PageCache.Builder> settings, WebApp.View view) throws Exception {
        pages = settings.apply(PageCache.builder(cache()).clock(clock)).build();
        app = WebApp.builder().filter(new CacheFilter(pages), "/*").view("/*", (req, resp) -> {
            renders.incrementAndGet();
            view.handle(req, resp);
        }).start();
        return app;
    }

    WebApp app(WebApp.View view) throws Exception {
        return app(b -> b, view);
    }

    PageCache pages() {
        return pages;
    }

    /** A view that echoes who asked (X-User, or the "user" cookie) so a leak shows in the body. */
    static WebApp.View personal(String cacheControl) {
        return (req, resp) -> {
            String user = Optional.ofNullable(req.getHeader("X-User")).orElse(cookie(req));
            if (cacheControl != null) {
                resp.setHeader("Cache-Control", cacheControl);
            }
            resp.setContentType("text/plain");
            resp.getWriter().write("page for " + user);
        };
    }

    static String cookie(jakarta.servlet.http.HttpServletRequest req) {
        if (req.getCookies() != null) {
            for (Cookie c : req.getCookies()) {
                if (c.getName().equals("user")) {
                    return c.getValue();
                }
            }
        }
        return "anonymous";
    }

    static String header(HttpResponse<?> r, String name) {
        return r.headers().firstValue(name).orElse(null);
    }

    // --- hits, misses and what makes a page different --------------------------------------

    @Test
    void secondGet_isServedFromTheCache_withoutRunningTheView() throws Exception {
        WebApp web = app(personal(null));
        HttpResponse<String> first = web.get("/page");
        HttpResponse<String> second = web.get("/page");
        assertThat(first.body()).isEqualTo(second.body()).isEqualTo("page for anonymous");
        assertThat(header(first, STATUS)).isEqualTo("MISS");
        assertThat(header(second, STATUS)).isEqualTo("HIT");
        assertThat(header(second, "Content-Type")).startsWith("text/plain");
        assertThat(renders).hasValue(1);
        assertThat(pages().stats().hits()).isEqualTo(1);
        assertThat(pages().stats().stored()).isEqualTo(1);
    }

    @Test
    void differentQueryString_isADifferentPage() throws Exception {
        WebApp web = app((req, resp) -> resp.getWriter().write("q=" + req.getQueryString()));
        assertThat(web.get("/p?a=1").body()).isEqualTo("q=a=1");
        assertThat(web.get("/p?a=2").body()).isEqualTo("q=a=2");
        assertThat(web.get("/p?a=1").body()).isEqualTo("q=a=1");
        assertThat(renders).hasValue(2);
    }

    @Test
    void post_isNeitherLookedUpNorStored() throws Exception {
        WebApp web = app(personal(null));
        web.get("/p");
        HttpResponse<String> post = web.send("POST", "/p");
        web.send("POST", "/p");
        assertThat(header(post, STATUS)).isEqualTo("BYPASS");
        assertThat(renders).hasValue(3);
    }

    @Test
    void head_isAnsweredFromAStoredGet_withItsLengthAndNoBody() throws Exception {
        WebApp web = app((req, resp) -> resp.getOutputStream().write("twelve bytes".getBytes(StandardCharsets.US_ASCII)));
        web.get("/p");
        HttpResponse<String> head = web.send("HEAD", "/p");
        assertThat(header(head, STATUS)).isEqualTo("HIT");
        assertThat(header(head, "Content-Length")).isEqualTo("12");
        assertThat(head.body()).isEmpty();
        assertThat(renders).hasValue(1);
    }

    @Test
    void storedHead_ofAnHttpServlet_keepsTheLengthOfItsGet() throws Exception {
        // HttpServlet.doHead runs doGet without a body and sets Content-Length; a stored HEAD keeps it.
        pages = PageCache.builder(cache()).clock(clock).build();
        app = WebApp.builder().filter(new CacheFilter(pages), "/*").servlet("/*", new jakarta.servlet.http.HttpServlet() {
            @Override
            protected void doGet(jakarta.servlet.http.HttpServletRequest req, jakarta.servlet.http.HttpServletResponse resp)
                    throws java.io.IOException {
                renders.incrementAndGet();
                resp.getOutputStream().write("twelve bytes".getBytes(StandardCharsets.US_ASCII));
            }
        }).start();
        HttpResponse<String> first = app.send("HEAD", "/p");
        HttpResponse<String> second = app.send("HEAD", "/p");
        assertThat(header(second, STATUS)).isEqualTo("HIT");
        assertThat(header(second, "Content-Length")).isEqualTo(header(first, "Content-Length")).isEqualTo("12");
        assertThat(renders).hasValue(1);
    }

    @Test
    void get_isNeverAnsweredFromAStoredHead() throws Exception {
        WebApp web = app(personal(null));
        web.send("HEAD", "/p");
        HttpResponse<String> get = web.get("/p");
        assertThat(get.body()).isEqualTo("page for anonymous");
        assertThat(renders).hasValue(2);
    }

    @Test
    void writerOutput_keepsItsCharset_onAHit() throws Exception {
        WebApp web = app((req, resp) -> {
            resp.setContentType("text/plain");
            resp.setCharacterEncoding("UTF-8");
            resp.getWriter().write("h\u00e9llo \u2603");
        });
        web.get("/p");
        HttpResponse<String> hit = web.get("/p");
        assertThat(header(hit, STATUS)).isEqualTo("HIT");
        assertThat(header(hit, "Content-Type")).containsIgnoringCase("charset=utf-8");
        assertThat(hit.body()).isEqualTo("h\u00e9llo \u2603");
    }

    // --- headers on stored pages (Django §5.2 steps 6-7, §12 "Header output") -------------

    @Test
    void pageTimeout_setsExpiresAndMaxAge_andAHitOneSecondLaterSaysAgeOne() throws Exception {
        WebApp web = app(b -> b.pageTimeout(Duration.ofSeconds(2)), personal(null));
        HttpResponse<String> miss = web.get("/p");
        assertThat(header(miss, "Expires")).isEqualTo("Sun, 17 Jul 2016 10:00:02 GMT");
        assertThat(header(miss, "Cache-Control")).isEqualTo("max-age=2");
        assertThat(header(miss, "Age")).isNull();
        clock.advanceSeconds(1);
        HttpResponse<String> hit = web.get("/p");
        assertThat(header(hit, "Age")).isEqualTo("1");
        assertThat(header(hit, "Expires")).isEqualTo("Sun, 17 Jul 2016 10:00:02 GMT");
    }

    @Test
    void pageTimeout_storesLongerThanASmallerMaxAge_whoseHeaderIsKept() throws Exception {
        WebApp web = app(b -> b.pageTimeout(Duration.ofSeconds(60)), personal("max-age=5"));
        assertThat(header(web.get("/p"), "Cache-Control")).isEqualTo("max-age=5");
        assertThat(header(web.get("/p"), STATUS)).isEqualTo("HIT");
    }

    @Test
    void maxAgeZero_isNotStored_unlessAPageTimeoutOverridesIt() throws Exception {
        WebApp web = app(personal("max-age=0"));
        web.get("/p");
        assertThat(header(web.get("/p"), STATUS)).isEqualTo("MISS");
        assertThat(renders).hasValue(2);
        stopApp();
        renders.set(0);
        web = app(b -> b.keyPrefix("overridden").pageTimeout(Duration.ofSeconds(30)), personal("max-age=0"));
        web.get("/p");
        assertThat(header(web.get("/p"), STATUS)).isEqualTo("HIT");
        assertThat(renders).hasValue(1);
    }

    @Test
    void refusals_areCountedByReason() throws Exception {
        WebApp web = app((req, resp) -> {
            switch (req.getRequestURI()) {
                case "/cookie" -> resp.addCookie(new Cookie("session", "s1"));
                case "/private" -> resp.setHeader("Cache-Control", "private");
                case "/missing" -> resp.setStatus(404);
                case "/not-modified" -> resp.setStatus(304);
                default -> { }
            }
            resp.getWriter().write("body");
        });
        for (String path : new String[] {"/cookie", "/cookie", "/private", "/missing", "/not-modified", "/fine"}) {
            web.get(path);
        }
        assertThat(pages().refusals()).containsExactly(
                java.util.Map.entry(dev.larder.http.StoragePolicy.Refusal.STATUS, 1L),
                java.util.Map.entry(dev.larder.http.StoragePolicy.Refusal.SET_COOKIE, 2L),
                java.util.Map.entry(dev.larder.http.StoragePolicy.Refusal.PRIVATE, 1L));
        // The view's 304 is refused too (no body to store), with no rule to name.
        assertThat(pages().stats().refused()).isEqualTo(5);
        assertThat(pages().stats().stored()).isEqualTo(1);
    }

    @Test
    void serverTiming_namesHitAndMiss_andIsNeverStoredWithThePage() throws Exception {
        WebApp web = app(b -> b.serverTiming(true), (req, resp) -> {
            resp.addHeader("Server-Timing", "db;dur=12");
            resp.getWriter().write("timed");
        });
        HttpResponse<String> miss = web.get("/t");
        HttpResponse<String> hit = web.get("/t");
        assertThat(miss.headers().allValues("Server-Timing")).contains("larder-page;desc=\"MISS\"", "db;dur=12");
        assertThat(hit.headers().allValues("Server-Timing"))
                .containsExactlyInAnyOrder("db;dur=12", "larder-page;desc=\"HIT\"");
        assertThat(hit.body()).isEqualTo("timed");
    }

    @Test
    void serverTiming_isOffByDefault() throws Exception {
        WebApp web = app(personal(null));
        web.get("/t");
        assertThat(web.get("/t").headers().allValues("Server-Timing")).isEmpty();
    }

    @Test
    void alreadyExpiredResponse_isNotStored() throws Exception {
        // RFC 9111 §5.3. Django 3.2's CacheMiddleware stores both for cache_timeout (600 s).
        WebApp web = app((req, resp) -> {
            resp.setHeader("Expires", req.getRequestURI().equals("/past") ? "Sun, 17 Jul 2016 09:00:00 GMT" : "0");
            resp.getWriter().write("stale");
        });
        for (String path : new String[] {"/past", "/invalid"}) {
            web.get(path);
            assertThat(header(web.get(path), STATUS)).isEqualTo("MISS");
        }
        assertThat(renders).hasValue(4);
        assertThat(pages().stats().stored()).isZero();
    }

    @Test
    void notModifiedFromTheView_getsCachingHeaders_butIsNotStored() throws Exception {
        WebApp web = app((req, resp) -> resp.setStatus(304));
        HttpResponse<String> first = web.get("/p");
        assertThat(first.statusCode()).isEqualTo(304);
        assertThat(header(first, "Cache-Control")).isEqualTo("max-age=600");
        assertThat(header(first, "Expires")).isNotNull();
        web.get("/p");
        assertThat(renders).hasValue(2);
    }

    // --- conditional GET on hits (RFC 9110 §13.2.2) ----------------------------------------

    @Test
    void hit_answersAMatchingIfNoneMatch_with304AndNoBody() throws Exception {
        WebApp web = app((req, resp) -> {
            resp.setHeader("ETag", "\"v1\"");
            resp.getWriter().write("body");
        });
        web.get("/p");
        HttpResponse<String> conditional = web.get("/p", "If-None-Match", "W/\"v1\"");
        assertThat(conditional.statusCode()).isEqualTo(304);
        assertThat(conditional.body()).isEmpty();
        assertThat(header(conditional, "ETag")).isEqualTo("\"v1\"");
        assertThat(header(conditional, STATUS)).isEqualTo("HIT");
        assertThat(web.get("/p", "If-None-Match", "\"v2\"").statusCode()).isEqualTo(200);
        assertThat(renders).hasValue(1);
    }

    @Test
    void hit_answersIfModifiedSince_with304_fromTheStoredLastModified() throws Exception {
        WebApp web = app((req, resp) -> {
            resp.setHeader("Last-Modified", "Sun, 17 Jul 2016 09:00:00 GMT");
            resp.getWriter().write("body");
        });
        web.get("/p");
        assertThat(web.get("/p", "If-Modified-Since", "Sun, 17 Jul 2016 09:00:00 GMT").statusCode()).isEqualTo(304);
        assertThat(web.get("/p", "If-Modified-Since", "Sun, 17 Jul 2016 08:59:59 GMT").statusCode()).isEqualTo(200);
        assertThat(renders).hasValue(1);
    }

    @Test
    void hit_withMalformedPreconditions_isServedWhole() throws Exception {
        WebApp web = app((req, resp) -> {
            resp.setHeader("ETag", "\"v1\"");
            resp.setHeader("Last-Modified", "Sun, 17 Jul 2016 09:00:00 GMT");
            resp.getWriter().write("body");
        });
        web.get("/p");
        HttpResponse<String> hit = web.get("/p", "If-None-Match", "v1, \"unclosed", "If-Modified-Since", "yesterday");
        assertThat(hit.statusCode()).isEqualTo(200);
        assertThat(hit.body()).isEqualTo("body");
        assertThat(header(hit, STATUS)).isEqualTo("HIT");
    }

    @Test
    void contentLengthSetByTheView_isReplayedOnHits() throws Exception {
        WebApp web = app((req, resp) -> {
            resp.setContentLength(12);
            resp.getOutputStream().write("twelve bytes".getBytes(StandardCharsets.US_ASCII));
        });
        assertThat(header(web.get("/p"), "Content-Length")).isEqualTo("12");
        HttpResponse<String> hit = web.get("/p");
        assertThat(header(hit, STATUS)).isEqualTo("HIT");
        assertThat(header(hit, "Content-Length")).isEqualTo("12");
        assertThat(hit.body()).isEqualTo("twelve bytes");
    }

    // --- Vary --------------------------------------------------------------------------------

    @Test
    void varyOnCookie_twoUsers_eachGetTheirOwnPage() throws Exception {
        WebApp web = app((req, resp) -> {
            resp.setHeader("Vary", "Cookie");
            resp.getWriter().write("page for " + cookie(req));
        });
        assertThat(web.get("/p", "Cookie", "user=alice").body()).isEqualTo("page for alice");
        assertThat(web.get("/p", "Cookie", "user=bob").body()).isEqualTo("page for bob");
        assertThat(web.get("/p", "Cookie", "user=alice").body()).isEqualTo("page for alice");
        assertThat(web.get("/p", "Cookie", "user=bob").body()).isEqualTo("page for bob");
        assertThat(renders).hasValue(2);
    }

    @Test
    void varyOnAcceptLanguage_keysEachLanguageApart() throws Exception {
        WebApp web = app((req, resp) -> {
            resp.setHeader("Vary", "Accept-Language");
            resp.getWriter().write(req.getHeader("Accept-Language").startsWith("es") ? "hola" : "hello");
        });
        assertThat(web.get("/p", "Accept-Language", "en").body()).isEqualTo("hello");
        assertThat(web.get("/p", "Accept-Language", "es").body()).isEqualTo("hola");
        assertThat(web.get("/p", "Accept-Language", "en").body()).isEqualTo("hello");
        assertThat(renders).hasValue(2);
    }

    @Test
    void language_keepsEachLanguagesPageApart() throws Exception {
        // Django §12: with i18n, a page cached under "en" and one under "es" are distinct.
        WebApp web = app(b -> b.language(r -> r.getLocale().getLanguage()),
                (req, resp) -> resp.getWriter().write(req.getLocale().getLanguage().equals("es") ? "hola" : "hello"));
        assertThat(web.get("/p", "Accept-Language", "en").body()).isEqualTo("hello");
        assertThat(web.get("/p", "Accept-Language", "es").body()).isEqualTo("hola");
        assertThat(web.get("/p", "Accept-Language", "es").body()).isEqualTo("hola");
        assertThat(web.get("/p", "Accept-Language", "en").body()).isEqualTo("hello");
        assertThat(renders).hasValue(2);
    }

    /**
     * Django's header list is one per URL, last writer wins (spec §10.5): after an anonymous
     * page (no Vary) is learned, a logged-in user's lookup ignores the cookie and gets the
     * anonymous page. Here the list only grows and each page keeps its own vary values.
     */
    @Test
    void anonymousPageLearnedAfterAUsersPage_isNotServedToThatUser() throws Exception {
        WebApp web = app((req, resp) -> {
            String user = cookie(req);
            if (!user.equals("anonymous")) {
                resp.setHeader("Vary", "Cookie");
            }
            resp.getWriter().write("page for " + user);
        });
        assertThat(web.get("/p", "Cookie", "user=alice").body()).isEqualTo("page for alice");
        assertThat(web.get("/p").body()).isEqualTo("page for anonymous");
        assertThat(web.get("/p", "Cookie", "user=alice").body()).isEqualTo("page for alice");
        assertThat(web.get("/p").body()).isEqualTo("page for anonymous");
        assertThat(web.get("/p", "Cookie", "user=bob").body()).isEqualTo("page for bob");
    }

    // --- leaks: the second user must never get the first user's body -------------------------

    private void assertNotShared(WebApp web, String... extraHeaders) {
        String[] alice = concat(new String[] {"X-User", "alice"}, extraHeaders);
        String[] bob = concat(new String[] {"X-User", "bob"}, extraHeaders);
        assertThat(web.get("/p", alice).body()).isEqualTo("page for alice");
        HttpResponse<String> second = web.get("/p", bob);
        assertThat(second.body()).isEqualTo("page for bob");
        assertThat(header(second, STATUS)).isNotEqualTo("HIT");
        assertThat(renders).hasValue(2);
        assertThat(pages().stats().stored()).isZero();
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void responseSettingACookie_isNotStored() throws Exception {
        assertNotShared(app((req, resp) -> {
            resp.addCookie(new Cookie("csrftoken", "secret-" + req.getHeader("X-User")));
            personal(null).handle(req, resp);
        }));
    }

    @Test
    void responseWithASetCookieHeader_isNotStored() throws Exception {
        assertNotShared(app((req, resp) -> {
            resp.addHeader("Set-Cookie", "session=" + req.getHeader("X-User"));
            personal(null).handle(req, resp);
        }));
    }

    @Test
    void privateResponse_isNotStored() throws Exception {
        assertNotShared(app(personal("private")));
    }

    @Test
    void privateInAnyCase_isNotStored() throws Exception {
        assertNotShared(app(personal("max-age=60, PRIVATE")));
    }

    @Test
    void qualifiedPrivate_isNotStored() throws Exception {
        assertNotShared(app(personal("public, max-age=60, private=\"Set-Cookie\"")));
    }

    @Test
    void noStore_isNotStored() throws Exception {
        assertNotShared(app(personal("No-Store")));
    }

    @Test
    void qualifiedNoCache_isNotStored() throws Exception {
        assertNotShared(app(personal("no-cache=\"Set-Cookie\", max-age=60")));
    }

    @Test
    void varyStar_isNotStored() throws Exception {
        assertNotShared(app((req, resp) -> {
            resp.setHeader("Vary", "Accept-Encoding, *");
            personal(null).handle(req, resp);
        }));
    }

    @Test
    void authorizedRequest_isNotStored_unlessTheResponseIsPublic() throws Exception {
        assertNotShared(app(personal(null)), "Authorization", "Bearer token");
    }

    @Test
    void authorizedRequest_withAPublicResponse_isStored() throws Exception {
        WebApp web = app(personal("public, max-age=60"));
        web.get("/p", "X-User", "alice", "Authorization", "Bearer a");
        assertThat(header(web.get("/p", "X-User", "alice", "Authorization", "Bearer a"), STATUS)).isEqualTo("HIT");
        assertThat(renders).hasValue(1);
    }

    @Test
    void neverCacheFilterInside_keepsThePageOutOfTheCache() throws Exception {
        pages = PageCache.builder(cache()).clock(clock).build();
        app = WebApp.builder().filter(new CacheFilter(pages), "/*").filter(new NeverCacheFilter(clock), "/*")
                .view("/*", (req, resp) -> {
                    renders.incrementAndGet();
                    personal(null).handle(req, resp);
                }).start();
        assertNotShared(app);
        assertThat(header(app.get("/p"), "Cache-Control")).isEqualTo("max-age=0, no-cache, no-store, must-revalidate, private");
    }

    @Test
    void responseCreatingASession_isNotStored() throws Exception {
        // The container's session cookie (JSESSIONID) is a Set-Cookie like any other.
        assertNotShared(app((req, resp) -> {
            req.getSession(true).setAttribute("user", req.getHeader("X-User"));
            personal(null).handle(req, resp);
        }));
    }

    @Test
    void headerSetByAFilterFurtherOut_isNeitherStoredNorRepeatedOnHits() throws Exception {
        AtomicInteger ids = new AtomicInteger();
        jakarta.servlet.Filter requestIds = (req, resp, chain) -> {
            ((jakarta.servlet.http.HttpServletResponse) resp).setHeader("X-Request-Id", "r" + ids.incrementAndGet());
            chain.doFilter(req, resp);
        };
        pages = PageCache.builder(cache()).clock(clock).build();
        app = WebApp.builder().filter(requestIds, "/*").filter(new CacheFilter(pages), "/*")
                .view("/*", (req, resp) -> {
                    renders.incrementAndGet();
                    personal(null).handle(req, resp);
                }).start();
        app.get("/p");
        HttpResponse<String> hit = app.get("/p");
        assertThat(header(hit, STATUS)).isEqualTo("HIT");
        assertThat(hit.headers().allValues("X-Request-Id")).containsExactly("r2");
    }

    @Test
    void charsetChangedAfterGetWriter_isIgnored_asTheServletSpecSays() throws Exception {
        // Servlet 6 §5.6: once the writer is obtained its charset is fixed; a later
        // setContentType(...;charset=UTF-8) must not make the bytes and the header disagree.
        WebApp web = app((req, resp) -> {
            resp.setCharacterEncoding("ISO-8859-1");
            java.io.PrintWriter out = resp.getWriter();
            resp.setContentType("text/plain;charset=UTF-8");
            out.write("caf\u00e9");
        });
        HttpResponse<String> miss = web.get("/p");
        HttpResponse<String> hit = web.get("/p");
        assertThat(miss.statusCode()).isEqualTo(200);
        assertThat(miss.body()).isEqualTo("caf\u00e9");
        assertThat(header(miss, "Content-Type")).containsIgnoringCase("charset=ISO-8859-1");
        assertThat(header(hit, STATUS)).isEqualTo("HIT");
        assertThat(hit.body()).isEqualTo("caf\u00e9");
    }

    @Test
    void resetAfterTheWriter_letsTheViewUseTheStream() throws Exception {
        WebApp web = app((req, resp) -> {
            resp.getWriter().write("draft");
            resp.reset();
            resp.getOutputStream().write("final".getBytes(StandardCharsets.US_ASCII));
        });
        assertThat(web.get("/p").body()).isEqualTo("final");
        assertThat(web.get("/p").body()).isEqualTo("final");
        assertThat(renders).hasValue(1);
    }

    // --- what cannot be captured is passed through, uncached -------------------------------

    @Test
    void flushedResponse_isSentWhole_andNotStored() throws Exception {
        WebApp web = app((req, resp) -> {
            resp.getWriter().write("part one, ");
            resp.flushBuffer();
            resp.getWriter().write("part two");
        });
        assertThat(web.get("/p").body()).isEqualTo("part one, part two");
        assertThat(web.get("/p").body()).isEqualTo("part one, part two");
        assertThat(renders).hasValue(2);
    }

    @Test
    void bodyOverTheLimit_isSentWhole_andNotStored() throws Exception {
        String big = "x".repeat(5000);
        WebApp web = app(b -> b.maxPageBytes(1000), (req, resp) -> resp.getWriter().write(big));
        assertThat(web.get("/p").body()).hasSize(5000).isEqualTo(big);
        assertThat(web.get("/p").body()).hasSize(5000).isEqualTo(big);
        assertThat(renders).hasValue(2);
    }

    @Test
    void streamOverTheLimit_isSentWhole_andNotStored() throws Exception {
        byte[] big = new byte[5000];
        java.util.Arrays.fill(big, (byte) 'y');
        WebApp web = app(b -> b.maxPageBytes(1000), (req, resp) -> {
            for (int i = 0; i < big.length; i += 100) {
                resp.getOutputStream().write(big, i, 100);
            }
        });
        assertThat(web.get("/p").body()).hasSize(5000).isEqualTo(new String(big, StandardCharsets.US_ASCII));
        assertThat(web.get("/p").body()).hasSize(5000);
        assertThat(renders).hasValue(2);
    }

    @Test
    void errorsAndRedirects_areNotStored() throws Exception {
        WebApp web = app((req, resp) -> {
            if (req.getRequestURI().endsWith("missing")) {
                resp.sendError(404, "no such page");
            } else {
                resp.sendRedirect("/elsewhere");
            }
        });
        assertThat(web.get("/missing").statusCode()).isEqualTo(404);
        assertThat(web.get("/missing").statusCode()).isEqualTo(404);
        assertThat(web.get("/moved").statusCode()).isEqualTo(302);
        assertThat(web.get("/moved").statusCode()).isEqualTo(302);
        assertThat(renders).hasValue(4);
    }

    @Test
    void corruptBytesUnderThePageKey_areAMiss_andCounted() throws Exception {
        WebApp web = app(personal(null));
        web.get("/p");
        String key = new dev.larder.http.PageKeys("").pageKey("GET", web.uri("/p").toString(), java.util.List.of(),
                name -> java.util.List.of(), "");
        cache().set(key, new byte[] {1, 2, 3});
        HttpResponse<String> after = web.get("/p");
        assertThat(after.body()).isEqualTo("page for anonymous");
        assertThat(header(after, STATUS)).isEqualTo("MISS");
        assertThat(pages().stats().errors()).isEqualTo(1);
        assertThat(header(web.get("/p"), STATUS)).as("re-stored").isEqualTo("HIT");
    }
}
