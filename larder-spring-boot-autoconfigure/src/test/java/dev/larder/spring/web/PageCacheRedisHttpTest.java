package dev.larder.spring.web;

import dev.larder.testkit.servers.LarderServers;
import dev.larder.testkit.servers.RedisServer;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The page cache contract over HTTP, on a real {@code redis-server}: pages and header lists
 * go through the wire and the codec, and are read back by another request.
 */
@ExtendWith(LarderServers.class)
@SpringBootTest(classes = PagesApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "larder.page-cache.enabled=true", "larder.page-cache.url-patterns=/site/*",
                "larder.page-cache.timeout=300", "larder.page-cache.status-header=X-Larder-Cache",
                "larder.caches.default.backend=redis", "larder.caches.default.key-prefix=spring-web-test" })
class PageCacheRedisHttpTest extends PageCacheHttpContract {
    /** Set by the constructor, which JUnit runs before Spring loads the context that reads it. */
    private static volatile RedisServer redis;

    PageCacheRedisHttpTest(RedisServer server) {
        redis = server;
    }

    @DynamicPropertySource
    static void redisLocation(DynamicPropertyRegistry registry) {
        registry.add("larder.caches.default.location", () -> redis.uri());
    }
}
