package dev.larder.benchmarks;

import dev.larder.Cache;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.DoubleSupplier;

/**
 * A load harness for calls that go over the network, where JMH's per-invocation machinery is
 * not the point: many threads calling as fast as they can for a fixed time, and variants
 * measured in alternating rounds so that a machine's drift between rounds cancels in each
 * round's ratio.
 */
final class Load {
    private Load() {
    }

    /** The number of rounds a harness's first argument asks for; 5 without one. */
    static int roundsArg(String[] args) {
        return args.length > 0 ? Integer.parseInt(args[0]) : 5;
    }

    /** How long each variant runs per round, in seconds, from a harness's second argument; 5 s without one. */
    static Duration durationArg(String[] args) {
        return Duration.ofSeconds(args.length > 1 ? Long.parseLong(args[1]) : 5);
    }

    /**
     * The keys a harness works on, {@code key:<n>}, as the caller names them and as Larder stores
     * them with the default key function at version 1 ({@code :1:key:<n>}), which is what a raw
     * client must use to reach the same entries.
     */
    record Keys(String[] names, String[] stored) {
        static Keys of(int count) {
            String[] names = new String[count];
            String[] stored = new String[count];
            for (int i = 0; i < count; i++) {
                names[i] = "key:" + i;
                stored[i] = ":1:" + names[i];
            }
            return new Keys(names, stored);
        }

        /** Stores {@code value} under every key through {@code cache}. */
        void fill(Cache cache, Object value) {
            for (String name : names) {
                cache.set(name, value);
            }
        }
    }

    /**
     * The key index thread {@code thread} uses on its {@code i}-th call: every thread walks all
     * {@code keys} keys from its own starting point, with no random numbers in the timed path.
     */
    static int pick(int thread, long i, int keys) {
        return (int) ((thread * 7919L + i) % keys);
    }

    /** One call; {@code thread} is the caller's index, {@code i} counts that thread's calls. */
    @FunctionalInterface
    interface Op {
        void run(int thread, long i) throws Exception;
    }

    /** Calls per second of {@code threads} threads running {@code op} for {@code duration}. */
    static double throughput(int threads, Duration duration, Op op) {
        LongAdder calls = new LongAdder();
        CountDownLatch start = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> workers = new ArrayList<>();
        long[] window = new long[2];
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Thread worker = new Thread(() -> {
                try {
                    start.await();
                    long deadline = window[1];
                    long i = 0;
                    while (System.nanoTime() < deadline) {
                        op.run(thread, i++);
                    }
                    calls.add(i);
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }, "load-" + t);
            workers.add(worker);
            worker.start();
        }
        window[0] = System.nanoTime();
        window[1] = window[0] + duration.toNanos();
        start.countDown();
        for (Thread worker : workers) {
            try {
                worker.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        if (failure.get() != null) {
            throw new IllegalStateException("a load thread failed: " + failure.get(), failure.get());
        }
        return calls.sum() / (duration.toNanos() / 1e9);
    }

    /** Latencies in nanoseconds of {@code count} calls of {@code op} on this thread, sorted. */
    static long[] latencies(int count, Op op) throws Exception {
        long[] nanos = new long[count];
        for (int i = 0; i < count; i++) {
            long t0 = System.nanoTime();
            op.run(0, i);
            nanos[i] = System.nanoTime() - t0;
        }
        Arrays.sort(nanos);
        return nanos;
    }

    static double percentileMicros(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.floor(p * sorted.length))] / 1000.0;
    }

    /** A measured variant: a name, and what one measurement of it returns (higher is better). */
    record Variant(String name, DoubleSupplier measure) {
    }

    /**
     * Measures every variant once per round, rotating the order each round, and returns each
     * variant's results by round.
     */
    static Map<String, double[]> rounds(int rounds, List<Variant> variants) {
        Map<String, double[]> results = new LinkedHashMap<>();
        variants.forEach(v -> results.put(v.name(), new double[rounds]));
        for (int r = 0; r < rounds; r++) {
            for (int k = 0; k < variants.size(); k++) {
                Variant v = variants.get((k + r) % variants.size());
                results.get(v.name())[r] = v.measure().getAsDouble();
                System.err.printf("  round %d %-40s %,12.0f%n", r + 1, v.name(), results.get(v.name())[r]);
            }
        }
        return results;
    }

    /** Median, minimum and maximum of {@code a[r] / b[r]} over the rounds. */
    static double[] ratio(double[] a, double[] b) {
        double[] ratios = new double[a.length];
        for (int r = 0; r < a.length; r++) {
            ratios[r] = a[r] / b[r];
        }
        double[] sorted = ratios.clone();
        Arrays.sort(sorted);
        double median = sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
        return new double[] {median, sorted[0], sorted[sorted.length - 1]};
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }
}
