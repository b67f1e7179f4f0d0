package dev.larder.jcache;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.configuration.CacheEntryListenerConfiguration;
import javax.cache.configuration.Factory;
import javax.cache.event.CacheEntryCreatedListener;
import javax.cache.event.CacheEntryEventFilter;
import javax.cache.event.CacheEntryExpiredListener;
import javax.cache.event.CacheEntryListener;
import javax.cache.event.CacheEntryListenerException;
import javax.cache.event.CacheEntryRemovedListener;
import javax.cache.event.CacheEntryUpdatedListener;
import javax.cache.event.EventType;

/**
 * The entry listeners registered on one cache in this JVM, and the delivery of its events
 * (JSR-107 chapter 8). Events are those of writes made through this JVM: another JVM's writes
 * to a shared store are not seen. A synchronous listener has run before the call that caused
 * the event returns, and its failure reaches that caller as a
 * {@link CacheEntryListenerException} (an {@code Error} as it is); an asynchronous one runs on
 * a thread of its own, in the order the events happened.
 */
final class Listeners<K, V> {
    private final Cache<K, V> source;
    private final List<Registration<K, V>> registrations = new CopyOnWriteArrayList<>();

    Listeners(Cache<K, V> source) {
        this.source = source;
    }

    boolean isEmpty() {
        return registrations.isEmpty();
    }

    /** @throws IllegalArgumentException when that configuration is already registered */
    void register(CacheEntryListenerConfiguration<K, V> config) {
        synchronized (registrations) {
            for (Registration<K, V> r : registrations) {
                if (r.config.equals(config)) {
                    throw new IllegalArgumentException("that listener configuration is already registered");
                }
            }
            registrations.add(new Registration<>(config));
        }
    }

    void deregister(CacheEntryListenerConfiguration<K, V> config) {
        synchronized (registrations) {
            for (Registration<K, V> r : registrations) {
                if (r.config.equals(config)) {
                    registrations.remove(r);
                    r.close();
                    return;
                }
            }
        }
    }

    void created(K key, V value) {
        fire(EventType.CREATED, key, value, null);
    }

    void updated(K key, V value, V oldValue) {
        fire(EventType.UPDATED, key, value, oldValue);
    }

    void removed(K key, V oldValue) {
        fire(EventType.REMOVED, key, oldValue, oldValue);
    }

    void expired(K key, V oldValue) {
        fire(EventType.EXPIRED, key, oldValue, oldValue);
    }

    private void fire(EventType type, K key, V value, V oldValue) {
        if (registrations.isEmpty()) {
            return;
        }
        Event<K, V> event = new Event<>(source, type, key, value, oldValue);
        CacheEntryListenerException failure = null;
        for (Registration<K, V> r : registrations) {
            try {
                r.deliver(event);
            } catch (CacheEntryListenerException e) {
                failure = failure == null ? e : failure;
            } catch (RuntimeException e) {
                failure = failure == null ? new CacheEntryListenerException(e) : failure;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    void close() {
        synchronized (registrations) {
            registrations.forEach(Registration::close);
            registrations.clear();
        }
    }

    private static final class Registration<K, V> {
        final CacheEntryListenerConfiguration<K, V> config;
        final CacheEntryListener<? super K, ? super V> listener;
        final CacheEntryEventFilter<? super K, ? super V> filter;
        final ExecutorService async;

        Registration(CacheEntryListenerConfiguration<K, V> config) {
            this.config = config;
            this.listener = config.getCacheEntryListenerFactory().create();
            Factory<CacheEntryEventFilter<? super K, ? super V>> filters = config.getCacheEntryEventFilterFactory();
            this.filter = filters == null ? null : filters.create();
            this.async = config.isSynchronous() ? null : Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "larder-jcache-listener");
                t.setDaemon(true);
                return t;
            });
        }

        void deliver(Event<K, V> event) {
            if (!listens(event.getEventType())) {
                return;
            }
            if (async == null) {
                call(event);
            } else if (!async.isShutdown()) {
                // A registration being removed has shut its executor: its events are no longer wanted.
                executeQuietly(() -> {
                    try {
                        call(event);
                    } catch (RuntimeException e) {
                        System.getLogger(Listeners.class.getName()).log(System.Logger.Level.WARNING,
                                "an asynchronous entry listener failed on " + event, e);
                    }
                });
            }
        }

        private void executeQuietly(Runnable task) {
            try {
                async.execute(task);
            } catch (java.util.concurrent.RejectedExecutionException deregistered) {
                // Shut down between the check and the call: the listener was just deregistered.
            }
        }

        private boolean listens(EventType type) {
            return switch (type) {
                case CREATED -> listener instanceof CacheEntryCreatedListener;
                case UPDATED -> listener instanceof CacheEntryUpdatedListener;
                case REMOVED -> listener instanceof CacheEntryRemovedListener;
                case EXPIRED -> listener instanceof CacheEntryExpiredListener;
            };
        }

        @SuppressWarnings("unchecked")
        private void call(Event<K, V> event) {
            if (filter != null && !filter.evaluate(event)) {
                return;
            }
            List<Event<K, V>> one = List.of(event);
            Iterable<javax.cache.event.CacheEntryEvent<? extends K, ? extends V>> events =
                    (Iterable<javax.cache.event.CacheEntryEvent<? extends K, ? extends V>>) (Iterable<?>) one;
            switch (event.getEventType()) {
                case CREATED -> ((CacheEntryCreatedListener<K, V>) listener).onCreated(events);
                case UPDATED -> ((CacheEntryUpdatedListener<K, V>) listener).onUpdated(events);
                case REMOVED -> ((CacheEntryRemovedListener<K, V>) listener).onRemoved(events);
                case EXPIRED -> ((CacheEntryExpiredListener<K, V>) listener).onExpired(events);
            }
        }

        void close() {
            if (async != null) {
                async.shutdown();
                try {
                    async.awaitTermination(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (listener instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    System.getLogger(Listeners.class.getName()).log(System.Logger.Level.WARNING,
                            "an entry listener failed to close", e);
                }
            }
        }
    }
}
