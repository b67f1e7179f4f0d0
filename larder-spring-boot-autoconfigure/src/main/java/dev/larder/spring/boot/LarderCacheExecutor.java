package dev.larder.spring.boot;

import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The executor that runs the blocking Larder calls of Spring's asynchronous caching
 * ({@code Cache.retrieve}, {@code @Cacheable} on methods returning {@code CompletableFuture}). A
 * bean of its own type rather than an {@link Executor} bean, which would make Boot's
 * {@code applicationTaskExecutor} (for {@code @Async} and MVC) back off. Define one to use an
 * executor of your own:
 *
 * <pre>{@code
 * @Bean
 * LarderCacheExecutor larderCacheExecutor(Executor myIoPool) {
 *     return new LarderCacheExecutor(myIoPool);   // not shut down by Larder
 * }
 * }</pre>
 *
 * <p>The default ({@link #bounded}) is a fixed pool of platform threads (Java 17 has no virtual
 * threads) with a bounded queue; when the queue is full, calls fail open (a lookup misses, a
 * loaded value is not stored) rather than block the caller. Thread-safe.
 */
public final class LarderCacheExecutor implements AutoCloseable {
    private final Executor executor;
    private final ExecutorService owned;

    /** An executor of the application's, which it shuts down itself. */
    public LarderCacheExecutor(Executor executor) {
        this.executor = Objects.requireNonNull(executor, "executor");
        this.owned = null;
    }

    private LarderCacheExecutor(ExecutorService owned) {
        this.executor = owned;
        this.owned = owned;
    }

    /** A pool of {@code threads} daemon threads and a queue of {@code queueCapacity} tasks, shut down by {@link #close()}. */
    public static LarderCacheExecutor bounded(int threads, int queueCapacity) {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(queueCapacity), daemonThreads(), new ThreadPoolExecutor.AbortPolicy());
        pool.allowCoreThreadTimeOut(true);
        return new LarderCacheExecutor(pool);
    }

    public Executor executor() {
        return executor;
    }

    /** Shuts the pool down if this made it; an application's executor is left alone. */
    @Override
    public void close() {
        if (owned != null) {
            owned.shutdown();
        }
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread t = new Thread(task, "larder-cache-async-" + count.incrementAndGet());
            // Never what keeps the JVM up: a pending cache write is not worth a hung shutdown.
            t.setDaemon(true);
            return t;
        };
    }
}
