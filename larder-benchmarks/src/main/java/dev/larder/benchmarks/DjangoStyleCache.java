package dev.larder.benchmarks;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The baseline a straight port of Django's {@code LocMemCache} gives: one lock around an
 * access-ordered {@link LinkedHashMap} of serialised values and their expiry, values
 * serialised on set and deserialised on every get outside the lock, keys made as
 * {@code ":1:" + key}, and, when full, a cull of a third of the entries, least recently used
 * first.
 */
final class DjangoStyleCache {
    private static final class Stored {
        final byte[] bytes;
        final long expiresAt;

        Stored(byte[] bytes, long expiresAt) {
            this.bytes = bytes;
            this.expiresAt = expiresAt;
        }
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final LinkedHashMap<String, Stored> map = new LinkedHashMap<>(16, 0.75f, true);
    private final int maxEntries;
    private final int cullFrequency;

    DjangoStyleCache(int maxEntries, int cullFrequency) {
        this.maxEntries = maxEntries;
        this.cullFrequency = cullFrequency;
    }

    Object get(String key) {
        String made = ":1:" + key;
        byte[] bytes;
        lock.lock();
        try {
            Stored s = map.get(made);
            if (s == null) {
                return null;
            }
            if (s.expiresAt <= System.currentTimeMillis()) {
                map.remove(made);
                return null;
            }
            bytes = s.bytes;
        } finally {
            lock.unlock();
        }
        return deserialize(bytes);
    }

    void set(String key, Object value, long timeoutMillis) {
        String made = ":1:" + key;
        byte[] bytes = serialize(value);
        lock.lock();
        try {
            if (map.size() >= maxEntries) {
                cull();
            }
            map.put(made, new Stored(bytes, System.currentTimeMillis() + timeoutMillis));
        } finally {
            lock.unlock();
        }
    }

    int size() {
        return map.size();
    }

    private void cull() {
        int victims = cullFrequency == 0 ? map.size() : map.size() / cullFrequency;
        Iterator<Map.Entry<String, Stored>> oldestFirst = map.entrySet().iterator();
        for (int i = 0; i < victims && oldestFirst.hasNext(); i++) {
            oldestFirst.next();
            oldestFirst.remove();
        }
    }

    private static byte[] serialize(Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ObjectOutputStream oos = new ObjectOutputStream(out)) {
            oos.writeObject(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static Object deserialize(byte[] bytes) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            return in.readObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
