package dev.larder;

import dev.larder.spi.BackendContext;
import dev.larder.spi.CacheBackend;
import dev.larder.spi.CacheBackendFactory;
import java.util.Set;

/** A backend from "another jar", registered in this module's test META-INF/services. */
public final class ThirdPartyBackendFactory implements CacheBackendFactory {
    static volatile BackendContext lastContext;

    @Override
    public String name() {
        return "thirdparty";
    }

    @Override
    public Set<String> options() {
        return Set.of("shards");
    }

    @Override
    public CacheBackend create(BackendContext context) {
        context.options().intValue("shards", 1, 1);
        lastContext = context;
        return new dev.larder.locmem.LocMemBackendFactory().create(context);
    }
}
