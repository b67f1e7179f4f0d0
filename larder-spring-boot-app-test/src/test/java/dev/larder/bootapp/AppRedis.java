package dev.larder.bootapp;

import dev.larder.testkit.servers.RedisServer;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The one {@code redis-server} the application's tests point its default cache at, started on a
 * free port when first used and stopped by the testkit when the JVM exits.
 */
final class AppRedis {
    static final RedisServer SERVER = RedisServer.start();

    private AppRedis() {
    }

    /** For a test's {@code @DynamicPropertySource}: the default cache on this server. */
    static void register(DynamicPropertyRegistry registry) {
        registry.add("larder.caches.default.location", SERVER::uri);
    }
}
