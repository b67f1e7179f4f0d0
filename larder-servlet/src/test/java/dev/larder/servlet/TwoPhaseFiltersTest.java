package dev.larder.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.CacheConfig;
import dev.larder.CacheRegistry;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Django's two-phase per-site cache (spec §5): {@link UpdateCacheFilter} first in the chain,
 * {@link FetchFromCacheFilter} last, and whatever adds {@code Vary} between them. The view
 * here sets no Vary of its own, so only a filter can make the pages differ per user.
 */
class TwoPhaseFiltersTest {
    private static final String STATUS = PageCache.DEFAULT_STATUS_HEADER;

    private final CacheRegistry caches = CacheRegistry.builder()
            .cache("default", CacheConfig.builder().backend("locmem").location("two-phase-filters").build()).build();
    private final AtomicInteger renders = new AtomicInteger();
    private WebApp app;

    @BeforeEach
    void clear() {
        caches.defaultCache().clear();
    }

    @AfterEach
    void stop() throws Exception {
        if (app != null) {
            app.close();
        }
        caches.close();
    }

    private PageCache pages() {
        return PageCache.builder(caches.defaultCache()).build();
    }

    /** Starts {@code builder} with a view that echoes the "user" cookie and counts its runs. */
    private WebApp start(WebApp.Builder builder) throws Exception {
        app = builder.view("/*", (req, resp) -> {
            renders.incrementAndGet();
            resp.setContentType("text/plain");
            resp.getWriter().write("page for " + PageCacheContract.cookie(req));
        }).start();
        return app;
    }

    private static String status(HttpResponse<?> r) {
        return r.headers().firstValue(STATUS).orElse(null);
    }

    @Test
    void varyAddedBetweenThePair_isLearned_soEachUserGetsTheirOwnPage_andARepeatIsAHit() throws Exception {
        WebApp web = start(WebApp.builder().filter(new UpdateCacheFilter(), "/*")
                .filter(VaryOnHeadersFilter.cookie(), "/*").filter(new FetchFromCacheFilter(pages()), "/*"));
        HttpResponse<String> alice = web.get("/p", "Cookie", "user=alice");
        assertThat(alice.body()).isEqualTo("page for alice");
        assertThat(status(alice)).isEqualTo("MISS");
        assertThat(alice.headers().allValues("Vary")).containsExactly("Cookie");

        HttpResponse<String> bob = web.get("/p", "Cookie", "user=bob");
        assertThat(bob.body()).isEqualTo("page for bob");
        assertThat(status(bob)).isEqualTo("MISS");

        HttpResponse<String> aliceAgain = web.get("/p", "Cookie", "user=alice");
        assertThat(aliceAgain.body()).isEqualTo("page for alice");
        assertThat(status(aliceAgain)).isEqualTo("HIT");
        assertThat(aliceAgain.headers().allValues("Vary")).containsExactly("Cookie");
        HttpResponse<String> bobAgain = web.get("/p", "Cookie", "user=bob");
        assertThat(bobAgain.body()).isEqualTo("page for bob");
        assertThat(status(bobAgain)).isEqualTo("HIT");
        assertThat(renders).hasValue(2);
    }

    @Test
    void pair_storesWithTheFetchFiltersSettings_andPatchesTheStoredPagesHeaders() throws Exception {
        // Django §5.2 step 7: the stored response gets Expires and max-age from the timeout.
        PageCache pages = PageCache.builder(caches.defaultCache()).timeout(Duration.ofSeconds(42)).build();
        WebApp web = start(WebApp.builder().filter(new UpdateCacheFilter(), "/*")
                .filter(new FetchFromCacheFilter(pages), "/*"));
        HttpResponse<String> miss = web.get("/p");
        assertThat(miss.headers().firstValue("Cache-Control")).hasValue("max-age=42");
        assertThat(miss.headers().firstValue("Expires")).isPresent();
        HttpResponse<String> hit = web.get("/p");
        assertThat(status(hit)).isEqualTo("HIT");
        assertThat(hit.body()).isEqualTo("page for anonymous");
        assertThat(hit.headers().firstValue("Cache-Control")).hasValue("max-age=42");
        assertThat(pages.stats().stored()).isEqualTo(1);
        assertThat(renders).hasValue(1);
    }

    @Test
    @Timeout(30)
    void fetchAlone_neverStores_andEveryRequestRenders_withoutHanging() throws Exception {
        PageCache pages = pages();
        WebApp web = start(WebApp.builder().filter(new FetchFromCacheFilter(pages), "/*"));
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> r = web.get("/p");
            assertThat(r.body()).isEqualTo("page for anonymous");
            assertThat(status(r)).isEqualTo("MISS");
        }
        assertThat(renders).hasValue(3);
        assertThat(pages.stats().stored()).isZero();
    }

    @Test
    void updateAlone_storesNothing() throws Exception {
        WebApp web = start(WebApp.builder().filter(new UpdateCacheFilter(), "/*"));
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> r = web.get("/p");
            assertThat(r.body()).isEqualTo("page for anonymous");
            assertThat(status(r)).as("no fetch filter looked it up").isNull();
            assertThat(r.headers().firstValue("Expires")).as("nor patched it for storage").isEmpty();
        }
        assertThat(renders).hasValue(3);
        // The same cache behind a pair, afterwards, has nothing for the page either.
        app.close();
        renders.set(0);
        WebApp pair = start(WebApp.builder().filter(new UpdateCacheFilter(), "/*")
                .filter(new FetchFromCacheFilter(pages()), "/*"));
        assertThat(status(pair.get("/p"))).isEqualTo("MISS");
    }

    /**
     * The pitfall the docs warn about (spec §5, §7; Django ticket #15855): a filter that adds
     * Vary <em>outside</em> the pair patches the response after the update filter stored it,
     * so the stored key ignores the cookie and the next user is served the first user's page.
     * This pins the documented consequence of the wrong order; the right order is above.
     */
    @Test
    void varyFilterOutsideThePair_isNotLearned_soTheNextUserGetsTheFirstUsersPage() throws Exception {
        WebApp web = start(WebApp.builder().filter(VaryOnHeadersFilter.cookie(), "/*")
                .filter(new UpdateCacheFilter(), "/*").filter(new FetchFromCacheFilter(pages()), "/*"));
        HttpResponse<String> alice = web.get("/p", "Cookie", "user=alice");
        assertThat(alice.body()).isEqualTo("page for alice");
        assertThat(alice.headers().allValues("Vary")).as("the client still sees the Vary").containsExactly("Cookie");

        HttpResponse<String> bob = web.get("/p", "Cookie", "user=bob");
        assertThat(status(bob)).isEqualTo("HIT");
        assertThat(bob.body()).isEqualTo("page for alice");
        assertThat(renders).hasValue(1);
    }

    /**
     * A wrapper between the pair that changes a varied header (here the language, taken from a
     * cookie): the page must be keyed by the request the fetch filter saw, or the store lands
     * under the browser's language and poisons that key for everyone else.
     */
    @Test
    void requestWrappedBetweenThePair_isStoredUnderTheKeyItIsLookedUpBy() throws Exception {
        jakarta.servlet.Filter languageFromCookie = (req, resp, chain) -> {
            jakarta.servlet.http.HttpServletRequest http = (jakarta.servlet.http.HttpServletRequest) req;
            String chosen = PageCacheContract.cookie(http).equals("anonymous") ? null : "fr";
            chain.doFilter(chosen == null ? req : new jakarta.servlet.http.HttpServletRequestWrapper(http) {
                @Override
                public String getHeader(String name) {
                    return name.equalsIgnoreCase("Accept-Language") ? chosen : super.getHeader(name);
                }

                @Override
                public java.util.Enumeration<String> getHeaders(String name) {
                    return name.equalsIgnoreCase("Accept-Language")
                            ? java.util.Collections.enumeration(java.util.List.of(chosen)) : super.getHeaders(name);
                }
            }, resp);
        };
        app = WebApp.builder().filter(new UpdateCacheFilter(), "/*").filter(languageFromCookie, "/*")
                .filter(new FetchFromCacheFilter(pages()), "/*")
                .view("/*", (req, resp) -> {
                    renders.incrementAndGet();
                    resp.setHeader("Vary", "Accept-Language");
                    resp.getWriter().write("page in " + req.getHeader("Accept-Language"));
                }).start();
        assertThat(app.get("/p", "Accept-Language", "en").body()).isEqualTo("page in en");
        // A user whose cookie says French, with a browser saying English.
        assertThat(app.get("/p", "Accept-Language", "en", "Cookie", "user=marie").body()).isEqualTo("page in fr");
        assertThat(app.get("/p", "Accept-Language", "en").body()).as("the English page is still English")
                .isEqualTo("page in en");
        HttpResponse<String> again = app.get("/p", "Accept-Language", "en", "Cookie", "user=marie");
        assertThat(again.body()).isEqualTo("page in fr");
        assertThat(status(again)).isEqualTo("HIT");
    }
}
