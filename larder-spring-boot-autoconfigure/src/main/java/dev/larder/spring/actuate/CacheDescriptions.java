package dev.larder.spring.actuate;

import dev.larder.Cache;
import dev.larder.CacheConfig;
import dev.larder.CacheRegistry;
import dev.larder.spring.boot.CacheRegistryCustomizer;
import dev.larder.support.Secrets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.core.Ordered;

/**
 * Each cache's backend and location as an operator may see them: the location with every
 * password {@linkplain Secrets#mask masked}. It learns the configured caches as a
 * {@link CacheRegistryCustomizer} that runs after every other one (it changes nothing). A cache
 * it did not see configured (one {@linkplain CacheRegistry#create created} at run time, or in a
 * registry the application built itself) is described from its {@code toString()}, which names
 * the backend and its store; that text is masked too.
 *
 * <pre>{@code
 * CacheDescriptions.Origin origin = descriptions.describe(registry.cache("default"));
 * origin.backend();   // "redis"
 * origin.location();  // "redis://:***@cache.internal:6379/0"
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class CacheDescriptions implements CacheRegistryCustomizer, Ordered {
    private final Map<String, Origin> configured = new ConcurrentHashMap<>();

    /** A cache's backend name and its location, masked ({@code null} when the backend takes none). */
    public record Origin(String backend, String location) {
    }

    @Override
    public void customize(CacheRegistry.Builder builder) {
        builder.configs().forEach((alias, config) -> configured.put(alias, origin(config)));
    }

    /** After every other customizer, so that the caches they add are seen. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    /** Where {@code cache} keeps its entries, with no secret in it. */
    public Origin describe(Cache cache) {
        Origin known = configured.get(cache.alias());
        return known != null ? known : fromDescription(cache.toString());
    }

    private static Origin origin(CacheConfig config) {
        return new Origin(config.backend(), Secrets.mask(config.location()));
    }

    /**
     * {@code Cache[alias, version 1, redis standalone '127.0.0.1:6379']}: the backend's own
     * description follows the version; its first word is the backend's name.
     */
    static Origin fromDescription(String description) {
        int version = description.indexOf(", version ");
        int backend = version < 0 ? -1 : description.indexOf(", ", version + 2);
        if (backend < 0 || !description.endsWith("]")) {
            return new Origin("unknown", Secrets.mask(description));
        }
        String text = description.substring(backend + 2, description.length() - 1);
        int space = text.indexOf(' ');
        return new Origin(space < 0 ? text : text.substring(0, space), Secrets.mask(text));
    }
}
