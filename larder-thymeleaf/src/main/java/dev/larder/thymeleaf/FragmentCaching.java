package dev.larder.thymeleaf;

import dev.larder.CacheRegistry;
import dev.larder.Timeout;
import dev.larder.servlet.FragmentCache;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

/**
 * The decisions of {@code larder:cache}, apart from Thymeleaf: serve the cached text while it
 * is there and (for a fragment with dependencies) while its stamps hold; otherwise render
 * it inside a frame that collects the stamps of the fragments within, and store it with the
 * union. Shared by every template run of one dialect; thread-safe.
 */
final class FragmentCaching {
    private final CacheRegistry registry;
    /** Null when the dialect was built without the model cache's stamps. */
    private final Stamps stamps;
    private final ConcurrentMap<String, FragmentStore> stores = new ConcurrentHashMap<>();

    FragmentCaching(CacheRegistry registry, Stamps stamps) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.stamps = stamps;
    }

    /**
     * The cache named by {@code larder:cache-using}, or for null, Django's choice: the
     * {@code template_fragments} cache if configured, else {@code default}.
     *
     * @throws IllegalArgumentException naming an unknown alias and the configured ones
     */
    FragmentStore store(String alias) {
        String name = alias != null ? alias
                : registry.aliases().contains(FragmentCache.FRAGMENTS_ALIAS) ? FragmentCache.FRAGMENTS_ALIAS
                : CacheRegistry.DEFAULT_ALIAS;
        if (!registry.aliases().contains(name)) {
            throw new IllegalArgumentException("no cache '" + name + "' in the registry (configured: "
                    + registry.aliases() + ")");
        }
        return stores.computeIfAbsent(name, a -> new FragmentStore(registry.cache(a)));
    }

    /**
     * The stamp keys of the fragment's dependencies.
     *
     * @throws IllegalStateException when there are dependencies and no stamps to check them with
     * @throws IllegalArgumentException naming a value that is not an entity, entity class or collection of them
     */
    List<String> keys(List<Fragment.Dependency> dependsOn) {
        if (dependsOn.isEmpty()) {
            return List.of();
        }
        if (stamps == null) {
            throw new IllegalStateException("depends-on needs the model cache's stamps, and this LarderDialect has none:"
                    + " build it with new LarderDialect(registry, modelCache.stamps()) (larder-hibernate on the class path)");
        }
        Set<String> keys = new LinkedHashSet<>();
        for (Fragment.Dependency d : dependsOn) {
            if (d.value() == null) {
                throw new IllegalArgumentException("depends-on: " + d.expression() + " is null; depend on an entity,"
                        + " an entity class or a collection of them (for an optional relation, on the entity that holds it)");
            }
            try {
                keys.addAll(stamps.keysOf(d.value()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("depends-on: " + d.expression() + ": " + e.getMessage(), e);
            }
        }
        return new ArrayList<>(keys);
    }

    /**
     * The fragment's text, from {@code store} or from {@code body}.
     *
     * @param privateValues the request's values that must never be stored (session id, CSRF
     *     token), asked for only when a rendered text is about to be stored
     */
    String render(FragmentStore store, String key, Timeout timeout, List<String> own, FragmentRun run,
            Supplier<String> body, Supplier<List<String>> privateValues) {
        Stamps.StampedText found = timeout.isExpired() ? null : store.get(key, stamps, !own.isEmpty());
        if (found != null && found != FragmentStore.FAILED) {
            run.hit(found.stamps(), differsFromReads(found.stamps()));
            return found.text();
        }
        run.miss();
        // Read before rendering: a write from now on moves a recorded stamp, so the text is not served after it.
        Map<String, Long> ownStamps = own.isEmpty() ? Map.of() : store.read(stamps, own);
        FragmentRun.Frame frame = run.open(ownStamps == null ? Map.of() : ownStamps);
        if (ownStamps == null) {
            frame.poison();
        }
        String text;
        try {
            text = Objects.requireNonNull(body.get(), "fragment text");
        } finally {
            run.close(frame);
        }
        if (timeout.isExpired()) {
            store.delete(key);
        } else if (frame.storable() && found == null) {
            String leak = PrivateValues.foundIn(text, privateValues.get());
            if (leak == null) {
                store.put(key, text, timeout, stamps, frame.stamps());
            } else {
                store.refusePrivate(key);
            }
        }
        return text;
    }

    /**
     * Whether a hit recorded other values than the thread's reads saw for the same stamps (a
     * request rendering an entity it read before a commit, finding a card stored after it).
     */
    private boolean differsFromReads(Map<String, Long> stored) {
        if (stamps == null || stored.isEmpty()) {
            return false;
        }
        try {
            Map<String, Long> seen = stamps.recorded(stored.keySet());
            return seen.entrySet().stream().anyMatch(e -> !e.getValue().equals(stored.get(e.getKey())));
        } catch (RuntimeException e) {
            return true;
        }
    }
}
