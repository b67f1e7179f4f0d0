package dev.larder.spring.actuate;

import dev.larder.Cache;
import dev.larder.CacheRegistry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * The {@code larder} Actuator endpoint. Over HTTP, once exposed
 * ({@code management.endpoints.web.exposure.include=larder}):
 *
 * <ul>
 *   <li>{@code GET /actuator/larder}: every cache of the registry, by alias
 *       ({@link CacheDescriptor}: backend, location without secrets, statistics, capabilities,
 *       store details), then each integration's statistics ({@code pageCaches},
 *       {@code modelCaches}) when it is in use;
 *   <li>{@code GET /actuator/larder/{alias}}: one cache; 404 when there is none;
 *   <li>{@code POST /actuator/larder/{alias}}: clears that cache (every entry of its store,
 *       as {@link Cache#clear()} does); 400 when there is no such cache.
 * </ul>
 *
 * Reading asks each store for its details, which costs a round trip to a server per cache: it
 * is for operators, not for a monitoring loop (use the meters). Thread-safe.
 */
@Endpoint(id = "larder")
public class LarderEndpoint {
    private final CacheRegistry registry;
    private final List<Section> sections;

    /**
     * An integration's statistics, shown under {@code name} beside the caches when
     * {@code read} gives any (an empty map leaves the section out).
     *
     * <pre>{@code
     * new LarderEndpoint.Section("pageCaches", () -> Map.of(pages.cache().alias(), pages.stats()));
     * }</pre>
     */
    public record Section(String name, Supplier<Map<String, ?>> read) {
    }

    public LarderEndpoint(CacheRegistry registry, List<Section> sections) {
        this.registry = registry;
        this.sections = List.copyOf(sections);
    }

    @ReadOperation
    public Map<String, Object> larder() {
        Map<String, CacheDescriptor> caches = new LinkedHashMap<>();
        for (String alias : registry.aliases()) {
            caches.put(alias, describe(alias));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("caches", caches);
        for (Section section : sections) {
            Map<String, ?> stats = section.read().get();
            if (!stats.isEmpty()) {
                out.put(section.name(), stats);
            }
        }
        return out;
    }

    /** One cache, or {@code null} (404 over HTTP) when the registry has none by that alias. */
    @ReadOperation
    public CacheDescriptor cache(@Selector String alias) {
        return registry.aliases().contains(alias) ? describe(alias) : null;
    }

    /**
     * Clears the cache {@code alias}: its whole store, including other applications' entries
     * in a shared one without a key prefix (Django's {@code clear()}).
     *
     * @throws InvalidEndpointRequestException (400 over HTTP) when there is no such cache
     */
    @WriteOperation
    public Map<String, Object> clear(@Selector String alias) {
        if (!registry.aliases().contains(alias)) {
            String message = "no cache named '" + alias + "'; configured: " + registry.aliases();
            throw new InvalidEndpointRequestException(message, message);
        }
        registry.cache(alias).clear();
        return Map.of("alias", alias, "cleared", true);
    }

    /** Aliases are never removed, so one listed a moment ago is still there. */
    private CacheDescriptor describe(String alias) {
        return CacheDescriptor.of(registry.cache(alias), CacheOrigin.of(registry.config(alias)));
    }
}
