package dev.larder.spring.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The {@code @CachePage} caches have {@code larder.page.*} meters and a place in the
 * {@code larder} endpoint, each apart from the per-site cache and from one another although
 * all store in {@code default}: {@code page-cache=site}, {@code view:120s},
 * {@code view:120s:items}, {@code view:30s}.
 */
@SpringBootTest(classes = PagesApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "larder.page-cache.enabled=true", "larder.page-cache.url-patterns=/site/*",
                "management.endpoints.web.exposure.include=larder", "larder.page-cache.server-timing=true" })
class CachePageMetricsHttpTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;
    @Autowired
    MeterRegistry meters;

    @Test
    void eachPageCache_hasItsOwnMeters_andEndpointEntry_countingKnownTraffic() {
        Http http = new Http(port);
        http.get("/views/items/1");
        http.get("/views/items/1");
        http.get("/views/cached");
        http.get("/views/cached");
        http.get("/views/cached");
        http.get("/site/plain");
        http.get("/site/cookie");
        http.get("/site/cookie");

        assertThat(count("larder.page.requests", "view:120s:items", "hit")).isEqualTo(1);
        assertThat(count("larder.page.requests", "view:120s:items", "miss")).isEqualTo(1);
        assertThat(count("larder.page.stores", "view:120s:items", "stored")).isEqualTo(1);
        assertThat(count("larder.page.requests", "view:120s", "hit")).isEqualTo(2);
        assertThat(count("larder.page.requests", "view:120s", "miss")).isEqualTo(1);
        assertThat(count("larder.page.requests", "view:30s", "miss")).isZero();
        assertThat(count("larder.page.requests", "site", "hit")).isZero();
        assertThat(count("larder.page.requests", "site", "miss")).isEqualTo(3);
        assertThat(meters.get("larder.page.errors").tag("cache", "default").tag("page-cache", "view:120s")
                .functionCounter().count()).isZero();

        JsonNode pages = JSON.readTree(http.get("/actuator/larder").body()).at("/pageCaches/default");
        assertThat(pages.at("/view:120s:items/hits").asLong()).isEqualTo(1);
        assertThat(pages.at("/view:120s:items/stored").asLong()).isEqualTo(1);
        assertThat(pages.at("/view:120s/hits").asLong()).isEqualTo(2);
        assertThat(pages.at("/view:30s/misses").isMissingNode()).isFalse();
        assertThat(pages.at("/site/misses").asLong()).isEqualTo(3);
        assertThat(pages.at("/site/refusals/set_cookie").asLong()).isEqualTo(2);
        assertThat(meters.get("larder.page.refusals").tag("page-cache", "site").tag("reason", "set_cookie")
                .functionCounter().count()).isEqualTo(2);
        assertThat(meters.get("larder.page.refusals").tag("page-cache", "site").tag("reason", "private")
                .functionCounter().count()).isZero();
    }

    @Test
    void serverTiming_property_marksEveryPageCachesResponses() {
        Http http = new Http(port);
        http.get("/views/cached");
        assertThat(http.get("/views/cached").headers().allValues("Server-Timing"))
                .containsExactly("larder-page;desc=\"HIT\"");
    }

    private double count(String name, String pageCache, String result) {
        return meters.get(name).tag("cache", "default").tag("page-cache", pageCache).tag("result", result)
                .functionCounter().count();
    }
}
