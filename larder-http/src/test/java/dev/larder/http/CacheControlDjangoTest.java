package dev.larder.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code patch_cache_control} and {@code get_max_age} against Django 3.2.25: every "Django"
 * value below was printed by running {@code django.utils.cache} on the same input. Where
 * Larder writes or reads otherwise on purpose, the test says so and the README's
 * "Differences from Django" table has the row.
 */
class CacheControlDjangoTest {

    static Stream<Arguments> sameAsDjango() {
        // initial header (null = none), kwargs applied in order (null argument = True), Django's header
        return Stream.of(
                Arguments.of("no-cache=Set-Cookie", new String[] {"no_cache", null}, "no-cache"),
                Arguments.of("no-cache", new String[] {"no_cache", "Set-Cookie"}, "no-cache"),
                Arguments.of("private=\"Set-Cookie\"", new String[] {"private", null}, "private"),
                Arguments.of("Max-Age=60, PRIVATE", new String[] {"public", null}, "max-age=60, public"),
                Arguments.of("private", new String[] {"public", null}, "public"),
                Arguments.of("public", new String[] {"private", null}, "private"),
                Arguments.of("private=\"Set-Cookie\"", new String[] {"public", null}, "public"),
                Arguments.of("must-revalidate,max-age=60,private", new String[] {"public", null},
                        "must-revalidate, max-age=60, public"),
                Arguments.of("public, private", new String[] {"max_age", "1"}, "public, private, max-age=1"),
                Arguments.of("max-age=20, max-age=10", new String[] {"max_age", "30"}, "max-age=10"),
                Arguments.of("max-age=010", new String[] {"max_age", "30"}, "max-age=10"),
                Arguments.of("MAX-AGE=100", new String[] {"max_age", "30"}, "max-age=30"),
                Arguments.of("no-cache=a, no-cache=b", new String[] {"no_cache", null}, "no-cache"),
                Arguments.of(null, new String[] {"max_age", "0"}, "max-age=0"),
                Arguments.of(null, new String[] {"stale_while_revalidate", "30"}, "stale-while-revalidate=30"),
                Arguments.of("no-store", new String[] {"no_cache", null, "no_store", null, "must_revalidate", null,
                    "private", null}, "no-store, no-cache, must-revalidate, private"),
                Arguments.of(null, new String[] {"max_age", "60", "s_maxage", "30"}, "max-age=60, s-maxage=30"),
                Arguments.of("s-maxage=100", new String[] {"s_maxage", "50"}, "s-maxage=50"));
    }

    @ParameterizedTest(name = "[{index}] {0} + {1} = {2}")
    @MethodSource("sameAsDjango")
    void patch_matchesDjango(String initial, String[] kwargs, String django) {
        assertThat(patch(initial, kwargs)).isEqualTo(django);
    }

    @Test
    void fieldNames_areOneQuotedList_eachNameOnce() {
        // Django 3.2: patch_cache_control(no_cache="Set-Cookie") -> no-cache=Set-Cookie
        assertThat(patch(null, "no_cache", "Set-Cookie")).isEqualTo("no-cache=\"Set-Cookie\"");
        // Django: private=Set-Cookie; over "private=Set-Cookie" with private="Link": private=Link
        assertThat(patch("public", "private", "Set-Cookie")).isEqualTo("private=\"Set-Cookie\"");
        assertThat(patch("private=Set-Cookie", "private", "Link")).isEqualTo("private=\"Link\"");
        // Django: "no-cache=Link, no-cache=Set-Cookie" or the other order (a Python set, PYTHONHASHSEED decides)
        assertThat(patch("no-cache=Set-Cookie", "no_cache", "Link")).isEqualTo("no-cache=\"Set-Cookie, Link\"");
        assertThat(patch("no-cache=\"Set-Cookie\"", "no_cache", "Link")).isEqualTo("no-cache=\"Set-Cookie, Link\"");
        // Django splits the quoted list at its comma and lower-cases the half it takes for a name:
        // no-cache="Set-Cookie, link", max-age=5
        assertThat(patch("no-cache=\"Set-Cookie, Link\"", "max_age", "5")).isEqualTo("no-cache=\"Set-Cookie, Link\", max-age=5");
        // Django keeps both spellings: no-cache=set-cookie, no-cache=Set-Cookie
        assertThat(patch("No-Cache=Set-Cookie", "no_cache", "set-cookie")).isEqualTo("no-cache=\"Set-Cookie\"");
    }

    @Test
    void argumentThatIsNotAToken_isQuoted() {
        // Django 3.2: patch_cache_control(foo="a b") -> foo=a b
        assertThat(patch(null, "foo", "a b")).isEqualTo("foo=\"a b\"");
    }

    @Test
    void repeatedMaxAge_theSmallestValidOneIsKept() {
        // Django 3.2 reads the last occurrence: "max-age=10, max-age=20" + max_age=30 -> max-age=20,
        // + max_age=15 -> max-age=15. RFC 9111 §4.2.1: use the first, or treat as stale.
        assertThat(patch("max-age=10, max-age=20", "max_age", "30")).isEqualTo("max-age=10");
        assertThat(patch("max-age=10, max-age=20", "max_age", "15")).isEqualTo("max-age=10");
    }

    @Test
    void existingMaxAgeThatIsNotAnInteger_isReplaced() {
        // Django 3.2 raises ValueError for "abc", "\" 10\"" and "\"10\"", keeps -1 (min(-1, 30)) and reads a bare
        // max-age as int(True) = 1.
        assertThat(patch("max-age=abc", "max_age", "10")).isEqualTo("max-age=10");
        assertThat(patch("max-age=\" 10\"", "max_age", "5")).isEqualTo("max-age=5");
        assertThat(patch("max-age=\"10\"", "max_age", "30")).as("the quoted form is read").isEqualTo("max-age=10");
        assertThat(patch("max-age=-1", "max_age", "30")).isEqualTo("max-age=30");
        assertThat(patch("max-age", "max_age", "30")).isEqualTo("max-age=30");
    }

    @Test
    void publicAndPrivate_theLastNamedWins() {
        // Django 3.2: one call with public=True, private=True over "public" writes both: "public, private".
        assertThat(patch("public", "public", null, "private", null)).isEqualTo("private");
        assertThat(patch("private", "private", null, "public", null)).isEqualTo("public");
    }

    static Stream<Arguments> maxAgesAsDjango() {
        // Cache-Control, Django 3.2's get_max_age (null = None), which Larder's maxAge returns too
        return Stream.of(
                Arguments.of("max-age=10", 10L),
                Arguments.of("max-age=\" 10\"", null),
                Arguments.of("max-age= 10", 10L),
                Arguments.of("max-age=010", 10L),
                Arguments.of("max-age=1.5", null),
                Arguments.of("MAX-AGE=10", 10L),
                Arguments.of("Max-Age=10", 10L),
                Arguments.of("max-age=", null),
                Arguments.of("private, max-age=5", 5L),
                Arguments.of("max-age=5,private", 5L),
                Arguments.of("no-cache=\"a, max-age=7\"", null),
                Arguments.of("s-maxage=10", null),
                Arguments.of("", null));
    }

    @ParameterizedTest(name = "[{index}] {0}: {1}")
    @MethodSource("maxAgesAsDjango")
    void maxAge_isDjangosGetMaxAge(String header, Long django) {
        assertThat(maxAge(header)).isEqualTo(django);
    }

    static Stream<Arguments> maxAgesUnlikeDjango() {
        // Cache-Control, Django 3.2's get_max_age, Larder's maxAge (null = none). Django reads the value with
        // Python's int() and keeps the last occurrence; Larder reads delta-seconds (RFC 9111 §1.2.2), quoted or
        // not, the first occurrence (§4.2.1), and caps it at 2^31.
        return Stream.of(
                Arguments.of("max-age=-1", "-1", null),
                Arguments.of("max-age=+5", "5", null),
                Arguments.of("max-age=1_0", "10", null),
                Arguments.of("max-age", "1", null),
                Arguments.of("max-age=\"10\"", "None", 10L),
                Arguments.of("max-age=10, max-age=20", "20", 10L),
                Arguments.of("max-age = 10", "None", 10L),
                Arguments.of("max-age=99999999999999999999", "99999999999999999999", 2_147_483_648L));
    }

    @ParameterizedTest(name = "[{index}] {0}: Django {1}, Larder {2}")
    @MethodSource("maxAgesUnlikeDjango")
    void maxAge_readsDeltaSecondsOnly(String header, String django, Long larder) {
        assertThat(maxAge(header)).as("Django says %s", django).isEqualTo(larder);
    }

    private static Long maxAge(String header) {
        OptionalLong got = CacheControl.parse(header).maxAge();
        return got.isPresent() ? Long.valueOf(got.getAsLong()) : null;
    }

    private static String patch(String initial, String... kwargs) {
        CacheControl cc = CacheControl.parse(initial);
        for (int i = 0; i < kwargs.length; i += 2) {
            cc = kwargs[i + 1] == null ? cc.with(kwargs[i]) : cc.with(kwargs[i], kwargs[i + 1]);
        }
        return cc.toString();
    }
}
