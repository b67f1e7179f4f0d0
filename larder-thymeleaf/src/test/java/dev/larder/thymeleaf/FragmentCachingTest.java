package dev.larder.thymeleaf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.Cache;
import dev.larder.CacheConfig;
import dev.larder.CacheRegistry;
import dev.larder.Timeout;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The store decisions apart from Thymeleaf, with stamps kept in a map (the real ones are
 * tested through Hibernate in DependsOnTest): what a nest of fragments records and when it
 * refuses to store.
 */
class FragmentCachingTest {
    private final CacheRegistry caches = CacheRegistry.builder()
            .cache("default", CacheConfig.builder().backend("locmem").location("thymeleaf-caching").build()).build();
    private final MapStamps stamps = new MapStamps();
    private final FragmentCaching caching = new FragmentCaching(caches, stamps);
    private final FragmentStore store = caching.store(null);
    private final Timeout minute = Timeout.ofSeconds(60);

    @AfterEach
    void close() {
        caches.close();
    }

    private String render(FragmentRun run, String key, List<String> own, String text) {
        return caching.render(store, key, minute, own, run, () -> text, List::of);
    }

    @Test
    void outer_recordsTheUnionOfItsInnerFragmentsStamps() {
        stamps.now.putAll(Map.of("a", 1L, "b", 1L));
        FragmentRun run = new FragmentRun();
        caching.render(store, "outer", minute, List.of(), run, () -> render(run, "in-a", List.of("a"), "A")
                + render(run, "in-b", List.of("b"), "B"), List::of);
        assertThat(stamps.get(caches.defaultCache(), "outer").stamps()).isEqualTo(Map.of("a", 1L, "b", 1L));
    }

    @Test
    void aStampThatMovedBetweenTwoInnerFragments_keepsTheOuterFromBeingStored() {
        stamps.now.put("a", 1L);
        FragmentRun run = new FragmentRun();
        caching.render(store, "outer", minute, List.of(), run, () -> {
            String first = render(run, "first", List.of("a"), "1");
            stamps.now.put("a", 2L);   // a write commits while the page renders
            return first + render(run, "second", List.of("a"), "2");
        }, List::of);
        assertThat(caches.defaultCache().get("outer")).isNull();
        assertThat(stamps.get(caches.defaultCache(), "second")).isNotNull();
    }

    @Test
    void aPendingStamp_isNeverStored_norAnythingAroundIt() {
        stamps.now.put("a", MapStamps.PENDING);
        FragmentRun run = new FragmentRun();
        caching.render(store, "outer", minute, List.of(), run, () -> render(run, "in", List.of("a"), "A"), List::of);
        assertThat(caches.defaultCache().get("outer")).isNull();
        assertThat(caches.defaultCache().get("in")).isNull();
        assertThat(run.misses()).isEqualTo(2);
    }

    @Test
    void plainFragmentWithPlainInnerOnes_isStoredAsPlainText() {
        FragmentRun run = new FragmentRun();
        caching.render(store, "outer", minute, List.of(), run, () -> render(run, "in", List.of(), "A"), List::of);
        assertThat(caches.defaultCache().get("outer")).isEqualTo("A");
    }

    @Test
    void anInnerHitNewerThanWhatThePageRead_keepsAPlainOuterFromBeingStored() {
        // Another request stored the card after a write (stamp 2); this page read the entity before it (1).
        stamps.now.put("p", 2L);
        FragmentRun other = new FragmentRun();
        render(other, "card", List.of("p"), "<h2>B</h2>");
        stamps.seen.put("p", 1L);
        FragmentRun run = new FragmentRun();
        String page = caching.render(store, "outer", minute, List.of(), run,
                () -> "<h1>A</h1>" + render(run, "card", List.of("p"), "never rendered"), List::of);
        assertThat(page).isEqualTo("<h1>A</h1><h2>B</h2>");
        assertThat(run.hits()).isEqualTo(1);
        assertThat(caches.defaultCache().get("outer")).as("the heading shows A: never stored as current").isNull();

        stamps.seen.put("p", 2L);   // a page that read the entity as it is now
        FragmentRun fresh = new FragmentRun();
        caching.render(store, "outer", minute, List.of(), fresh,
                () -> "<h1>B</h1>" + render(fresh, "card", List.of("p"), "never rendered"), List::of);
        assertThat(stamps.get(caches.defaultCache(), "outer").text()).isEqualTo("<h1>B</h1><h2>B</h2>");
    }

    @Test
    void aFragmentHoldingTheVisitorsCsrfTokenOrSessionId_isServedButNeverStored() {
        FragmentRun run = new FragmentRun();
        List<String> secrets = List.of("9f8e7d6c5b4a39281706");
        String form = "<form><input type=\"hidden\" name=\"_csrf\" value=\"9f8e7d6c5b4a39281706\"></form>";
        assertThat(caching.render(store, "form", minute, List.of(), run, () -> form, () -> secrets)).isEqualTo(form);
        assertThat(caches.defaultCache().get("form")).isNull();
        caching.render(store, "other", minute, List.of(), run, () -> "<p>no secret</p>", () -> secrets);
        assertThat(caches.defaultCache().get("other")).isEqualTo("<p>no secret</p>");
    }

    /** Stamps in a map; entries stored as {@link Stamps.StampedText} in the cache. */
    static final class MapStamps implements Stamps {
        static final long PENDING = -1;
        final Map<String, Long> now = new HashMap<>();
        /** What the thread's reads saw, as a recording would hold it. */
        final Map<String, Long> seen = new HashMap<>();

        @Override
        public Map<String, Long> recorded(Collection<String> keys) {
            Map<String, Long> out = new LinkedHashMap<>();
            keys.forEach(k -> {
                if (seen.containsKey(k)) {
                    out.put(k, seen.get(k));
                }
            });
            return out;
        }

        @Override
        public List<String> keysOf(Object what) {
            return List.of(String.valueOf(what));
        }

        @Override
        public Map<String, Long> read(Collection<String> keys) {
            Map<String, Long> read = new LinkedHashMap<>();
            keys.forEach(k -> read.put(k, now.computeIfAbsent(k, x -> 1L)));
            return read;
        }

        @Override
        public boolean anyPending(Map<String, Long> recorded) {
            return recorded.containsValue(PENDING);
        }

        @Override
        public StampedText get(Cache cache, String key) {
            Object stored = cache.get(key);
            return stored instanceof Map<?, ?> m && m.get("stamps") instanceof Map<?, ?> s
                    && s.entrySet().stream().allMatch(e -> e.getValue().equals(now.get(e.getKey())))
                    ? new StampedText((String) m.get("text"), castStamps(s)) : null;
        }

        @SuppressWarnings("unchecked")
        private static Map<String, Long> castStamps(Map<?, ?> s) {
            return (Map<String, Long>) s;
        }

        @Override
        public boolean put(Cache cache, String key, String text, Timeout timeout, Map<String, Long> recorded) {
            if (anyPending(recorded)) {
                return false;   // like ModelStamps.put into a cache other than the model cache's: no check of moved stamps
            }
            cache.set(key, Map.of("text", text, "stamps", new HashMap<>(recorded)), timeout);
            return true;
        }
    }
}
