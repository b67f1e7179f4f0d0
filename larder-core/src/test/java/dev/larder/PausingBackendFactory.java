package dev.larder;

import dev.larder.locmem.LocMemBackendFactory;
import dev.larder.spi.BackendContext;
import dev.larder.spi.CacheBackend;
import dev.larder.spi.CacheBackendFactory;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Local memory whose first {@code get} on one chosen thread stops after reading, until the
 * test lets it go: how a test holds a read's answer while another thread runs a whole call.
 */
public final class PausingBackendFactory implements CacheBackendFactory {
    static volatile Thread pausedThread;
    static volatile CountDownLatch readDone = new CountDownLatch(1);
    static volatile CountDownLatch resume = new CountDownLatch(1);

    @Override
    public String name() {
        return "pausing";
    }

    @Override
    public Set<String> options() {
        return Set.of();
    }

    @Override
    public CacheBackend create(BackendContext context) {
        CacheBackend store = new LocMemBackendFactory().create(context);
        return (CacheBackend) Proxy.newProxyInstance(CacheBackend.class.getClassLoader(),
                new Class<?>[] {CacheBackend.class}, (proxy, method, args) -> {
                    Object result;
                    try {
                        result = method.invoke(store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    if (method.getName().equals("get") && Thread.currentThread() == pausedThread) {
                        pausedThread = null;
                        readDone.countDown();
                        if (!resume.await(10, TimeUnit.SECONDS)) {
                            throw new IllegalStateException("the test never resumed the paused read");
                        }
                    }
                    return result;
                });
    }
}
