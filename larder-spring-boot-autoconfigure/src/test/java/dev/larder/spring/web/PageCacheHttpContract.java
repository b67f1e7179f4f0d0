package dev.larder.spring.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.CacheRegistry;
import dev.larder.http.HttpDates;
import dev.larder.servlet.PageCache;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.FilterRegistrationBean;

/**
 * The per-site page cache ({@code /site/*}) and {@link CachePage} ({@code /views/*}) through a
 * real Tomcat and a real HTTP client, on whatever store the subclass configures as
 * {@code default}.
 */
abstract class PageCacheHttpContract {
    private static final String NEVER = "max-age=0, no-cache, no-store, must-revalidate, private";

    @LocalServerPort
    int port;
    @Autowired
    Calls calls;
    @Autowired
    CacheRegistry registry;
    @Autowired
    PageCache larderPageCache;
    @Autowired
    FilterRegistrationBean<LarderHandlerFilter> larderCachePageFilter;
    Http http;

    @BeforeEach
    void freshCaches() {
        http = new Http(port);
        calls.reset();
        registry.aliases().forEach(alias -> registry.cache(alias).clear());
    }

    @Test
    void site_secondGet_isServedFromTheCache_withoutCallingTheHandler() {
        long stored = larderPageCache.stats().stored();
        HttpResponse<String> first = http.get("/site/plain");
        HttpResponse<String> second = http.get("/site/plain");

        assertThat(first.body()).isEqualTo("plain 1");
        assertThat(second.body()).isEqualTo("plain 1");
        assertThat(calls.of("site/plain")).isEqualTo(1);
        assertThat(header(first, "X-Larder-Cache")).isEqualTo("MISS");
        assertThat(header(second, "X-Larder-Cache")).isEqualTo("HIT");
        assertThat(header(first, "Cache-Control")).isEqualTo("max-age=300");
        assertThat(header(second, "Cache-Control")).isEqualTo("max-age=300");
        assertExpiresAfter(first, Duration.ofSeconds(300));
        assertThat(larderPageCache.stats().stored()).isEqualTo(stored + 1);
    }

    @Test
    void site_aResponseEntity_isStored_withItsHeaders() {
        // Spring flushes after writing a ResponseEntity's body; that is not a stream.
        HttpResponse<String> first = http.get("/site/entity");
        HttpResponse<String> second = http.get("/site/entity");
        assertThat(second.body()).isEqualTo("entity 1");
        assertThat(header(second, "X-Kind")).isEqualTo("entity");
        assertThat(header(first, "X-Larder-Cache")).isEqualTo("MISS");
        assertThat(header(second, "X-Larder-Cache")).isEqualTo("HIT");
        assertThat(calls.of("site/entity")).isEqualTo(1);
    }

    @Test
    void view_aResponseEntity_isStored_withItsHeaders() {
        http.get("/views/entity");
        HttpResponse<String> second = http.get("/views/entity");
        assertThat(second.body()).isEqualTo("entity 1");
        assertThat(header(second, "X-Kind")).isEqualTo("entity");
        assertThat(calls.of("views/entity")).isEqualTo(1);
    }

    @Test
    void view_aHandlerThatFlushesBeforeItsLastWrite_isStreamed_andNotStored() {
        assertThat(http.get("/views/streamed").body()).isEqualTo("part one, part two");
        assertThat(http.get("/views/streamed").body()).isEqualTo("part one, part two");
        assertThat(calls.of("views/streamed")).isEqualTo(2);
    }

    @Test
    void site_aResponseThatSetsACookie_isNeverStored() {
        assertThat(Http.cookie(http.get("/site/cookie"))).isEqualTo("csrftoken=t1");
        assertThat(Http.cookie(http.get("/site/cookie"))).isEqualTo("csrftoken=t2");
        assertThat(calls.of("site/cookie")).isEqualTo(2);
    }

    @Test
    void site_aPrivateResponse_isNeverStored() {
        assertThat(http.get("/site/private").body()).isEqualTo("private 1");
        assertThat(http.get("/site/private").body()).isEqualTo("private 2");
    }

    @Test
    void site_headersAddedBySecuritysFilters_areSeenBeforeStoring() {
        assertNotStoredBehindSecurity("/site");
    }

    @Test
    void site_aSessionPage_isNotServedToAnotherClient() {
        assertSessionPagesStayWithTheirSession("/site/me", "site/me");
    }

    @Test
    void site_urlsOutsideItsPatterns_areNotCached() {
        HttpResponse<String> other = http.get("/private/inherited");
        assertThat(other.headers().firstValue("X-Larder-Cache")).isEmpty();
        assertThat(header(other, "Cache-Control")).isEqualTo("private");
    }

    @Test
    void cachePage_hit_doesNotCallTheHandler_andHasDjangosHeaders() {
        HttpResponse<String> first = http.get("/views/cached");
        HttpResponse<String> second = http.get("/views/cached");

        assertThat(second.body()).isEqualTo("cached 1");
        assertThat(calls.of("views/cached")).isEqualTo(1);
        assertThat(header(first, "Cache-Control")).isEqualTo("max-age=120");
        assertThat(header(second, "Cache-Control")).isEqualTo("max-age=120");
        assertExpiresAfter(first, Duration.ofSeconds(120));
        assertThat(header(second, "X-Larder-Cache")).isEqualTo("HIT");
        assertThat(second.headers().firstValue("Age")).isPresent();
    }

    @Test
    void cachePage_aHeadIsAnsweredFromTheCachedGet() {
        http.get("/views/cached");
        HttpResponse<String> head = http.send("HEAD", "/views/cached");
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(header(head, "X-Larder-Cache")).isEqualTo("HIT");
        assertThat(calls.of("views/cached")).isEqualTo(1);
    }

    @Test
    void cachePage_onTheClass_cachesItsHandlers() {
        http.get("/views/class");
        HttpResponse<String> second = http.get("/views/class");
        assertThat(second.body()).isEqualTo("class 1");
        assertThat(header(second, "Cache-Control")).isEqualTo("max-age=30");
    }

    @Test
    void cachePage_keysByUrl_andEqualSettingsShareOnePageCache() {
        assertThat(http.get("/views/items/1").body()).isEqualTo("item 1 1");
        assertThat(http.get("/views/items/2").body()).isEqualTo("item 2 2");
        assertThat(http.get("/views/items/1").body()).isEqualTo("item 1 1");
        assertThat(http.get("/views/items/1?page=2").body()).isEqualTo("item 1 3");
        // Every @CachePage("120") handler shares one cache; "2m" with prefix "items" and the
        // class's "30" have their own.
        assertThat(larderCachePageFilter.getFilter().pageCaches()).hasSize(3);
    }

    @Test
    void cachePage_varyOnAcceptLanguage_keepsOnePagePerLanguage() {
        HttpResponse<String> en = http.get("/views/lang", "Accept-Language", "en");
        HttpResponse<String> fr = http.get("/views/lang", "Accept-Language", "fr");
        HttpResponse<String> enAgain = http.get("/views/lang", "Accept-Language", "en");
        HttpResponse<String> frAgain = http.get("/views/lang", "Accept-Language", "fr");

        assertThat(en.body()).isEqualTo("lang en 1");
        assertThat(fr.body()).isEqualTo("lang fr 2");
        assertThat(enAgain.body()).isEqualTo("lang en 1");
        assertThat(frAgain.body()).isEqualTo("lang fr 2");
        assertThat(calls.of("views/lang")).isEqualTo(2);
        assertThat(header(en, "Vary")).isEqualTo("Accept-Language");
        assertThat(header(frAgain, "Vary")).isEqualTo("Accept-Language");
    }

    @Test
    void cachePage_timeoutBeatsASmallerMaxAge_whichTheHeaderStillShows() {
        http.get("/views/short-max-age");
        HttpResponse<String> second = http.get("/views/short-max-age");
        assertThat(second.body()).isEqualTo("short 1");
        assertThat(header(second, "Cache-Control")).isEqualTo("max-age=5");
    }

    @Test
    void cachePage_aResponseThatSetsACookie_isNeverStored() {
        assertThat(Http.cookie(http.get("/views/cookie"))).isEqualTo("csrftoken=t1");
        assertThat(Http.cookie(http.get("/views/cookie"))).isEqualTo("csrftoken=t2");
    }

    @Test
    void cachePage_aPrivateResponse_isNeverStored() {
        assertThat(http.get("/views/private").body()).isEqualTo("private 1");
        assertThat(http.get("/views/private").body()).isEqualTo("private 2");
    }

    @Test
    void cachePage_withNeverCache_isNeverStored() {
        HttpResponse<String> first = http.get("/views/never");
        assertThat(http.get("/views/never").body()).isEqualTo("never 2");
        assertThat(header(first, "Cache-Control")).isEqualTo(NEVER);
    }

    @Test
    void cachePage_headersAddedBySecuritysFilters_areSeenBeforeStoring() {
        assertNotStoredBehindSecurity("/views");
    }

    @Test
    void cachePage_aSessionPage_isNotServedToAnotherClient() {
        assertSessionPagesStayWithTheirSession("/views/me", "views/me");
    }

    /** A cookie or a no-store added at Spring Security's order, after the handler, keeps the page out. */
    private void assertNotStoredBehindSecurity(String root) {
        String firstToken = Http.cookie(http.get(root + "/guarded"));
        HttpResponse<String> second = http.get(root + "/guarded");
        assertThat(Http.cookie(second)).startsWith("XSRF-TOKEN=").isNotEqualTo(firstToken);
        assertThat(second.body()).isEqualTo("guarded 2");
        HttpResponse<String> secured = http.get(root + "/secured");
        assertThat(header(secured, "Cache-Control")).isEqualTo("no-cache, no-store, max-age=0, must-revalidate");
        assertThat(http.get(root + "/secured").body()).isEqualTo("guarded 2");
    }

    /**
     * Alice's page reads her session and sets no cookie (the session exists): without
     * {@code Vary: Cookie} it would be stored under the URL alone and served to everyone.
     */
    private void assertSessionPagesStayWithTheirSession(String path, String handler) {
        String alice = Http.cookie(http.get("/site/login?user=alice"));
        String bob = Http.cookie(http.get("/site/login?user=bob"));

        HttpResponse<String> aliceFirst = http.get(path, "Cookie", alice);
        assertThat(aliceFirst.body()).isEqualTo("me: alice");
        assertThat(header(aliceFirst, "Vary")).isEqualTo("Cookie");
        assertThat(aliceFirst.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(http.get(path, "Cookie", alice).body()).isEqualTo("me: alice");
        assertThat(http.get(path).body()).isEqualTo("me: anonymous");
        assertThat(http.get(path, "Cookie", bob).body()).isEqualTo("me: bob");
        assertThat(http.get(path, "Cookie", alice).body()).isEqualTo("me: alice");
        // Alice's second and third requests were hits; anonymous and Bob each had their own rendering.
        assertThat(calls.of(handler)).isEqualTo(3);
    }

    static String header(HttpResponse<?> response, String name) {
        return String.join(", ", response.headers().allValues(name));
    }

    /** Django's patch_response_headers: Expires = now + timeout, at the second the response was made. */
    private static void assertExpiresAfter(HttpResponse<?> response, Duration timeout) {
        Instant date = HttpDates.parse(header(response, "Date")).orElseThrow();
        Instant expires = HttpDates.parse(header(response, "Expires")).orElseThrow();
        assertThat(Duration.between(date, expires)).isBetween(timeout.minusSeconds(1), timeout.plusSeconds(1));
    }
}
