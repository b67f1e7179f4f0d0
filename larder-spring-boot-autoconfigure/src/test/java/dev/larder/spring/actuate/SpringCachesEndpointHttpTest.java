package dev.larder.spring.actuate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.spring.cache.LarderCacheManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.Bean;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Boot's own {@code caches} endpoint (spring-boot-cache) over a real server: with
 * {@code @EnableCaching}, Larder's {@code CacheManager} is the {@code cacheManager} it lists, and
 * a cache a {@code @Cacheable} method created is there, backed by a Larder cache.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        classes = SpringCachesEndpointHttpTest.App.class,
        properties = "management.endpoints.web.exposure.include=caches")
class SpringCachesEndpointHttpTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;
    @Autowired
    Books books;
    @Autowired
    CacheManager cacheManager;

    @Test
    void cachesEndpoint_listsTheCacheableMethodsCache_underLardersCacheManager() throws Exception {
        assertThat(cacheManager).isInstanceOf(LarderCacheManager.class);
        assertThat(books.title("42")).isEqualTo("title 42 #1");
        assertThat(books.title("42")).isEqualTo("title 42 #1");

        HttpResponse<String> all = get("/actuator/caches");
        assertThat(all.statusCode()).isEqualTo(200);
        JsonNode booksCache = JSON.readTree(all.body()).at("/cacheManagers/cacheManager/caches/books");
        assertThat(booksCache.isMissingNode()).as(all.body()).isFalse();
        assertThat(booksCache.at("/target").asString()).startsWith("dev.larder.");

        HttpResponse<String> one = get("/actuator/caches/books");
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(one.body()).at("/cacheManager").asString()).isEqualTo("cacheManager");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A service whose results Spring caches in {@code books}. */
    static class Books {
        private final AtomicInteger calls = new AtomicInteger();

        @Cacheable("books")
        public String title(String isbn) {
            return "title " + isbn + " #" + calls.incrementAndGet();
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration(excludeName = { "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
            "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
            "org.springframework.boot.data.jpa.autoconfigure.DataJpaRepositoriesAutoConfiguration" })
    @EnableCaching
    static class App {
        @Bean
        Books books() {
            return new Books();
        }
    }
}
