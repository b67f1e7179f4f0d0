package dev.larder.testing.fuzz;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs one parser call on one fuzz input and checks the three things every parser of outside
 * input owes: it throws nothing but its documented exceptions, it allocates at most
 * {@code bytesPerUnit * size + constantBytes}, and it returns within
 * {@code constantTime + nanosPerUnit * size}. The size is whatever unit the input comes in
 * (characters, bytes, arguments' characters), as the property says.
 *
 * <pre>{@code
 * static final Bounded PARSE = Bounded.named("CacheControl.parse")
 *         .allocation(16, 64 * 1024).time(Duration.ofMillis(50), 100);
 *
 * @Property
 * void parse_isBounded(@ForAll("headers") String value) {
 *     PARSE.call(value.length(), () -> CacheControl.parse(value));
 * }
 * }</pre>
 *
 * <p>Allocation is read with {@code getCurrentThreadAllocatedBytes()} before and after the call
 * on the thread that makes it, and time as that thread's CPU time (the wall clock where the JVM
 * cannot read it), so that other processes on a loaded machine do not fail a linear parser. The call runs on a
 * worker thread so that a call that never returns (an exponential parse) fails the property
 * after ten times its time bound (two seconds at least) instead of hanging the build. A call over a bound is run again up to
 * twice and the least time and allocation count, so that a garbage collection, a busy machine
 * or the first call's class loading does not fail a linear parser; a quadratic one is slow
 * every time. Each instance keeps what it
 * measured for {@link #summary()}.
 *
 * <p>Thread-safe; meant to be shared by the tries of one property.
 */
public final class Bounded {
    private static final ThreadMXBean THREADS =
            (ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final AtomicReference<Worker> WORKER = new AtomicReference<>(new Worker());
    private static final int RUNS_WHEN_OVER = 3;

    private final String name;
    private final List<Class<? extends Throwable>> documented;
    private final long bytesPerUnit;
    private final long constantBytes;
    private final Duration constantTime;
    private final long nanosPerUnit;
    private final Stats stats = new Stats();

    private Bounded(String name, List<Class<? extends Throwable>> documented, long bytesPerUnit, long constantBytes,
            Duration constantTime, long nanosPerUnit) {
        this.name = name;
        this.documented = List.copyOf(documented);
        this.bytesPerUnit = bytesPerUnit;
        this.constantBytes = constantBytes;
        this.constantTime = constantTime;
        this.nanosPerUnit = nanosPerUnit;
    }

    /** A parser that may throw nothing, with 16 bytes a unit + 64 KiB and 50 ms + 100 ns a unit. */
    public static Bounded named(String name) {
        return new Bounded(Objects.requireNonNull(name, "name"), List.of(), 16, 64 * 1024, Duration.ofMillis(50), 100);
    }

    /** The exceptions the parser documents; any other throwable fails the property. */
    @SafeVarargs
    public final Bounded documented(Class<? extends Throwable>... types) {
        return new Bounded(name, List.of(types), bytesPerUnit, constantBytes, constantTime, nanosPerUnit);
    }

    /** At most {@code bytesPerUnit} bytes allocated per unit of input, plus {@code constantBytes}. */
    public Bounded allocation(long bytesPerUnit, long constantBytes) {
        return new Bounded(name, documented, bytesPerUnit, constantBytes, constantTime, nanosPerUnit);
    }

    /** At most {@code constant} plus {@code nanosPerUnit} nanoseconds per unit of input. */
    public Bounded time(Duration constant, long nanosPerUnit) {
        return new Bounded(name, documented, bytesPerUnit, constantBytes, constant, nanosPerUnit);
    }

    /**
     * Runs {@code call} on an input of {@code size} units and checks it.
     *
     * @return what the call returned, or null when it threw a documented exception
     * @throws AssertionError naming the bound and what was measured, when a bound is broken or an
     *     undocumented throwable escaped (attached as the cause)
     */
    public <T> T call(long size, Callable<T> call) {
        Run<T> run = measure(call, size);
        for (int again = 1; again < RUNS_WHEN_OVER && overBound(run, size) && run.nanos != Long.MAX_VALUE; again++) {
            Run<T> next = measure(call, size);
            run = new Run<>(next.value, next.thrown, Math.min(run.bytes, next.bytes), Math.min(run.nanos, next.nanos));
        }
        stats.record(size, run);
        Throwable thrown = run.thrown;
        if (thrown != null && documented.stream().noneMatch(t -> t.isInstance(thrown))) {
            throw new AssertionError(name + " threw " + run.thrown + ", which it does not document (documented: "
                    + documented.stream().map(Class::getSimpleName).toList() + "); input size " + size, run.thrown);
        }
        if (run.bytes > allocationLimit(size)) {
            throw new AssertionError(String.format("%s allocated %,d bytes (least of up to %d runs) for an input of %,d"
                    + " units: more than %d x size + %,d = %,d", name, run.bytes, RUNS_WHEN_OVER, size, bytesPerUnit,
                    constantBytes, allocationLimit(size)));
        }
        if (run.nanos > timeLimit(size)) {
            throw new AssertionError(String.format("%s took %.1f ms (fastest of up to %d runs) for an input of %,d units: more"
                    + " than %s + %d ns x size = %.1f ms", name, run.nanos / 1e6, RUNS_WHEN_OVER, size, constantTime,
                    nanosPerUnit, timeLimit(size) / 1e6));
        }
        return run.value;
    }

    private boolean overBound(Run<?> run, long size) {
        return run.bytes > allocationLimit(size) || run.nanos > timeLimit(size);
    }

    /** Every call is cut off after this long, and fails. */
    long hardLimit(long size) {
        return Math.max(TimeUnit.SECONDS.toNanos(2), 10 * timeLimit(size));
    }

    long allocationLimit(long size) {
        return bytesPerUnit * size + constantBytes;
    }

    long timeLimit(long size) {
        return constantTime.toNanos() + nanosPerUnit * size;
    }

    /**
     * One line: inputs run, how many threw (documented or not), how many were cut off, the total and the
     * longest time, the most bytes allocated, and the largest allocation per unit of input
     * among inputs of 1,024 units or more (below that the constant dominates).
     */
    public String summary() {
        synchronized (stats) {
            return String.format("fuzz: %s | inputs %,d | exceptions %,d | cut off %,d | total %.1f s | max time %.2f ms"
                    + " (size %,d) | max alloc %,d B (size %,d) | max alloc/size %.1f (bounds: %d x size + %,d B, %s + %d"
                    + " ns x size)", name, stats.inputs, stats.exceptions, stats.timeouts, stats.totalNanos / 1e9, stats.maxNanos / 1e6,
                    stats.maxNanosSize, stats.maxBytes, stats.maxBytesSize, stats.maxRatio, bytesPerUnit, constantBytes,
                    constantTime, nanosPerUnit);
        }
    }

    private <T> Run<T> measure(Callable<T> call, long size) {
        Worker worker = WORKER.get();
        Future<Run<T>> future = worker.executor.submit(() -> runHere(call));
        long limit = hardLimit(size);
        try {
            return future.get(limit, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            abandon(worker);
            return new Run<>(null, new AssertionError("did not return within " + limit / 1_000_000 + " ms"),
                    0, Long.MAX_VALUE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for " + name, e);
        } catch (ExecutionException e) {
            throw new AssertionError("the measuring harness failed", e.getCause());
        }
    }

    private static <T> Run<T> runHere(Callable<T> call) {
        long bytesBefore = THREADS.getCurrentThreadAllocatedBytes();
        long start = cpuNanos();
        T value = null;
        Throwable thrown = null;
        try {
            value = call.call();
        } catch (Throwable t) {
            thrown = t;
        }
        long nanos = cpuNanos() - start;
        long bytes = THREADS.getCurrentThreadAllocatedBytes() - bytesBefore;
        return new Run<>(value, thrown, bytes, nanos);
    }

    /**
     * The CPU time of the calling thread where the JVM can read it, else the wall clock: a
     * parser's cost, which other processes on a loaded machine and the collector's threads do
     * not add to (a quadratic parser still spends it).
     */
    private static long cpuNanos() {
        return THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : System.nanoTime();
    }

    /**
     * The worker is stuck in a call that will not return: later calls get a fresh worker, and
     * the stuck one is stopped where the JDK still allows that (Java 17 to 19); on a newer JDK
     * it is a daemon thread that ends with the test JVM.
     */
    private static void abandon(Worker stuck) {
        WORKER.compareAndSet(stuck, new Worker());
        stuck.stop();
    }

    private record Run<T>(T value, Throwable thrown, long bytes, long nanos) {
    }

    private static final class Stats {
        long inputs;
        long exceptions;
        long timeouts;
        long totalNanos;
        long maxNanos;
        long maxNanosSize;
        long maxBytes;
        long maxBytesSize;
        double maxRatio;

        synchronized void record(long size, Run<?> run) {
            inputs++;
            if (run.thrown != null) {
                exceptions++;
            }
            if (run.nanos == Long.MAX_VALUE) {
                timeouts++;
                return;
            }
            totalNanos += run.nanos;
            if (run.nanos > maxNanos) {
                maxNanos = run.nanos;
                maxNanosSize = size;
            }
            if (run.bytes > maxBytes) {
                maxBytes = run.bytes;
                maxBytesSize = size;
            }
            if (size >= 1024) {
                maxRatio = Math.max(maxRatio, (double) run.bytes / size);
            }
        }
    }

    /** One daemon thread that runs the calls, so that a stuck one can be left behind. */
    private static final class Worker {
        private static final AtomicInteger COUNT = new AtomicInteger();
        final ExecutorService executor;
        volatile Thread thread;

        Worker() {
            String threadName = "larder-fuzz-" + COUNT.incrementAndGet();
            executor = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, threadName);
                t.setDaemon(true);
                thread = t;
                return t;
            });
        }

        @SuppressWarnings("removal")
        void stop() {
            executor.shutdownNow();
            Thread t = thread;
            try {
                if (t != null) {
                    t.stop();
                }
            } catch (UnsupportedOperationException newerJdk) {
                // A daemon thread: it ends with the test JVM.
            }
        }
    }

    @Override
    public String toString() {
        return "Bounded[" + name + "]";
    }
}
