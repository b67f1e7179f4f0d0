package dev.larder.memcached;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.larder.Cache;
import dev.larder.CacheBackendException;
import dev.larder.CacheConfig;
import dev.larder.CacheConfigException;
import dev.larder.CacheRegistry;
import dev.larder.testkit.Await;
import dev.larder.testkit.servers.MemcachedServers;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A dead server, a bad location, a grown pool: clear errors, bounded waits, stable hashing. */
class MemcachedFaultsTest {

    private static CacheRegistry registry(String location, String... options) {
        CacheConfig.Builder b = CacheConfig.builder().backend("memcached").location(location);
        for (int i = 0; i < options.length; i += 2) {
            b.option(options[i], options[i + 1]);
        }
        return CacheRegistry.builder().cache("default", b.build()).build();
    }

    @Test
    void killedServer_failsItsKeysWithinTheTimeout_othersKeepWorking_andItComesBack() throws Exception {
        try (MemcachedServers servers = MemcachedServers.start(2);
             CacheRegistry caches = registry(servers.location(), "command-timeout", "300ms")) {
            Cache cache = caches.defaultCache();
            Map<String, Object> entries = new LinkedHashMap<>();
            for (int i = 0; i < 40; i++) {
                entries.put("k" + i, i);
            }
            cache.setMany(entries);
            servers.kill(1);

            int failed = 0;
            int served = 0;
            for (String key : entries.keySet()) {
                long start = System.nanoTime();
                try {
                    assertThat(cache.get(key)).isNotNull();
                    served++;
                } catch (CacheBackendException e) {
                    assertThat(e).hasMessageContaining("memcached get on '" + servers.location() + "'");
                    failed++;
                }
                assertThat(Duration.ofNanos(System.nanoTime() - start)).as(key).isLessThan(Duration.ofMillis(800));
            }
            assertThat(failed).as("keys on the dead server fail, none move to the live one").isPositive();
            assertThat(served).as("keys on the live server are still served").isPositive();

            servers.restart(1);
            Await.answer(Duration.ofSeconds(10), () -> cache.setMany(entries));
            assertThat(cache.getMany(entries.keySet())).hasSize(40);
        }
    }

    @Test
    void frozenServer_failsAfterTheCommandTimeout_andTheSameCacheRecoversWhenItAnswers() {
        try (MemcachedServers servers = MemcachedServers.start(1);
             CacheRegistry caches = registry(servers.location(), "command-timeout", "300ms")) {
            Cache cache = caches.defaultCache();
            cache.set("k", "v");
            servers.freeze(0);
            try {
                for (int i = 0; i < 3; i++) {
                    long start = System.nanoTime();
                    assertThatThrownBy(() -> cache.get("k")).isInstanceOf(CacheBackendException.class)
                            .hasMessageContaining("memcached get on '" + servers.location() + "'");
                    // The connection is open, so only the command timeout ends the wait.
                    assertThat(Duration.ofNanos(System.nanoTime() - start)).as("wait " + i)
                            .isBetween(Duration.ofMillis(280), Duration.ofMillis(1_000));
                }
            } finally {
                servers.thaw(0);
            }
            assertThat(Await.answer(Duration.ofSeconds(10), () -> cache.get("k"))).isEqualTo("v");
            cache.set("k", "after");
            assertThat(cache.get("k")).isEqualTo("after");
        }
    }

    @Test
    void unreachableServer_failsAtStartupNamingIt() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        try (MemcachedServers one = MemcachedServers.start(1)) {
            String location = one.location() + ",127.0.0.1:" + port;
            assertThatThrownBy(() -> registry(location, "connect-timeout", "1s"))
                    .isInstanceOf(CacheConfigException.class)
                    .hasMessageContaining("larder.caches.default.location='" + location + "'")
                    .hasMessageContaining("127.0.0.1:" + port + " does not answer");
        }
    }

    @Test
    void malformedLocations_failAtStartupNamingThem() {
        for (String bad : List.of("", "localhost", "localhost:", "localhost:port", "localhost:70000", "unix:/tmp/mc.sock",
                "no-such-host.invalid:11211")) {
            assertThatThrownBy(() -> registry(bad)).as(bad).isInstanceOf(CacheConfigException.class)
                    .hasMessageContaining("larder.caches.default.location");
        }
    }

    @Test
    void addingAServer_movesOnlyAboutAQuarterOfTheKeys() {
        try (MemcachedServers servers = MemcachedServers.start(4)) {
            Map<String, Object> entries = new LinkedHashMap<>();
            for (int i = 0; i < 2000; i++) {
                entries.put("user:" + i, i);
            }
            try (CacheRegistry three = registry(servers.location(3))) {
                assertThat(three.defaultCache().setMany(entries)).isEmpty();
            }
            try (CacheRegistry four = registry(servers.location(4))) {
                int stillFound = four.defaultCache().getMany(entries.keySet()).size();
                // Ketama: the new server takes about 1/4 of the keys; a modulo hash would move about 3/4.
                assertThat(stillFound).isBetween(1300, 1700);
            }
        }
    }
}
