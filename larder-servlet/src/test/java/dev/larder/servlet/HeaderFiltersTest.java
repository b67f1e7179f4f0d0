package dev.larder.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.larder.http.CacheControl;
import dev.larder.testing.FakeClock;
import jakarta.servlet.Filter;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Django's header decorators as filters, black-box through Jetty: {@code cache_control}
 * (spec §6.1, §7), {@code never_cache} (§6.6) and {@code vary_on_headers} /
 * {@code vary_on_cookie} (§6.7), with the §12 vectors. The filters run after the view, so the
 * view's own headers are what they merge with.
 */
class HeaderFiltersTest {
    private static final String NEVER = "max-age=0, no-cache, no-store, must-revalidate, private";

    private final FakeClock clock = new FakeClock(Instant.ofEpochSecond(1468749600));
    private final List<WebApp> apps = new ArrayList<>();

    @AfterEach
    void stopApps() throws Exception {
        for (WebApp app : apps) {
            app.close();
        }
    }

    private WebApp start(WebApp.Builder builder) throws Exception {
        WebApp app = builder.start();
        apps.add(app);
        return app;
    }

    /** An app where {@code filter} wraps a view that sets {@code name: value} (when not null) and writes "body". */
    private WebApp app(Filter filter, String name, String value) throws Exception {
        return start(WebApp.builder().filter(filter, "/*").view("/*", (req, resp) -> {
            if (value != null) {
                resp.setHeader(name, value);
            }
            resp.getWriter().write("body");
        }));
    }

    private String cacheControlAfter(String viewValue, CacheControlFilter filter) throws Exception {
        HttpResponse<String> r = app(filter, "Cache-Control", viewValue).get("/p");
        assertThat(r.body()).isEqualTo("body");
        assertThat(r.headers().allValues("Cache-Control")).as("one Cache-Control field line").hasSize(1);
        return r.headers().firstValue("Cache-Control").orElseThrow();
    }

    // --- cache_control (spec §6.1 merge rules, §12 patch_cache_control vectors) -------------

    @Test
    void cacheControl_withoutAViewHeader_writesTheDirectivesInOrder() throws Exception {
        assertThat(cacheControlAfter(null, CacheControlFilter.of("public", "max-age=3600")))
                .isEqualTo("public, max-age=3600");
    }

    @Test
    void cacheControl_smallerMaxAgeWins_whicheverSideSetIt() throws Exception {
        assertThat(cacheControlAfter("max-age=60", CacheControlFilter.of("max-age=30"))).isEqualTo("max-age=30");
        assertThat(cacheControlAfter("max-age=10", CacheControlFilter.of("max-age=30"))).isEqualTo("max-age=10");
    }

    @Test
    void cacheControl_publicReplacesTheViewsPrivate_inItsOwnPlace() throws Exception {
        // §12: "must-revalidate,max-age=60,private" + public=True -> {must-revalidate, max-age=60, public}
        assertThat(cacheControlAfter("must-revalidate,max-age=60,private", CacheControlFilter.of("public")))
                .isEqualTo("must-revalidate, max-age=60, public");
    }

    @Test
    void cacheControl_privateReplacesTheViewsPublic() throws Exception {
        assertThat(cacheControlAfter("public", CacheControlFilter.of("private"))).isEqualTo("private");
    }

    @Test
    void cacheControl_noCacheFieldNamesAccumulate() throws Exception {
        // §12: "no-cache=Set-Cookie" + no_cache="Link": Django 3.2 writes "no-cache=Link, no-cache=Set-Cookie"
        // (set order); Larder one quoted list (RFC 9111 §5.2.2.4; README, Differences from Django).
        assertThat(cacheControlAfter("no-cache=Set-Cookie", CacheControlFilter.of("no-cache=Link")))
                .isEqualTo("no-cache=\"Set-Cookie, Link\"");
    }

    @Test
    void cacheControl_bareNoCacheWinsOverFieldNames() throws Exception {
        // §12: "no-cache=Set-Cookie" + no_cache=True -> {no-cache}
        assertThat(cacheControlAfter("no-cache=Set-Cookie", CacheControlFilter.of("no-cache"))).isEqualTo("no-cache");
    }

    @Test
    void cacheControl_directiveNames_areCaseInsensitive_andUnderscoresBecomeHyphens() throws Exception {
        // Django's kwargs spelling, no_cache / must_revalidate, is accepted.
        assertThat(cacheControlAfter("max-age=60", CacheControlFilter.of("Must_Revalidate", "MAX-AGE=5")))
                .isEqualTo("max-age=5, must-revalidate");
    }

    /**
     * The class Javadoc rules out only a quoted argument <em>with a comma</em>; a quoted one
     * without is the header's own syntax (RFC 9111 §5.2.2.4 recommends it for no-cache) and
     * must mean the same field name, not a value with quote characters in it.
     */
    @Test
    void cacheControl_quotedArgument_meansTheUnquotedFieldName() throws Exception {
        String value = cacheControlAfter(null, CacheControlFilter.of("no-cache=\"Set-Cookie\""));
        assertThat(CacheControl.parse(value).argument("no-cache")).as("argument of %s", value).hasValue("Set-Cookie");
    }

    @Test
    void cacheControlOf_rejectsANonNumericMaxAge_namingIt() {
        assertThatThrownBy(() -> CacheControlFilter.of("public", "max-age=abc"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("max-age=abc");
        assertThatThrownBy(() -> CacheControlFilter.of("max-age"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("max-age");
        assertThatThrownBy(() -> CacheControlFilter.of("max-age=-5"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("max-age=-5");
    }

    @Test
    void cacheControlOf_rejectsADirectiveThatIsNotAToken_namingIt() {
        assertThatThrownBy(() -> CacheControlFilter.of("no store"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no store");
        assertThatThrownBy(() -> CacheControlFilter.of("public", "max/age=5"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("max/age=5");
    }

    @Test
    void cacheControl_initParamDirectives_configureADeclaredFilter() throws Exception {
        WebApp web = start(WebApp.builder()
                .setup(Holders.declared("publicHour", CacheControlFilter.class, "/*",
                        "directives", "public, max-age=3600"))
                .view("/*", (req, resp) -> {
                    resp.setHeader("Cache-Control", "private, max-age=600");
                    resp.getWriter().write("body");
                }));
        assertThat(web.get("/p").headers().firstValue("Cache-Control")).hasValue("max-age=600, public");
    }

    @Test
    void cacheControl_declaredWithoutDirectives_failsToStart_namingTheFilterAndTheParameter() {
        String failure = Holders.startupFailure(WebApp.builder()
                .setup(Holders.declared("bareCacheControl", CacheControlFilter.class, "/*"))
                .view("/*", (req, resp) -> resp.getWriter().write("body")));
        assertThat(failure).contains("'bareCacheControl'", "directives");
    }

    @Test
    void cacheControl_declaredWithABadDirective_failsToStart_namingIt() {
        String failure = Holders.startupFailure(WebApp.builder()
                .setup(Holders.declared("badCacheControl", CacheControlFilter.class, "/*",
                        "directives", "public, max-age=soon"))
                .view("/*", (req, resp) -> resp.getWriter().write("body")));
        assertThat(failure).contains("max-age=soon");
    }

    // --- never_cache (spec §6.6, §12 "Header output") ---------------------------------------

    @Test
    void neverCache_setsDjangosExactHeader_andExpiresNow() throws Exception {
        HttpResponse<String> r = app(new NeverCacheFilter(clock), "X-Unused", null).get("/p");
        assertThat(r.headers().allValues("Cache-Control")).containsExactly(NEVER);
        assertThat(r.headers().firstValue("Expires")).hasValue("Sun, 17 Jul 2016 10:00:00 GMT");
        assertThat(r.body()).isEqualTo("body");
    }

    @Test
    void neverCache_keepsAnExpiresTheViewSet() throws Exception {
        HttpResponse<String> r = app(new NeverCacheFilter(clock), "Expires", "Wed, 21 Oct 2015 07:28:00 GMT").get("/p");
        assertThat(r.headers().allValues("Expires")).containsExactly("Wed, 21 Oct 2015 07:28:00 GMT");
        assertThat(r.headers().firstValue("Cache-Control")).hasValue(NEVER);
    }

    @Test
    void neverCache_overridesAPublicLongLivedViewHeader() throws Exception {
        // max-age merges to the smaller (0) in place; private drops public (§6.1).
        HttpResponse<String> r = app(new NeverCacheFilter(clock), "Cache-Control", "public, max-age=3600").get("/p");
        assertThat(r.headers().allValues("Cache-Control")).containsExactly(NEVER);
    }

    @Test
    void neverCache_expiresFollowsTheClock() throws Exception {
        clock.advanceSeconds(90);
        HttpResponse<String> r = app(new NeverCacheFilter(clock), "X-Unused", null).get("/p");
        assertThat(r.headers().firstValue("Expires")).hasValue("Sun, 17 Jul 2016 10:01:30 GMT");
    }

    // --- vary_on_headers / vary_on_cookie (spec §6.7, §12 patch_vary_headers vectors) -------

    @ParameterizedTest(name = "Vary {0} + {1} -> {2}")
    @CsvSource(delimiter = '|', nullValues = "none", value = {
        "none                              | Accept-Encoding          | Accept-Encoding",
        "Accept-Encoding                   | accept-encoding          | Accept-Encoding",
        "Cookie                            | Accept-Encoding          | Cookie, Accept-Encoding",
        "Cookie, Accept-Encoding           | Accept-Encoding, cookie  | Cookie, Accept-Encoding",
        "none                              | Accept-Encoding, COOKIE  | Accept-Encoding, COOKIE",
        "'Cookie    ,     Accept-Encoding' | Accept-Encoding, cookie  | Cookie, Accept-Encoding",
        "*                                 | Accept-Language, Cookie  | *",
        "Accept-Language, Cookie           | *                        | *",
    })
    void varyOnHeaders_patchesTheViewsVary_likeDjango(String initial, String added, String expected) throws Exception {
        VaryOnHeadersFilter filter = new VaryOnHeadersFilter(added.split(","));
        HttpResponse<String> r = app(filter, "Vary", initial).get("/p");
        assertThat(r.headers().allValues("Vary")).containsExactly(expected);
        assertThat(r.body()).isEqualTo("body");
    }

    @Test
    void varyOnCookie_addsCookie_afterTheViewsNames() throws Exception {
        HttpResponse<String> r = app(VaryOnHeadersFilter.cookie(), "Vary", "Accept-Encoding").get("/p");
        assertThat(r.headers().allValues("Vary")).containsExactly("Accept-Encoding, Cookie");
    }

    @Test
    void varyOnCookie_withoutAViewVary_isJustCookie() throws Exception {
        HttpResponse<String> r = app(VaryOnHeadersFilter.cookie(), "X-Unused", null).get("/p");
        assertThat(r.headers().allValues("Vary")).containsExactly("Cookie");
    }

    @Test
    void varyOnCookie_readsEveryVaryLineTheViewAdded_asOneList() throws Exception {
        // RFC 9110 §5.3: several field lines are one comma-separated list.
        WebApp web = start(WebApp.builder().filter(VaryOnHeadersFilter.cookie(), "/*").view("/*", (req, resp) -> {
            resp.addHeader("Vary", "Accept");
            resp.addHeader("Vary", "cookie");
            resp.getWriter().write("body");
        }));
        assertThat(web.get("/p").headers().allValues("Vary")).containsExactly("Accept, cookie");
    }

    @Test
    void varyOnHeaders_withoutNames_isRejected() {
        assertThatThrownBy(() -> new VaryOnHeadersFilter(new String[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new VaryOnHeadersFilter(" , ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void varyOnHeaders_initParamHeaders_configureADeclaredFilter() throws Exception {
        WebApp web = start(WebApp.builder()
                .setup(Holders.declared("varyLang", VaryOnHeadersFilter.class, "/*", "headers", "Accept-Language, Cookie"))
                .view("/*", (req, resp) -> {
                    resp.setHeader("Vary", "cookie");
                    resp.getWriter().write("body");
                }));
        assertThat(web.get("/p").headers().allValues("Vary")).containsExactly("cookie, Accept-Language");
    }

    // --- headers are patched before the first byte of a streamed body goes out --------------

    private static WebApp.View streaming(String viewCacheControl) {
        return (req, resp) -> {
            if (viewCacheControl != null) {
                resp.setHeader("Cache-Control", viewCacheControl);
            }
            resp.getWriter().write("part one, ");
            resp.flushBuffer();
            resp.getWriter().write("part two");
        };
    }

    @Test
    void cacheControlAndVary_arePatched_whenTheViewFlushesBeforeReturning() throws Exception {
        WebApp web = start(WebApp.builder().filter(CacheControlFilter.of("public", "max-age=60"), "/*")
                .filter(VaryOnHeadersFilter.cookie(), "/*").view("/*", streaming("max-age=600")));
        HttpResponse<String> r = web.get("/p");
        assertThat(r.body()).isEqualTo("part one, part two");
        assertThat(r.headers().firstValue("Content-Length")).as("the body was streamed, not held").isEmpty();
        assertThat(r.headers().allValues("Cache-Control")).containsExactly("max-age=60, public");
        assertThat(r.headers().allValues("Vary")).containsExactly("Cookie");
    }

    @Test
    void neverCache_isPatched_whenTheViewFlushesBeforeReturning() throws Exception {
        WebApp web = start(WebApp.builder().filter(new NeverCacheFilter(clock), "/*")
                .view("/*", streaming("public, max-age=600")));
        HttpResponse<String> r = web.get("/p");
        assertThat(r.body()).isEqualTo("part one, part two");
        assertThat(r.headers().firstValue("Content-Length")).as("the body was streamed, not held").isEmpty();
        assertThat(r.headers().allValues("Cache-Control")).containsExactly(NEVER);
        assertThat(r.headers().firstValue("Expires")).hasValue("Sun, 17 Jul 2016 10:00:00 GMT");
    }

    @Test
    void headers_arePatched_whenTheBodyOutgrowsWhatTheFilterHoldsBack() throws Exception {
        byte[] big = new byte[PageCache.DEFAULT_MAX_PAGE_BYTES + 4096];
        java.util.Arrays.fill(big, (byte) 'z');
        WebApp web = start(WebApp.builder().filter(VaryOnHeadersFilter.cookie(), "/*")
                .filter(new NeverCacheFilter(clock), "/*").view("/*", (req, resp) -> {
                    for (int i = 0; i < big.length; i += 1024) {
                        resp.getOutputStream().write(big, i, Math.min(1024, big.length - i));
                    }
                }));
        HttpResponse<String> r = web.get("/p");
        assertThat(r.body()).hasSize(big.length);
        assertThat(r.headers().allValues("Vary")).containsExactly("Cookie");
        assertThat(r.headers().allValues("Cache-Control")).containsExactly(NEVER);
    }
}
