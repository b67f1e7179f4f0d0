package dev.larder.testkit;

import dev.larder.CacheBackendException;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Bounded waits for a cache whose server was down, frozen or failing over to answer again,
 * retrying as a caller that treats failures as misses would:
 * {@code Object v = Await.answer(Duration.ofSeconds(10), () -> cache.get("k"));}
 */
public final class Await {
    private static final long POLL_MILLIS = 20;

    /** One attempt; a {@link CacheBackendException} means "not yet", anything else ends the wait. */
    @FunctionalInterface
    public interface Attempt<T> {
        T run();
    }

    private Await() {
    }

    /** {@link #answer(Duration, Supplier, Attempt)} that names "the cache" when it gives up. */
    public static <T> T answer(Duration limit, Attempt<T> attempt) {
        return answer(limit, () -> "the cache", attempt);
    }

    /**
     * Runs {@code attempt} until it returns without a {@link CacheBackendException}, for at
     * most {@code limit}, and returns its result.
     *
     * @throws AssertionError naming {@code what} (asked for only then), with the last failure
     *                        as its cause, when the limit passes
     */
    public static <T> T answer(Duration limit, Supplier<String> what, Attempt<T> attempt) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            try {
                return attempt.run();
            } catch (CacheBackendException e) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(what.get() + " did not answer within " + limit.toMillis() + " ms", e);
                }
                pause();
            }
        }
    }

    /**
     * Polls {@code condition} until it holds, for at most {@code limit}: for what a server does
     * on its own time, such as an invalidation it pushes. Never for expiry, which a fake clock
     * moves.
     *
     * @throws AssertionError naming {@code what} when the limit passes
     */
    public static void until(Duration limit, String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + " did not happen within " + limit.toMillis() + " ms");
            }
            pause();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a cache", e);
        }
    }
}
