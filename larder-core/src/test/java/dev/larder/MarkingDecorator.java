package dev.larder;

import dev.larder.spi.BackendContext;
import dev.larder.spi.BackendDecorator;
import dev.larder.spi.CacheBackend;
import dev.larder.spi.CacheKey;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A decorator for the core's own tests: with {@code options.marked=true} its wrapper adds
 * {@code marked=<backend name>} to {@code inspect()}; with {@code marked=fail} it refuses the cache.
 */
public final class MarkingDecorator implements BackendDecorator {
    @Override
    public Set<String> options() {
        return Set.of("marked");
    }

    @Override
    public CacheBackend decorate(CacheBackend backend, BackendContext context, String backendName) {
        String marked = context.options().string("marked").orElse("false");
        if (marked.equals("fail")) {
            throw context.options().error("marked", marked, "is refused by the test decorator");
        }
        return marked.equals("true") ? new Marked(backend, backendName) : backend;
    }

    private record Marked(CacheBackend backend, String name) implements CacheBackend {
        @Override
        public Object get(CacheKey key) {
            return backend.get(key);
        }

        @Override
        public void set(CacheKey key, Object value, Timeout timeout) {
            backend.set(key, value, timeout);
        }

        @Override
        public boolean add(CacheKey key, Object value, Timeout timeout) {
            return backend.add(key, value, timeout);
        }

        @Override
        public boolean delete(CacheKey key) {
            return backend.delete(key);
        }

        @Override
        public void clear() {
            backend.clear();
        }

        @Override
        public Iterator<CacheKey> keys() {
            return backend.keys();
        }

        @Override
        public boolean touch(CacheKey key, Timeout timeout) {
            return backend.touch(key, timeout);
        }

        @Override
        public long incr(CacheKey key, long delta) {
            return backend.incr(key, delta);
        }

        @Override
        public boolean hasKey(CacheKey key) {
            return backend.hasKey(key);
        }

        @Override
        public Capabilities capabilities() {
            return backend.capabilities();
        }

        @Override
        public Map<String, String> inspect() {
            Map<String, String> all = new LinkedHashMap<>(backend.inspect());
            all.put("marked", name);
            return all;
        }

        @Override
        public void close() {
            backend.close();
        }

        @Override
        public void discard() {
            backend.discard();
        }
    }
}
