package dev.larder.spring.web;

import static dev.larder.spring.web.PageCacheHttpContract.header;
import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.http.HttpDates;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * {@link NeverCache}, {@link CacheControl}, {@link VaryOnHeaders}, {@link VaryOnCookie} and
 * {@link Condition} through a real Tomcat and a real HTTP client: the exact headers Django's
 * decorators produce, and 304 / 412 answered before the handler (RFC 9110 §13.2.2).
 */
@SpringBootTest(classes = PagesApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "larder.page-cache.enabled=true", "larder.page-cache.url-patterns=/site/*",
                "larder.page-cache.timeout=300", "larder.page-cache.status-header=X-Larder-Cache" })
class HandlerAnnotationsHttpTest {
    private static final String NEVER = "max-age=0, no-cache, no-store, must-revalidate, private";

    @LocalServerPort
    int port;
    @Autowired
    Calls calls;
    @Autowired
    ArticleVersion versions;
    Http http;

    @BeforeEach
    void reset() {
        http = new Http(port);
        calls.reset();
        versions.reset();
    }

    @Test
    void requestsWithoutAHandler_orForAnotherMethod_areLeftToTheDispatcher() {
        assertThat(http.get("/nothing/here").statusCode()).isEqualTo(404);
        assertThat(http.send("DELETE", "/articles/7").statusCode()).isEqualTo(405);
        assertThat(http.get("/articles/7").body()).isEqualTo("article 7 1");
    }

    @Test
    void neverCache_setsDjangosCacheControl_andExpiresNow() {
        HttpResponse<String> r = http.get("/headers/never");
        assertThat(header(r, "Cache-Control")).isEqualTo(NEVER);
        Instant date = HttpDates.parse(header(r, "Date")).orElseThrow();
        Instant expires = HttpDates.parse(header(r, "Expires")).orElseThrow();
        assertThat(Duration.between(date, expires).abs()).isLessThanOrEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void neverCache_keepsTheHandlersExpires_andPrivateReplacesPublic() {
        HttpResponse<String> r = http.get("/headers/never-expires");
        assertThat(header(r, "Cache-Control")).isEqualTo(NEVER);
        assertThat(header(r, "Expires")).isEqualTo("Thu, 01 Jan 2099 00:00:00 GMT");
    }

    @Test
    void cacheControl_publicReplacesPrivate_inPlaceOfNothingElse() {
        // Django's test vector: "must-revalidate,max-age=60,private" + public=True.
        assertThat(header(http.get("/headers/public"), "Cache-Control")).isEqualTo("must-revalidate, max-age=60, public");
    }

    @Test
    void cacheControl_theSmallerMaxAgeWins_andDurationsAreSeconds() {
        assertThat(header(http.get("/headers/max-age"), "Cache-Control"))
                .isEqualTo("max-age=3600, s-maxage=120, stale-while-revalidate=30");
    }

    @Test
    void cacheControl_noCacheFieldNamesAccumulate() {
        // Django's set of field names, written as larder-http writes it: one quoted list
        // (RFC 9111 §5.2.2.4), not Django's repeated no-cache=Name, which some caches read only once.
        assertThat(header(http.get("/headers/no-cache-fields"), "Cache-Control"))
                .isEqualTo("no-cache=\"Set-Cookie, Link\", no-store");
    }

    @Test
    void cacheControl_onTheClass_appliesToItsHandlers_unlessTheMethodHasItsOwn() {
        assertThat(header(http.get("/private/inherited"), "Cache-Control")).isEqualTo("private");
        assertThat(header(http.get("/private/overridden"), "Cache-Control")).isEqualTo("max-age=60, public");
    }

    @Test
    void varyOnHeadersAndCookie_patchVary_keepingTheHandlersFirst_caseInsensitively() {
        assertThat(header(http.get("/headers/vary"), "Vary")).isEqualTo("Accept-Encoding, Accept-Language, Cookie");
    }

    @Test
    void condition_addsTheETag_fromThePathVariables_toA200() {
        HttpResponse<String> r = http.get("/articles/7");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("article 7 1");
        assertThat(header(r, "ETag")).isEqualTo("\"v1-7\"");
    }

    @Test
    void condition_matchingIfNoneMatch_is304_withoutCallingTheHandler_keepingCachingHeaders() {
        HttpResponse<String> r = http.get("/articles/7", "If-None-Match", "\"v1-7\"");
        assertThat(r.statusCode()).isEqualTo(304);
        assertThat(r.body()).isEmpty();
        assertThat(calls.of("articles.get")).isZero();
        // RFC 9110 §15.4.5: the 304 carries the ETag, Cache-Control and Vary the 200 would have.
        assertThat(header(r, "ETag")).isEqualTo("\"v1-7\"");
        assertThat(header(r, "Cache-Control")).isEqualTo("max-age=60");
        assertThat(header(r, "Vary")).isEqualTo("Accept-Language");
    }

    @Test
    void condition_ifNoneMatch_usesListParsingAndWeakComparison() {
        assertThat(http.get("/articles/7", "If-None-Match", "\"other\", W/\"v1-7\"").statusCode()).isEqualTo(304);
        HttpResponse<String> stale = http.get("/articles/7", "If-None-Match", "\"v0-7\"");
        assertThat(stale.statusCode()).isEqualTo(200);
        assertThat(calls.of("articles.get")).isEqualTo(1);
    }

    @Test
    void condition_staleIfMatchOnPut_is412_withoutCallingTheHandler() {
        HttpResponse<String> r = http.send("PUT", "/articles/7", "If-Match", "\"v0-7\"");
        assertThat(r.statusCode()).isEqualTo(412);
        assertThat(calls.of("articles.put")).isZero();
    }

    @Test
    void condition_currentIfMatchOnPut_runsTheHandler_andTheETagMoves() {
        HttpResponse<String> r = http.send("PUT", "/articles/7", "If-Match", "\"v1-7\"");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("updated 7");
        // The function is the application's bean: the handler's change shows in the next ETag.
        assertThat(header(http.get("/articles/7"), "ETag")).isEqualTo("\"v2-7\"");
        assertThat(http.send("PUT", "/articles/7", "If-Match", "\"v1-7\"").statusCode()).isEqualTo(412);
    }

    @Test
    void condition_ifMatchWithoutAnETag_orIfNoneMatchStarOnPut_is412() {
        assertThat(http.send("PUT", "/articles/missing", "If-Match", "*").statusCode()).isEqualTo(412);
        assertThat(http.send("PUT", "/articles/7", "If-None-Match", "*").statusCode()).isEqualTo(412);
        assertThat(calls.of("articles.put")).isZero();
        assertThat(http.get("/articles/missing").headers().firstValue("ETag")).isEmpty();
    }

    @Test
    void condition_lastModified_isSentToTheSecond_andIfModifiedSinceIs304_withoutTheHandler() {
        HttpResponse<String> r = http.get("/documents/3");
        assertThat(header(r, "Last-Modified")).isEqualTo("Sun, 01 Mar 2026 10:00:00 GMT");
        HttpResponse<String> again = http.get("/documents/3", "If-Modified-Since", "Sun, 01 Mar 2026 10:00:00 GMT");
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(calls.of("documents.get")).isEqualTo(1);
        assertThat(calls.of("documents.lastModified")).isEqualTo(2);
    }

    @Test
    void condition_ifUnmodifiedSinceBeforeTheChange_is412OnPost_withoutTheHandler() {
        HttpResponse<String> early = http.send("POST", "/documents/3", "If-Unmodified-Since", "Sun, 01 Mar 2026 09:00:00 GMT");
        assertThat(early.statusCode()).isEqualTo(412);
        assertThat(calls.of("documents.post")).isZero();
        HttpResponse<String> late = http.send("POST", "/documents/3", "If-Unmodified-Since", "Sun, 01 Mar 2026 10:00:00 GMT");
        assertThat(late.statusCode()).isEqualTo(200);
        assertThat(late.body()).isEqualTo("posted 3 1");
        // Django adds the validators to GET and HEAD responses only.
        assertThat(late.headers().firstValue("Last-Modified")).isEmpty();
    }
}
