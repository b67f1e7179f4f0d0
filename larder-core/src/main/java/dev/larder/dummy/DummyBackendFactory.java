package dev.larder.dummy;

import dev.larder.spi.BackendContext;
import dev.larder.spi.CacheBackend;
import dev.larder.spi.CacheBackendFactory;

/** {@code dummy}: a cache that keeps nothing, for development and tests. It has no options. */
public final class DummyBackendFactory implements CacheBackendFactory {
    public static final String NAME = "dummy";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public CacheBackend create(BackendContext context) {
        return new DummyBackend(context.codec());
    }
}
