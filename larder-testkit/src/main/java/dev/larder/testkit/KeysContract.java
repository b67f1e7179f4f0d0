package dev.larder.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.larder.Cache;
import dev.larder.Timeout;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@code keys()}: the keys given, of the view's version, listed lazily and weakly consistently
 * by backends that say {@code listsKeys}, and refused, naming the cache, by the others. Each
 * test uses a prefix of its own, since a shared server's store is shared by every test.
 */
abstract class KeysContract extends ContractGroup {
    /** More keys than one batch of any backend (Redis scans 1,000 at a time). */
    private static final int MANY = 2_500;

    KeysContract(Fixture fixture) {
        super(fixture);
    }

    private Cache ownCache() {
        return newCache(b -> b.keyPrefix("keys-" + UUID.randomUUID()));
    }

    /** A cache on a store of its own that keeps {@link #MANY} keys where {@code max-entries} would cull them. */
    private Cache bigCache() {
        String name = "keys-" + UUID.randomUUID();
        boolean bounded = capabilities().bounded();
        return newCache(name, b -> bounded ? b.keyPrefix(name).option("max-entries", "100000") : b.keyPrefix(name));
    }

    private static List<String> listAll(Iterator<String> keys) {
        List<String> all = new ArrayList<>();
        keys.forEachRemaining(all::add);
        return all;
    }

    private static Map<String, Object> entries(String head, int count) {
        Map<String, Object> entries = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            entries.put(head + i, (long) i);
        }
        return entries;
    }

    @Test
    void keys_listsTheKeysGivenAtThisVersionOnly() {
        assumeThat(capabilities().listsKeys() && capabilities().stores()).isTrue();
        Cache own = ownCache();
        own.set("a", 1L);
        own.set("b:with:colons", 2L);
        own.set("", 3L);
        own.version(2).set("at-two", 4L);
        assertThat(listAll(own.keys())).containsExactlyInAnyOrder("a", "b:with:colons", "");
        assertThat(listAll(own.version(2).keys())).containsExactly("at-two");
    }

    @Test
    void keys_leaveOutKeysOfAnotherPrefixOnTheSameStore() {
        assumeThat(capabilities().listsKeys() && capabilities().stores()).isTrue();
        Cache own = ownCache();
        Cache other = ownCache();
        own.set("mine", 1L);
        other.set("theirs", 2L);
        assertThat(listAll(own.keys())).containsExactly("mine");
    }

    @Test
    void keys_leaveOutDeletedKeys() {
        assumeThat(capabilities().listsKeys() && capabilities().stores()).isTrue();
        Cache own = ownCache();
        own.set("kept", 1L);
        own.set("deleted", 2L);
        own.delete("deleted");
        assertThat(listAll(own.keys())).containsExactly("kept");
    }

    /** Expired entries may be listed by the contract; those on the cache's clock are not. */
    @Test
    void keys_onTheCachesClock_leaveOutExpiredEntries() {
        assumeThat(capabilities().listsKeys() && capabilities().stores()).isTrue();
        requireCacheClock();
        Cache own = ownCache();
        own.set("short", 1L, Timeout.ofSeconds(10));
        own.set("long", 2L, Timeout.ofSeconds(60));
        clock.advanceSeconds(11);
        assertThat(listAll(own.keys())).containsExactly("long");
    }

    @Test
    void keys_manyKeys_listsEveryOneAcrossBatches() {
        assumeThat(capabilities().listsKeys() && capabilities().stores()).isTrue();
        Cache own = bigCache();
        Map<String, Object> entries = entries("k", MANY);
        assertThat(own.setMany(entries)).isEmpty();
        // Redis's SCAN may list a key twice while the server resizes its table; the set is exact.
        assertThat(new HashSet<>(listAll(own.keys()))).isEqualTo(entries.keySet());
    }

    @Test
    void keys_writesDuringTheIteration_areNoError_andUntouchedKeysAppear() {
        assumeThat(capabilities().listsKeys() && capabilities().stores()).isTrue();
        Cache own = bigCache();
        own.setMany(entries("old", MANY));
        Iterator<String> keys = own.keys();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10; i++) {
            seen.add(keys.next());
        }
        own.deleteMany(entries("old", MANY / 2).keySet());
        own.setMany(entries("new", MANY / 2));
        keys.forEachRemaining(seen::add);
        for (int i = MANY / 2; i < MANY; i++) {
            assertThat(seen).as("a key neither removed nor added").contains("old" + i);
        }
    }

    @Test
    void keys_emptyCache_listsNothing() {
        assumeThat(capabilities().listsKeys()).isTrue();
        assertThat(ownCache().keys().hasNext()).isFalse();
    }

    @Test
    void keys_customKeyFunction_refusedNamingTheCacheAndWhy() {
        Cache custom = newCache(b -> b.keyPrefix("custom").keyFunction((key, prefix, version) -> prefix + "/" + key));
        assertThatThrownBy(custom::keys).isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("'" + custom.alias() + "'").hasMessageContaining("custom key function");
    }

    @Test
    void keys_backendThatListsNoKeys_refusedNamingTheCacheAndWhy() {
        assumeThat(capabilities().listsKeys()).isFalse();
        assertThatThrownBy(cache::keys).isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("'" + cache.alias() + "'").hasMessageContaining("does not list keys");
    }
}
