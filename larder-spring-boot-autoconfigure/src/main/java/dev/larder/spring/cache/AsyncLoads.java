package dev.larder.spring.cache;

import dev.larder.support.SingleFlight;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The asynchronous side of a Spring cache ({@code retrieve}): Larder's calls block, so each runs
 * on the executor and the caller's thread only gets a future. Loads of one key in this process
 * are shared through a {@link SingleFlight}: callers arriving while one is under way get its
 * result, and the value loader runs once. A load's future completes after its value is
 * stored, so a caller arriving just after it finds the value in the store. An executor that refuses work (shut down, queue full) makes the
 * call fail open: a lookup misses, a load calls the loader and stores nothing; the refusal is
 * counted and logged once per incident with the cache's other fail-open calls. Thread-safe.
 */
final class AsyncLoads {
    private final Executor executor;
    private final FailOpenTracker failures;
    private final SingleFlight<String, Object> flights = new SingleFlight<>();

    AsyncLoads(Executor executor, FailOpenTracker failures) {
        this.executor = Objects.requireNonNull(executor, "executor");
        this.failures = Objects.requireNonNull(failures, "failures");
    }

    /** {@code lookup} on the executor; a refused task completes with {@code null}, a miss. */
    CompletableFuture<Object> lookup(Supplier<Object> lookup) {
        try {
            return CompletableFuture.supplyAsync(lookup, executor);
        } catch (RejectedExecutionException e) {
            failures.failed("retrieve", e);
            return CompletableFuture.completedFuture(null);
        }
    }

    /**
     * The value of {@code key}: {@code read} (on the executor) returns it, or {@code absent} when
     * the store has none; then {@code loader} gives it and {@code store} (on the executor) keeps it.
     */
    @SuppressWarnings("unchecked")
    <T> CompletableFuture<T> load(String key, Supplier<Object> read, Object absent,
            Supplier<CompletableFuture<T>> loader, Consumer<Object> store) {
        SingleFlight<String, Object>.Flight flight = flights.join(key);
        if (!flight.leader()) {
            return (CompletableFuture<T>) flight.future();
        }
        Runnable lookup = () -> {
            try {
                Object found = read.get();
                if (found != absent) {
                    flight.complete(found);
                } else {
                    callLoader(loader, store, flight);
                }
            } catch (RuntimeException | Error e) {
                flight.fail(e);
            }
        };
        if (!run(lookup)) {
            callLoader(loader, v -> { }, flight);
        }
        return (CompletableFuture<T>) flight.future();
    }

    private <T> void callLoader(Supplier<CompletableFuture<T>> loader, Consumer<Object> store,
            SingleFlight<String, Object>.Flight result) {
        CompletableFuture<T> loading;
        try {
            loading = Objects.requireNonNull(loader.get(), "the value loader returned no CompletableFuture");
        } catch (RuntimeException | Error e) {
            result.fail(e);
            return;
        }
        loading.whenComplete((value, e) -> {
            if (e != null) {
                result.fail(unwrap(e));
            } else if (!run(() -> storeThenComplete(store, value, result))) {
                result.complete(value);
            }
        });
    }

    private static void storeThenComplete(Consumer<Object> store, Object value, SingleFlight<String, Object>.Flight result) {
        try {
            store.accept(value);
            result.complete(value);
        } catch (RuntimeException | Error e) {
            // A value that cannot be stored (not serialisable) is the caller's mistake to see.
            result.fail(e);
        }
    }

    private boolean run(Runnable task) {
        try {
            executor.execute(task);
            return true;
        } catch (RejectedExecutionException e) {
            failures.failed("retrieve", e);
            return false;
        }
    }

    private static Throwable unwrap(Throwable e) {
        return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    }
}
