package dev.larder;

import dev.larder.spi.BackendContext;
import dev.larder.spi.CacheBackend;
import dev.larder.spi.CacheBackendFactory;

/** A factory not listed in META-INF/services: configuration can still name it by class. */
public final class UnregisteredBackendFactory implements CacheBackendFactory {
    @Override
    public String name() {
        return "unregistered";
    }

    @Override
    public CacheBackend create(BackendContext context) {
        return new dev.larder.dummy.DummyBackendFactory().create(context);
    }
}
