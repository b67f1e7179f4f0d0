package dev.larder.demo.web;

import dev.larder.CacheRegistry;
import jakarta.annotation.PreDestroy;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;

/**
 * With {@code demo.clear-on-stop=true} (the {@code redis} profile), empties every cache when
 * the application stops, so that Ctrl-C leaves no key behind: the model cache's stamps have no
 * timeout. On Redis with a key prefix, {@code clear()} removes only the keys under it
 * ({@code SCAN} + {@code UNLINK}), never the whole database; another demo sharing the same
 * prefixes loses its entries too, and reads them again. Runs before the registry closes, which
 * it depends on.
 */
@Component
@ConditionalOnBooleanProperty("demo.clear-on-stop")
class ClearOnStop {
    private static final System.Logger LOG = System.getLogger(ClearOnStop.class.getName());

    private final CacheRegistry registry;

    ClearOnStop(CacheRegistry registry) {
        this.registry = registry;
    }

    @PreDestroy
    void clear() {
        for (String alias : registry.aliases()) {
            try {
                registry.cache(alias).clear();
            } catch (RuntimeException e) {
                // Stopping goes on; the keys left expire, or stay if they had no timeout: say which cache.
                LOG.log(System.Logger.Level.WARNING, "could not clear cache '" + alias + "' on stop", e);
            }
        }
    }
}
