package dev.larder.spring.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.CacheConfig;
import dev.larder.CacheRegistry;
import dev.larder.testing.FakeClock;
import dev.larder.testing.LogCapture;
import dev.larder.testkit.servers.LarderServers;
import dev.larder.testkit.servers.MemcachedServers;
import dev.larder.testkit.servers.RedisServer;
import java.time.Duration;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The manager's caches on real servers: a store down when a cache is first used, a clear of the whole store. */
@ExtendWith(LarderServers.class)
class LarderCacheManagerServersTest {
    private final RedisServer redis;
    private final MemcachedServers memcached;

    LarderCacheManagerServersTest(RedisServer redis, MemcachedServers memcached) {
        this.redis = redis;
        this.memcached = memcached;
    }

    @Test
    void aCacheFirstUsedWhileRedisIsDown_failsOpen_andIsCreatedOnceRedisIsBack() {
        FakeClock clock = new FakeClock();
        CacheConfig template = CacheConfig.builder().backend("redis").location(redis.uri()).keyPrefix("down")
                .option("connect-timeout", "1s").build();
        try (CacheRegistry registry = CacheRegistry.builder().cache("default", template).build();
             LogCapture log = LogCapture.of("dev.larder.spring.cache", Level.WARNING)) {
            LarderCacheManager manager = LarderCacheManager.builder(registry, Runnable::run)
                    .template(registry.config("default")).clock(clock).build();
            redis.kill();
            LarderSpringCache down = manager.getCache("books");
            assertThat(down.get("k")).isNull();
            down.put("k", "skipped");
            assertThat(down.get("k", () -> "loaded")).isEqualTo("loaded");
            assertThat(manager.getCache("books")).as("no new attempt within a second").isSameAs(down);
            assertThat(manager.getCacheNames()).doesNotContain("books");
            assertThat(down.failOpenIncidents()).isEqualTo(1);
            assertThat(log.messages()).hasSize(1).allMatch(m -> m.contains("'books'") && m.contains("create"));

            redis.restart();
            clock.advance(Duration.ofMillis(LarderCacheManager.RETRY_MILLIS));
            LarderSpringCache books = manager.getCache("books");
            assertThat(books).isNotSameAs(down);
            books.put("k", "stored");
            assertThat(books.get("k").get()).isEqualTo("stored");
            assertThat(manager.getCache("books")).isSameAs(books);
            assertThat(books.failOpenIncidents()).as("the creation's incident, counted once").isEqualTo(1);
            assertThat(log.messages()).hasSize(1);
        } finally {
            if (!redis.isRunning()) {
                redis.restart();
            }
        }
    }

    @Test
    void clearOfACreatedMemcachedCache_warnsOnce_namingTheTemplateAndWhatIsEmptied() {
        CacheConfig template = CacheConfig.builder().backend("memcached").location(memcached.location()).build();
        try (CacheRegistry registry = CacheRegistry.builder()
                .cache("default", CacheConfig.builder().location("servers-test").build()).cache("shared", template).build();
             LogCapture log = LogCapture.of("dev.larder.spring.cache", Level.WARNING)) {
            LarderCacheManager manager = LarderCacheManager.builder(registry, Runnable::run)
                    .template(registry.config("shared")).build();
            manager.getCache("books").clear();
            manager.getCache("books").clear();
            manager.getCache("authors").clear();
            assertThat(log.messages()).hasSize(2);
            assertThat(log.messages().get(0)).contains("'books'", "template 'shared'", "every Memcached server");
            assertThat(log.messages().get(1)).contains("'authors'");
        }
    }
}
