package dev.larder.spring.cache;

import java.util.concurrent.Callable;

/**
 * The loader of one {@code get(key, Callable)}: run at most once by that call, its result kept
 * so that a call failing open returns it without loading twice. Used by one call, possibly on
 * the thread of Larder's single flight, hence the volatile fields.
 */
final class SyncLoad {
    private final Callable<?> loader;
    /** Spring's message for a null the cache refuses, or null when nulls may be cached. */
    private final String nullRefused;
    private volatile boolean ran;
    private volatile boolean failedOpen;
    private volatile Object value;

    SyncLoad(Callable<?> loader, String nullRefused) {
        this.loader = loader;
        this.nullRefused = nullRefused;
    }

    /** For Larder's {@code getOrSet}: the loaded value in its stored form. */
    Object toStore() {
        return StoredValues.toStore(call());
    }

    /** The loaded value, loading it now if the store failed (or the wait ended) before the loader ran. */
    Object valueOrCall() {
        failedOpen = true;
        return ran ? value : call();
    }

    boolean ran() {
        return ran;
    }

    Object value() {
        return value;
    }

    /** Whether the value went to the store, so that the entry's own timeout is applied to it. */
    boolean wentToStore() {
        return ran && !failedOpen;
    }

    /** Runs the loader; a null the cache does not allow fails the load, as in Spring's ConcurrentMapCache. */
    private Object call() {
        try {
            value = loader.call();
        } catch (Exception e) {
            throw new LoaderFailed(e);
        }
        ran = true;
        if (value == null && nullRefused != null) {
            throw new LoaderFailed(new IllegalArgumentException(nullRefused));
        }
        return value;
    }

    /** Carries a loader's exception through getOrSet, which takes a Supplier. */
    static final class LoaderFailed extends RuntimeException {
        LoaderFailed(Exception cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }
}
