package dev.larder.jcache;

import java.lang.ref.WeakReference;
import java.util.function.Supplier;
import javax.cache.CacheException;

/**
 * Runs a call on Larder with the manager's class loader as the thread's context class loader,
 * which Larder's serializer resolves classes with, whatever thread calls (a pool's, a
 * listener's), and turns Larder's failures (a server down, a value the serializer refuses or
 * that is too large) into JSR-107's {@code CacheException}, with Larder's as its cause. The
 * loader is held weakly: a manager must not keep an application's class loader alive.
 */
final class InLoader {
    private final WeakReference<ClassLoader> loader;

    InLoader(ClassLoader loader) {
        this.loader = new WeakReference<>(loader);
    }

    <T> T call(Supplier<T> call) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        ClassLoader wanted = loader.get();
        boolean swap = wanted != null && previous != wanted;
        if (swap) {
            thread.setContextClassLoader(wanted);
        }
        try {
            return call.get();
        } catch (dev.larder.CacheException e) {
            throw new CacheException(e.getMessage(), e);
        } finally {
            if (swap) {
                thread.setContextClassLoader(previous);
            }
        }
    }
}
