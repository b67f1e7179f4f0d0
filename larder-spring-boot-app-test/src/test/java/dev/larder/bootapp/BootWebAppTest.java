package dev.larder.bootapp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.spring.cache.LarderCacheManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cache.CacheManager;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The starter in the application, on Boot's versions: @Cacheable and @CachePage over Redis, through real HTTP. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BootWebAppTest {
    @DynamicPropertySource
    static void redis(DynamicPropertyRegistry registry) {
        AppRedis.register(registry);
    }

    @LocalServerPort
    int port;
    @Autowired
    ShelfLabels labels;
    @Autowired
    CacheManager cacheManager;

    @Test
    void cacheable_isLarderOnRedis_andCallsTheMethodOnce() {
        assertThat(cacheManager).isInstanceOf(LarderCacheManager.class);
        int before = labels.lookups();
        assertThat(labels.label(41)).isEqualTo("Shelf 41");
        assertThat(labels.label(41)).isEqualTo("Shelf 41");
        assertThat(labels.lookups()).isEqualTo(before + 1);
        assertThat(AppRedis.SERVER.cli("EXISTS", "labels:1:~l41")).as("the Spring cache's key in Redis").isEqualTo("1");
    }

    @Test
    void cachePage_servesTheSecondRequestFromRedis() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest get = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/shelves/7")).build();
        HttpResponse<String> first = http.send(get, HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> second = http.send(get, HttpResponse.BodyHandlers.ofString());
        assertThat(first.body()).isEqualTo(second.body()).isEqualTo("<h1>Shelf 7</h1>");
        assertThat(first.headers().firstValue("X-Larder-Cache")).hasValue("MISS");
        assertThat(second.headers().firstValue("X-Larder-Cache")).hasValue("HIT");
    }
}
