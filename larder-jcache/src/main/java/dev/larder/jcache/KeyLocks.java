package dev.larder.jcache;

import dev.larder.support.Keys;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * One lock per key in use, dropped when its last user leaves: two callers wait for each other
 * only when they work on the same key, never because their keys share a stripe (with stripes,
 * two entry processors that each write another key could deadlock on keys that have nothing in
 * common). Reentrant, except that an entry processor may not call the cache on the key it is
 * processing: its own write would change the entry under it, and its change could never apply.
 */
final class KeyLocks {
    private final ThreadLocal<Set<Object>> processing = ThreadLocal.withInitial(HashSet::new);

    private final ConcurrentHashMap<Object, Held> locks = new ConcurrentHashMap<>();

    private static final class Held {
        final ReentrantLock lock = new ReentrantLock();
        int users;
    }

    /**
     * The key, after checking that this thread is not processing it in an entry processor: a
     * write made there would change the entry under the processor.
     */
    Object notProcessing(Object key) {
        if (processing.get().contains(key)) {
            throw new IllegalStateException("an entry processor wrote through the cache to the key it is processing, "
                    + Keys.printable(String.valueOf(key)) + "; use the MutableEntry it was given");
        }
        return key;
    }

    <R> R with(Object key, Supplier<R> body) {
        notProcessing(key);
        Held held = locks.compute(key, (k, h) -> {
            Held next = h == null ? new Held() : h;
            next.users++;
            return next;
        });
        held.lock.lock();
        try {
            return body.get();
        } finally {
            held.lock.unlock();
            locks.computeIfPresent(key, (k, h) -> --h.users == 0 ? null : h);
        }
    }

    /** Runs an entry processor on {@code key}, marking the key as being processed by this thread. */
    <R> R processing(Object key, Supplier<R> processor) {
        Set<Object> keys = processing.get();
        keys.add(key);
        try {
            return processor.get();
        } finally {
            keys.remove(key);
        }
    }
}
