package dev.larder.testing;

import java.time.Duration;
import java.util.Arrays;
import java.util.function.Supplier;

/** Waiting, bounded, for another thread to reach a point, instead of sleeping for a guessed time. */
public final class Threads {
    private Threads() {
    }

    /**
     * Returns once the thread {@code thread} gives (null until it has started) is parked in a
     * bounded wait (timed-waiting, as every wait of Larder's is) with {@code className.method}
     * on its stack: parked there, not in some read on its way.
     *
     * @throws AssertionError naming the place, when {@code limit} passes first
     */
    public static void awaitParkedIn(Supplier<Thread> thread, String className, String method, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!parkedIn(thread.get(), className, method)) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("no thread parked in " + className + "." + method + " within "
                        + limit.toMillis() + " ms");
            }
            Thread.onSpinWait();
        }
    }

    private static boolean parkedIn(Thread t, String className, String method) {
        if (t == null) {
            return false;
        }
        return t.getState() == Thread.State.TIMED_WAITING
                && Arrays.stream(t.getStackTrace())
                        .anyMatch(f -> f.getClassName().equals(className) && f.getMethodName().equals(method));
    }
}
