package dev.larder.servlet;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stampede control within one process: the first request to miss a page key renders it, and
 * requests for the same key that arrive meanwhile wait, for a bounded time, for that
 * rendering's stored page instead of rendering again (spec/invalidation.md §5.1,
 * "single flight"). A waiter that times out, or whose leader's page was not stored or does
 * not match its own varied headers, renders on its own.
 */
final class SingleFlight {
    private final ConcurrentHashMap<String, CompletableFuture<StoredPage>> inFlight = new ConcurrentHashMap<>();
    private final AtomicInteger waiting = new AtomicInteger();

    /** Joins the rendering of {@code key}, as its leader if none is under way. */
    Ticket join(String key) {
        CompletableFuture<StoredPage> mine = new CompletableFuture<>();
        CompletableFuture<StoredPage> existing = inFlight.putIfAbsent(key, mine);
        return existing == null ? new Ticket(key, mine, true) : new Ticket(key, existing, false);
    }

    /** Requests waiting for another's rendering right now. */
    int waiting() {
        return waiting.get();
    }

    /** One request's place in a flight. */
    final class Ticket {
        private final String key;
        private final CompletableFuture<StoredPage> result;
        private final boolean leader;

        private Ticket(String key, CompletableFuture<StoredPage> result, boolean leader) {
            this.key = key;
            this.result = result;
            this.leader = leader;
        }

        boolean leader() {
            return leader;
        }

        /** The leader's stored page, or {@code null} when it stored none or took too long. */
        StoredPage await(Duration limit) {
            waiting.incrementAndGet();
            try {
                return result.get(limit.toNanos(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            } catch (ExecutionException | TimeoutException e) {
                return null;
            } finally {
                waiting.decrementAndGet();
            }
        }

        /** For the leader: ends the flight (removed first, so later requests look the cache up). */
        void complete(StoredPage page) {
            if (leader) {
                inFlight.remove(key, result);
                result.complete(page);
            }
        }
    }
}
