package dev.larder.spring.actuate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.CacheRegistry;
import dev.larder.servlet.CacheFilter;
import dev.larder.servlet.PageCache;
import dev.larder.testkit.servers.RedisServer;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The {@code larder} endpoint, the meters and the health group through a real server and a real
 * client, over a real Redis that wants a password. The last test stops that server.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, classes = LarderActuatorHttpTest.App.class,
        properties = { "management.endpoints.web.exposure.include=larder,health,caches,metrics",
                "management.endpoint.health.show-details=always" })
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LarderActuatorHttpTest {
    private static final String PASSWORD = "http-s3cret-pw";
    private static final RedisServer REDIS = RedisServer.start("--requirepass", PASSWORD);
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newHttpClient();

    @LocalServerPort
    int port;
    @Autowired
    CacheRegistry registry;

    @DynamicPropertySource
    static void caches(DynamicPropertyRegistry properties) {
        properties.add("larder.caches.default.backend", () -> "redis");
        properties.add("larder.caches.default.location", () -> "redis://:" + PASSWORD + "@127.0.0.1:" + REDIS.port() + "/0");
        properties.add("larder.caches.default.options.command-timeout", () -> "300ms");
        properties.add("larder.caches.local.backend", () -> "locmem");
    }

    @AfterAll
    static void stopRedis() {
        REDIS.close();
    }

    @Test
    @Order(1)
    void read_listsEveryCache_withTheLocationMasked_andNoPasswordAnywhere() throws Exception {
        HttpResponse<String> response = get("/actuator/larder");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"default\":{\"alias\":\"default\",\"backend\":\"redis\"")
                .contains("\"location\":\"redis://:***@127.0.0.1:" + REDIS.port() + "/0\"")
                .contains("\"local\":{\"alias\":\"local\",\"backend\":\"locmem\"")
                .contains("\"outOfProcess\":true").contains("\"redis_version\"").doesNotContain(PASSWORD);
    }

    @Test
    @Order(2)
    void pageTraffic_showsInTheEndpoint_andInTheMeters() throws Exception {
        assertThat(get("/page").headers().firstValue("X-Larder-Cache")).hasValue("MISS");
        assertThat(get("/page").headers().firstValue("X-Larder-Cache")).hasValue("HIT");
        assertThat(get("/actuator/larder").body())
                .contains("\"pageCaches\":{\"default\":{\"site\":{\"hits\":1,\"misses\":1,\"bypasses\":0,\"stored\":1,");
        assertThat(get("/actuator/metrics/larder.page.requests?tag=result:hit").body())
                .contains("\"measurements\":[{\"statistic\":\"COUNT\",\"value\":1.0}]");
        assertThat(get("/actuator/metrics/larder.page.stores?tag=result:stored&tag=cache:default").body())
                .contains("\"value\":1.0");
    }

    @Test
    @Order(3)
    void readOne_byAlias_and404ForAnUnknownOne() throws Exception {
        HttpResponse<String> one = get("/actuator/larder/default");
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(one.body()).startsWith("{\"alias\":\"default\",\"backend\":\"redis\"").doesNotContain(PASSWORD);
        assertThat(get("/actuator/larder/nope").statusCode()).isEqualTo(404);
    }

    @Test
    @Order(4)
    void post_clearsThatCache_and400ForAnUnknownOne() throws Exception {
        registry.defaultCache().set("k", "v");
        registry.cache("local").set("k", "v");
        HttpResponse<String> cleared = post("/actuator/larder/default");
        assertThat(cleared.statusCode()).isEqualTo(200);
        assertThat(cleared.body()).contains("\"cleared\":true");
        assertThat(registry.defaultCache().hasKey("k")).isFalse();
        assertThat(registry.cache("local").hasKey("k")).isTrue();
        assertThat(post("/actuator/larder/nope").statusCode()).isEqualTo(400);
    }

    @Test
    @Order(5)
    void aCacheCreatedAtRunTime_isListed_withItsLocationMasked() throws Exception {
        registry.create("runtime", registry.config("default").withKeyPrefix("runtime"));
        HttpResponse<String> one = get("/actuator/larder/runtime");
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(one.body()).startsWith("{\"alias\":\"runtime\",\"backend\":\"redis\"")
                .contains("\"location\":\"redis://:***@127.0.0.1:" + REDIS.port() + "/0\"").doesNotContain(PASSWORD);
        assertThat(get("/actuator/larder").body()).contains("\"runtime\":{\"alias\":\"runtime\"").doesNotContain(PASSWORD);
    }

    @Test
    @Order(6)
    void health_isUp_thenDegradedWhenRedisStops_andTheApplicationStaysUp() throws Exception {
        HttpResponse<String> up = get("/actuator/health");
        assertThat(up.statusCode()).isEqualTo(200);
        JsonNode upTree = JSON.readTree(up.body());
        assertThat(upTree.at("/status").asString()).isEqualTo("UP");
        assertThat(upTree.at("/components/larder/status").asString()).isEqualTo("UP");
        assertThat(upTree.at("/components/larder/components/default/status").asString()).isEqualTo("UP");
        assertThat(upTree.at("/components/larder/components/default/details/backend").asString()).isEqualTo("redis");
        assertThat(upTree.at("/components/larder/components/local").isMissingNode()).isTrue();
        assertThat(up.body()).doesNotContain(PASSWORD);
        REDIS.stop();
        HttpResponse<String> degraded = get("/actuator/health");
        assertThat(degraded.statusCode()).isEqualTo(200);
        JsonNode degradedTree = JSON.readTree(degraded.body());
        assertThat(degradedTree.at("/status").asString()).isEqualTo("UP");
        assertThat(degradedTree.at("/components/larder/components/default/status").asString()).isEqualTo("DEGRADED");
        assertThat(degradedTree.at("/components/larder/components/default/details/error").asString()).isNotEmpty();
        assertThat(degraded.body()).doesNotContain(PASSWORD);
        JsonNode read = JSON.readTree(get("/actuator/larder").body());
        assertThat(read.at("/caches/default/details/error").asString()).isNotEmpty();
        assertThat(read.at("/caches/local/backend").asString()).isEqualTo("locmem");
        // The page cache fails open: the page is still served.
        assertThat(get("/page").statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @RestController
    static class App {
        /**
         * A {@code @ResponseBody} page with its own {@code Cache-Control}, behind the bare
         * {@code CacheFilter} below. With neither the site cache nor a {@code @CachePage},
         * Larder's {@code ConvertedBodyFilter} stays inactive here, so a {@code ResponseEntity}
         * (which Spring ends with {@code flushBuffer()}) would be streamed and not stored; a
         * {@code String} body is not ended that way, and is stored. The auto-configured page
         * caches store both.
         */
        @GetMapping("/page")
        @ResponseBody
        String page(HttpServletResponse response) {
            response.setHeader("Cache-Control", "public, max-age=60");
            return "a page";
        }

        /** What the MVC page cache auto-configuration provides; defined here so this test stands alone. */
        @Bean
        PageCache larderPageCache(CacheRegistry registry) {
            return PageCache.builder(registry.defaultCache()).build();
        }

        @Bean
        FilterRegistrationBean<CacheFilter> pageCacheFilter(PageCache pages) {
            FilterRegistrationBean<CacheFilter> filter = new FilterRegistrationBean<>(new CacheFilter(pages));
            filter.addUrlPatterns("/page");
            return filter;
        }
    }
}
