package dev.larder.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.larder.Cache;
import dev.larder.CacheBackendException;
import dev.larder.CacheConfig;
import dev.larder.CacheConfigException;
import dev.larder.CacheRegistry;
import dev.larder.testkit.Await;
import dev.larder.testkit.servers.RedisServer;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A dead server, a wrong password, a bad location: clear errors, bounded waits, and recovery. */
class RedisFaultsTest {

    private static CacheRegistry registry(String location, String... options) {
        CacheConfig.Builder b = CacheConfig.builder().backend("redis").location(location);
        for (int i = 0; i < options.length; i += 2) {
            b.option(options[i], options[i + 1]);
        }
        return CacheRegistry.builder().cache("default", b.build()).build();
    }

    @Test
    void killedServer_failsWithinTheCommandTimeout_andTheSameCacheRecovers() throws Exception {
        try (RedisServer redis = RedisServer.start();
             CacheRegistry caches = registry(redis.uri(), "command-timeout", "300ms")) {
            Cache cache = caches.defaultCache();
            cache.set("k", "v");
            redis.kill();
            for (int i = 0; i < 5; i++) {
                long start = System.nanoTime();
                assertThatThrownBy(() -> cache.get("k")).isInstanceOf(CacheBackendException.class)
                        .hasMessageContaining("redis GETRANGE on 'redis://127.0.0.1:" + redis.port() + "'");
                assertThat(Duration.ofNanos(System.nanoTime() - start)).as("failure " + i).isLessThan(Duration.ofMillis(600));
            }
            assertThat(cache.stats().errors()).isEqualTo(5);

            redis.restart();
            long back = System.nanoTime();
            Object value = Await.answer(Duration.ofSeconds(10), () -> cache.get("k"));
            assertThat(value).as("a restarted server is empty").isNull();
            assertThat(Duration.ofNanos(System.nanoTime() - back)).isLessThan(Duration.ofSeconds(5));
            cache.set("k", "again");
            assertThat(cache.get("k")).isEqualTo("again");
        }
    }

    @Test
    void frozenServer_failsAfterTheCommandTimeout_andTheSameCacheRecoversWhenItAnswers() {
        try (RedisServer redis = RedisServer.start();
             CacheRegistry caches = registry(redis.uri(), "command-timeout", "300ms")) {
            Cache cache = caches.defaultCache();
            cache.set("k", "v");
            redis.freeze();
            try {
                for (int i = 0; i < 3; i++) {
                    long start = System.nanoTime();
                    assertThatThrownBy(() -> cache.get("k")).isInstanceOf(CacheBackendException.class)
                            .hasMessageContaining("redis GETRANGE on 'redis://127.0.0.1:" + redis.port() + "'");
                    Duration waited = Duration.ofNanos(System.nanoTime() - start);
                    // The connection is open, so only the command timeout ends the wait.
                    assertThat(waited).as("wait " + i).isBetween(Duration.ofMillis(280), Duration.ofMillis(1_000));
                }
            } finally {
                redis.thaw();
            }
            assertThat(Await.answer(Duration.ofSeconds(10), () -> cache.get("k"))).isEqualTo("v");
            cache.set("k", "after");
            assertThat(cache.get("k")).isEqualTo("after");
        }
    }

    @Test
    void commandTimeout_defaultsToHalfASecond() {
        try (RedisServer redis = RedisServer.start();
             CacheRegistry caches = registry(redis.uri())) {
            Cache cache = caches.defaultCache();
            cache.set("k", "v");
            redis.freeze();
            try {
                long start = System.nanoTime();
                assertThatThrownBy(() -> cache.get("k")).isInstanceOf(CacheBackendException.class);
                assertThat(Duration.ofNanos(System.nanoTime() - start))
                        .isBetween(Duration.ofMillis(480), Duration.ofMillis(1_500));
            } finally {
                redis.thaw();
            }
        }
    }

    @Test
    void unreachableServer_failsAtStartupNamingTheLocation() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        String location = "redis://127.0.0.1:" + port;
        assertThatThrownBy(() -> registry(location, "connect-timeout", "1s"))
                .isInstanceOf(CacheConfigException.class)
                .hasMessageContaining("larder.caches.default.location='" + location + "'")
                .hasMessageContaining("cannot connect");
    }

    @Test
    void wrongPassword_failsAtStartup_withoutPrintingThePassword() {
        try (RedisServer redis = RedisServer.start("--requirepass", "right-secret")) {
            String wrong = "redis://:wrong-secret@127.0.0.1:" + redis.port();
            assertThatThrownBy(() -> registry(wrong))
                    .isInstanceOf(CacheConfigException.class)
                    .hasMessageContaining("redis://:***@127.0.0.1:" + redis.port())
                    .hasMessageNotContaining("wrong-secret")
                    .satisfies(e -> assertThat(e.getMessage()).containsAnyOf("WRONGPASS", "NOAUTH", "invalid password"));
            try (CacheRegistry ok = registry("redis://:right-secret@127.0.0.1:" + redis.port())) {
                ok.defaultCache().set("k", "v");
                assertThat(ok.defaultCache().get("k")).isEqualTo("v");
                assertThat(ok.defaultCache().toString()).doesNotContain("right-secret");
            }
        }
    }

    @Test
    void malformedLocations_failAtStartupNamingThem() {
        for (String bad : List.of("http://127.0.0.1:6379", "127.0.0.1:6379", "redis://", "redis://127.0.0.1:notaport", "")) {
            assertThatThrownBy(() -> registry(bad)).as(bad)
                    .isInstanceOf(CacheConfigException.class)
                    .hasMessageContaining("larder.caches.default.location");
        }
        assertThatThrownBy(() -> registry("redis-sentinel://127.0.0.1:1#m", "cluster", "true"))
                .isInstanceOf(CacheConfigException.class).hasMessageContaining("Sentinel and Cluster do not mix");
    }

    @Test
    void tls_trustsTheGivenAuthority_andRefusesAnUnknownOne() {
        try (RedisServer redis = RedisServer.startTls()) {
            try (CacheRegistry caches = registry(redis.uri(), "tls-ca-file", redis.caCertificate().toString())) {
                caches.defaultCache().set("k", "over TLS");
                assertThat(caches.defaultCache().get("k")).isEqualTo("over TLS");
                assertThat(redis.cli("GET", ":1:k")).endsWith("over TLS");
            }
            assertThatThrownBy(() -> registry(redis.uri()))
                    .as("a certificate from an authority the JDK does not trust")
                    .isInstanceOf(CacheConfigException.class)
                    .hasMessageContaining("larder.caches.default.location='" + redis.uri() + "'");
            assertThatThrownBy(() -> registry(redis.uri(), "tls-ca-file", "/no/such/ca.pem"))
                    .isInstanceOf(CacheConfigException.class)
                    .hasMessageContaining("options.tls-ca-file='/no/such/ca.pem' is not a readable file");
        }
    }

    @Test
    void unixSocket_works() {
        try (RedisServer redis = RedisServer.start("--unixsocket", "redis.sock", "--unixsocketperm", "700")) {
            String socket = redis.dir().resolve("redis.sock").toString();
            try (CacheRegistry caches = registry("redis-socket://" + socket)) {
                caches.defaultCache().set("k", "over a socket");
                assertThat(redis.cli("GET", ":1:k")).endsWith("over a socket");
                assertThat(caches.defaultCache().get("k")).isEqualTo("over a socket");
            }
        }
    }
}
