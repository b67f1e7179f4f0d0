package dev.larder.benchmarks;

import com.github.benmanes.caffeine.cache.Caffeine;
import dev.larder.CacheConfig;
import dev.larder.CacheRegistry;
import dev.larder.Timeout;
import dev.larder.spring.cache.LarderCacheManager;
import dev.larder.testkit.servers.RedisServer;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;
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
 * A {@code @Cacheable} method that hits ({@code hit}: a String; {@code hitRecord}: a small record), called through Spring's caching proxy, 10,000 keys
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
            books.detail(Workload.key(i));
        }
        if (books.calls() != 2 * Workload.LIVE_KEYS) {
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
        registry = CacheRegistry.builder().cache("default", CacheConfig.builder().build())
                .cache("books", larderCache("books").build())
                .cache("details", larderCache("details").allowClasses(Detail.class.getName()).build())
                .build();
        executor = Executors.newFixedThreadPool(2);
        return LarderCacheManager.builder(registry, executor).build();
    }

    private CacheConfig.Builder larderCache(String name) {
        CacheConfig.Builder cache = CacheConfig.builder().timeout(Timeout.ofMinutes(60));
        if (manager.equals("larder-redis")) {
            return cache.backend("redis").location(redis.uri()).keyPrefix(name);
        }
        cache.backend("locmem").location("spring-bench-" + manager + "-" + name).option("max-entries", "20000");
        return manager.equals("larder-locmem-references") ? cache.option("store-references", "true") : cache;
    }

    private static CacheManager caffeine() {
        CaffeineCacheManager caffeine = new CaffeineCacheManager("books", "details");
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

    /** A hit whose value is a small record, as a method returning a domain object caches. */
    @Benchmark
    public Detail hitRecord(KeyCursor cursor) {
        return books.detail(cursor.key());
    }

    @Configuration(proxyBeanMethods = false)
    @EnableCaching
    public static class App {
        @Bean
        public Books books() {
            return new Books();
        }
    }

    /** A book's details: four fields, one a list (Serializable, for Spring Data Redis's JDK serialisation). */
    public record Detail(String isbn, String title, int pages, List<String> authors) implements Serializable {
    }

    /** The cached methods: a title of {@link Workload#VALUE_BYTES} characters per key, and a {@link Detail}. */
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

        @Cacheable("details")
        public Detail detail(String isbn) {
            calls++;
            return new Detail(isbn, "The title of " + isbn, 320, List.of("A. Author", "B. Writer"));
        }
    }
}
