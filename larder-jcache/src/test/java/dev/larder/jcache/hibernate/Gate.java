package dev.larder.jcache.hibernate;

import java.util.Collection;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.integration.CacheWriter;

/**
 * A write-through writer that, once armed, holds the next write until released. JSR-107 calls
 * the writer before the cache changes, so it stops a node's put between Hibernate's "may I
 * put?" read and the put itself: the window a writer on another node can fall into.
 */
final class Gate implements CacheWriter<Object, Object> {
    private volatile boolean armed;
    private final CountDownLatch reached = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);

    void arm() {
        armed = true;
    }

    /** Waits until a put is held. */
    void awaitHeld() throws InterruptedException {
        if (!reached.await(30, TimeUnit.SECONDS)) {
            throw new AssertionError("no put reached the gate");
        }
    }

    void release() {
        released.countDown();
    }

    @Override
    public void write(Cache.Entry<?, ?> entry) {
        if (!armed) {
            return;
        }
        armed = false;
        reached.countDown();
        try {
            if (!released.await(30, TimeUnit.SECONDS)) {
                throw new AssertionError("the gate was never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void writeAll(Collection<Cache.Entry<?, ?>> entries) {
        entries.forEach(this::write);
    }

    @Override
    public void delete(Object key) {
    }

    @Override
    public void deleteAll(Collection<?> keys) {
    }
}
