package dev.larder.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.Cache;
import dev.larder.Timeout;
import dev.larder.testkit.CacheContract;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract suite, and culling compared with Django 3.2's {@code DatabaseCache} on SQLite
 * ({@code settings.configure(CACHES={... 'BACKEND': 'django.core.cache.backends.db.DatabaseCache',
 * 'OPTIONS': {'MAX_ENTRIES': m, 'CULL_FREQUENCY': f}})}, {@code createcachetable}, then
 * {@code cache.set(key, n, None)} for each key in {@link #ORDER}, listing the table's keys after
 * each write). Every database of the jdbc backend runs it.
 */
abstract class JdbcContract extends CacheContract {
    /** Written in this order, which is not their key order. */
    static final List<String> ORDER = List.of("k07", "k03", "k11", "k00", "k09", "k14", "k01", "k05", "k12", "k02",
            "k08", "k13", "k04", "k10", "k06", "k15", "k19", "k17", "k16", "k18");

    /** Django's DatabaseCache culls at 31 rows and by key order: 29 keys of 49 survive, and 18 with cull-frequency 0. */
    @Override
    protected int expectedSurvivors(int maxEntries, int cullFrequency) {
        return cullFrequency == 0 ? 18 : 29;
    }

    /** Django's tables after each write: keys separated by spaces, writes by {@code |}. */
    static Stream<Arguments> django() {
        return Stream.of(
                Arguments.of(2, 3, "k07 | k03 k07 | k03 k07 k11 | k00 k07 k11 | k07 k09 k11 | k09 k11 k14 | k01 k11 k14 | k05 k11 k14"),
                Arguments.of(3, 3, "k07 | k03 k07 | k03 k07 k11 | k00 k03 k07 k11 | k03 k07 k09 k11 | k07 k09 k11 k14 | k01 k09 k11 k14 | k05 k09 k11 k14 | k09 k11 k12 k14 | k02 k11 k12 k14"),
                Arguments.of(4, 2, "k07 | k03 k07 | k03 k07 k11 | k00 k03 k07 k11 | k00 k03 k07 k09 k11 | k07 k09 k11 k14 | k01 k07 k09 k11 k14 | k05 k09 k11 k14 | k05 k09 k11 k12 k14 | k02 k11 k12 k14 | k02 k08 k11 k12 k14 | k11 k12 k13 k14"),
                Arguments.of(5, 3, "k07 | k03 k07 | k03 k07 k11 | k00 k03 k07 k11 | k00 k03 k07 k09 k11 | k00 k03 k07 k09 k11 k14 | k01 k07 k09 k11 k14 | k01 k05 k07 k09 k11 k14 | k07 k09 k11 k12 k14 | k02 k07 k09 k11 k12 k14 | k08 k09 k11 k12 k14 | k08 k09 k11 k12 k13 k14 | k04 k11 k12 k13 k14 | k04 k10 k11 k12 k13 k14"),
                Arguments.of(6, 2, "k07 | k03 k07 | k03 k07 k11 | k00 k03 k07 k11 | k00 k03 k07 k09 k11 | k00 k03 k07 k09 k11 k14 | k00 k01 k03 k07 k09 k11 k14 | k05 k07 k09 k11 k14 | k05 k07 k09 k11 k12 k14 | k02 k05 k07 k09 k11 k12 k14 | k08 k09 k11 k12 k14 | k08 k09 k11 k12 k13 k14 | k04 k08 k09 k11 k12 k13 k14 | k10 k11 k12 k13 k14 | k06 k10 k11 k12 k13 k14 | k06 k10 k11 k12 k13 k14 k15"),
                Arguments.of(10, 3, "k07 | k03 k07 | k03 k07 k11 | k00 k03 k07 k11 | k00 k03 k07 k09 k11 | k00 k03 k07 k09 k11 k14 | k00 k01 k03 k07 k09 k11 k14 | k00 k01 k03 k05 k07 k09 k11 k14 | k00 k01 k03 k05 k07 k09 k11 k12 k14 | k00 k01 k02 k03 k05 k07 k09 k11 k12 k14 | k00 k01 k02 k03 k05 k07 k08 k09 k11 k12 k14 | k03 k05 k07 k08 k09 k11 k12 k13 k14 | k03 k04 k05 k07 k08 k09 k11 k12 k13 k14 | k03 k04 k05 k07 k08 k09 k10 k11 k12 k13 k14 | k06 k07 k08 k09 k10 k11 k12 k13 k14 | k06 k07 k08 k09 k10 k11 k12 k13 k14 k15 | k06 k07 k08 k09 k10 k11 k12 k13 k14 k15 k19 | k09 k10 k11 k12 k13 k14 k15 k17 k19 | k09 k10 k11 k12 k13 k14 k15 k16 k17 k19 | k09 k10 k11 k12 k13 k14 k15 k16 k17 k18 k19"),
                Arguments.of(4, 0, "k07 | k03 k07 | k03 k07 k11 | k00 k03 k07 k11 | k00 k03 k07 k09 k11 | k14 | k01 k14 | k01 k05 k14 | k01 k05 k12 k14 | k01 k02 k05 k12 k14 | k08 | k08 k13"),
                Arguments.of(2, 2, "k07 | k03 k07 | k03 k07 k11 | k00 k07 k11 | k07 k09 k11 | k09 k11 k14 | k01 k11 k14 | k05 k11 k14"));
    }

    private Cache culled(int maxEntries, int cullFrequency) {
        return newCache("cull-" + maxEntries + "-" + cullFrequency + "-" + UUID.randomUUID().toString().substring(0, 8),
                b -> b.option("max-entries", Integer.toString(maxEntries)).option("cull-frequency", Integer.toString(cullFrequency)));
    }

    /** The keys of {@link #ORDER} the cache holds, in key order, space-separated. */
    private static String held(Cache cache) {
        List<String> held = new ArrayList<>();
        ORDER.stream().sorted().filter(cache::hasKey).forEach(held::add);
        return String.join(" ", held);
    }

    /** Writes {@code writes} keys of {@link #ORDER}, never expiring, and lists what is held after each. */
    private static String writeAndList(Cache cache, int writes) {
        List<String> after = new ArrayList<>();
        for (String key : ORDER.subList(0, writes)) {
            cache.set(key, 1, Timeout.NEVER);
            after.add(held(cache));
        }
        return String.join(" | ", after);
    }

    @Nested
    class CullingAsDjango {
        @ParameterizedTest(name = "max-entries {0}, cull-frequency {1}")
        @MethodSource("dev.larder.jdbc.JdbcContract#django")
        void culls_atDjangosPoint_theRowsDjangoCulls(int maxEntries, int cullFrequency, String django) {
            Cache cache = culled(maxEntries, cullFrequency);
            assertThat(writeAndList(cache, django.split(" \\| ").length)).isEqualTo(django);
        }

        @Test
        void fewerRowsOverTheBoundThanTheCullFrequency_stillCullOne() {
            // Django (MAX_ENTRIES=1, CULL_FREQUENCY=3): 2 // 3 culls no row, so the table holds 3:
            // "k07 | k03 k07 | k03 k07 k11 | k00 k07 k11 | k07 k09 k11 | k09 k11 k14".
            assertThat(writeAndList(culled(1, 3), 6)).isEqualTo("k07 | k03 k07 | k07 k11 | k00 k11 | k09 k11 | k11 k14");
        }

        @Test
        void cullFrequency1_emptiesTheTable() {
            // Django (MAX_ENTRIES=3, CULL_FREQUENCY=1) never culls: its cull looks for the key at
            // offset COUNT(*), finds none, and every key written stays.
            assertThat(writeAndList(culled(3, 1), 10)).isEqualTo(
                    "k07 | k03 k07 | k03 k07 k11 | k00 k03 k07 k11 | k09 | k09 k14 | k01 k09 k14 | k01 k05 k09 k14 | k12 | k02 k12");
        }

        @Test
        void touch_cullsFirst_asDjangosDoes() {
            // Django (MAX_ENTRIES=3, CULL_FREQUENCY=2): set k1, k2, k3, k4 (rows k1 k2 k3 k4);
            // touch('k1') -> False, rows k3 k4.
            Cache cache = culled(3, 2);
            List.of("k1", "k2", "k3", "k4").forEach(k -> cache.set(k, 1));
            assertThat(cache.touch("k1")).isFalse();
            assertThat(Stream.of("k1", "k2", "k3", "k4").filter(cache::hasKey)).containsExactly("k3", "k4");
        }

        @Test
        void addOfAPresentKey_cullsFirst_asDjangosDoes() {
            // Django (MAX_ENTRIES=2, CULL_FREQUENCY=2): set k1, k2, k3; add('k3', 2) -> False, rows k2 k3.
            Cache cache = culled(2, 2);
            List.of("k1", "k2", "k3").forEach(k -> cache.set(k, 1));
            assertThat(cache.add("k3", 2)).isFalse();
            assertThat(List.of("k1", "k2", "k3").stream().filter(cache::hasKey)).containsExactly("k2", "k3");
        }

        @Test
        void incr_neverCulls() {
            // Django (MAX_ENTRIES=2, CULL_FREQUENCY=2): set k1, k2, k3; incr('k3') -> 2 is a get
            // and a set, and the set culls: rows k2 k3. Here incr is one atomic update that adds no row.
            Cache cache = culled(2, 2);
            List.of("k1", "k2", "k3").forEach(k -> cache.set(k, 1));
            assertThat(cache.incr("k3")).isEqualTo(2);
            assertThat(List.of("k1", "k2", "k3").stream().filter(cache::hasKey)).containsExactly("k1", "k2", "k3");
        }

        @Test
        void culling_takesTheRowsThatExpireSoonest() {
            // Django (MAX_ENTRIES=4, CULL_FREQUENCY=2): set a (1000 s), b (500 s), c (None),
            // d (2000 s), e (100 s), then f (None): it culls a and b, the first keys; rows c d e f.
            Cache cache = culled(4, 2);
            cache.set("a", 1, Timeout.of(Duration.ofSeconds(1000)));
            cache.set("b", 1, Timeout.of(Duration.ofSeconds(500)));
            cache.set("c", 1, Timeout.NEVER);
            cache.set("d", 1, Timeout.of(Duration.ofSeconds(2000)));
            cache.set("e", 1, Timeout.of(Duration.ofSeconds(100)));
            cache.set("f", 1, Timeout.NEVER);
            assertThat(Stream.of("a", "b", "c", "d", "e", "f").filter(cache::hasKey)).containsExactly("a", "c", "d", "f");
        }
    }
}
