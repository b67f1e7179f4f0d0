package dev.larder.benchmarks;

import com.github.benmanes.caffeine.cache.Caffeine;
import dev.larder.CacheConfig;
import dev.larder.CacheRegistry;
import dev.larder.Timeout;
import dev.larder.spring.cache.LarderCacheManager;
import dev.larder.testkit.servers.RedisServer;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.caffeine.CaffeineCacheManager;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.cache.BatchStrategies;
import org.springframework.data.redis.cache.RedisCacheConfiguration;
import org.springframework.data.redis.cache.RedisCacheManager;
import org.springframework.data.redis.cache.RedisCacheWriter;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * A {@code @Cacheable} method that hits, called through Spring's caching proxy, 10,000 keys
 * of 100-character values, with each cache manager a Spring application would pick:
 * <ul>
 *   <li>{@code larder-locmem-references}: Larder's local memory keeping the objects, against
 *       {@code caffeine}, Spring's {@code CaffeineCacheManager} (which keeps them too);</li>
 *   <li>{@code larder-locmem}: Larder's default local memory, which copies every value;</li>
 *   <li>{@code larder-redis} against {@code spring-data-redis}, Spring Data Redis's
 *       {@code RedisCacheManager} over Lettuce, on the same {@code redis-server}, both with a
 *       one-hour expiry and {@code clear} by {@code SCAN}.</li>
 * </ul>
 * Every manager sits behind the same proxy and method; only the {@code CacheManager} bean differs.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Benchmark)
public class SpringCacheableBenchmark {
    @Param({"larder-locmem-references", "caffeine", "larder-locmem", "larder-redis", "spring-data-redis"})
    public String manager;

    private RedisServer redis;
    private CacheRegistry registry;
    private LettuceConnectionFactory lettuce;
    private ExecutorService executor;
    private AnnotationConfigApplicationContext context;
    private Books books;

    @Setup(Level.Trial)
    public void start() {
        if (manager.contains("redis")) {
            redis = RedisServer.start();
        }
        context = new AnnotationConfigApplicationContext();
        context.registerBean(CacheManager.class, this::cacheManager);
        context.register(App.class);
        context.refresh();
        books = context.getBean(Books.class);
        for (int i = 0; i < Workload.LIVE_KEYS; i++) {
            books.title(Workload.key(i));
        }
        if (books.calls() != Workload.LIVE_KEYS) {
            throw new IllegalStateException("expected one call per key, got " + books.calls());
        }
    }

    private CacheManager cacheManager() {
        return switch (manager) {
            case "caffeine" -> caffeine();
            case "spring-data-redis" -> springDataRedis();
            default -> larder();
        };
    }

    private CacheManager larder() {
        CacheConfig.Builder books = CacheConfig.builder().timeout(Timeout.ofMinutes(60));
        if (manager.equals("larder-redis")) {
            books.backend("redis").location(redis.uri());
        } else {
            books.backend("locmem").location("spring-bench-" + manager).option("max-entries", "20000");
            if (manager.equals("larder-locmem-references")) {
                books.option("store-references", "true");
            }
        }
        registry = CacheRegistry.builder().cache("default", CacheConfig.builder().build()).cache("books", books.build())
                .build();
        executor = Executors.newFixedThreadPool(2);
        return LarderCacheManager.builder(registry, executor).build();
    }

    private static CacheManager caffeine() {
        CaffeineCacheManager caffeine = new CaffeineCacheManager("books");
        caffeine.setCaffeine(Caffeine.newBuilder().maximumSize(20_000).expireAfterWrite(Duration.ofHours(1)));
        return caffeine;
    }

    private CacheManager springDataRedis() {
        lettuce = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", redis.port()));
        lettuce.afterPropertiesSet();
        lettuce.start();
        RedisCacheManager redisCaches = RedisCacheManager
                .builder(RedisCacheWriter.nonLockingRedisCacheWriter(lettuce, BatchStrategies.scan(1000)))
                .cacheDefaults(RedisCacheConfiguration.defaultCacheConfig().entryTtl(Duration.ofHours(1)))
                .build();
        redisCaches.afterPropertiesSet();
        return redisCaches;
    }

    @TearDown(Level.Trial)
    public void stop() {
        context.close();
        if (registry != null) {
            registry.close();
            executor.shutdown();
        }
        if (lettuce != null) {
            lettuce.destroy();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @Benchmark
    public String hit(KeyCursor cursor) {
        return books.title(cursor.key());
    }

    @Configuration(proxyBeanMethods = false)
    @EnableCaching
    public static class App {
        @Bean
        public Books books() {
            return new Books();
        }
    }

    /** The cached method: a title of {@link Workload#VALUE_BYTES} characters per key. */
    public static class Books {
        private volatile int calls;

        /** Through the proxy, which has fields of its own: read the target's count with a method. */
        public int calls() {
            return calls;
        }

        @Cacheable("books")
        public String title(String isbn) {
            calls++;
            return Workload.stringValue(Math.abs(isbn.hashCode()) % Workload.LIVE_KEYS);
        }
    }
}
