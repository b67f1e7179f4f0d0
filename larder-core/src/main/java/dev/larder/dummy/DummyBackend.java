package dev.larder.dummy;

import dev.larder.CacheKeyNotFoundException;
import dev.larder.Capabilities;
import dev.larder.Timeout;
import dev.larder.spi.CacheBackend;
import dev.larder.spi.CacheKey;
import dev.larder.spi.ValueCodec;
import java.util.Collections;
import java.util.Iterator;

/**
 * Django's dummy cache: keys are still made and validated and values still serialised (so a
 * bad key or value fails in development as it would in production), but nothing is kept.
 * Every read misses, {@code add} reports success, {@code delete}, {@code touch} and
 * {@code hasKey} report false, {@code incr} finds no key.
 */
final class DummyBackend implements CacheBackend {
    /**
     * It lists its keys, truthfully, as none: a listing of a dummy cache is empty, as every read
     * of it misses, so code that lists keys runs unchanged in development.
     */
    private static final Capabilities CAPABILITIES = Capabilities.builder().listsKeys().build();
    private final ValueCodec codec;

    DummyBackend(ValueCodec codec) {
        this.codec = codec;
    }

    @Override
    public Object get(CacheKey key) {
        return null;
    }

    @Override
    public Iterator<CacheKey> keys() {
        return Collections.emptyIterator();
    }

    @Override
    public void set(CacheKey key, Object value, Timeout timeout) {
        codec.encode(key, value);
    }

    @Override
    public boolean add(CacheKey key, Object value, Timeout timeout) {
        codec.encode(key, value);
        return true;
    }

    @Override
    public boolean delete(CacheKey key) {
        return false;
    }

    @Override
    public void clear() {
    }

    @Override
    public boolean touch(CacheKey key, Timeout timeout) {
        return false;
    }

    @Override
    public long incr(CacheKey key, long delta) {
        throw new CacheKeyNotFoundException(key.value());
    }

    @Override
    public boolean hasKey(CacheKey key) {
        return false;
    }

    @Override
    public Capabilities capabilities() {
        return CAPABILITIES;
    }

    @Override
    public String toString() {
        return "dummy";
    }
}
