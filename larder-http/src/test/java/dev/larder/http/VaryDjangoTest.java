package dev.larder.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code patch_vary_headers(response, newheaders)} against Django 3.2.25: each Django value was
 * printed by running it on the same Vary header and list.
 */
class VaryDjangoTest {

    static Stream<Arguments> sameAsDjango() {
        // existing Vary (null = none), new headers, Django's Vary
        return Stream.of(
                Arguments.of(null, List.of("Accept-Encoding"), "Accept-Encoding"),
                Arguments.of("Accept-Encoding", List.of("accept-encoding"), "Accept-Encoding"),
                Arguments.of("Cookie", List.of("Accept-Encoding"), "Cookie, Accept-Encoding"),
                Arguments.of("Cookie, Accept-Encoding", List.of("Accept-Encoding", "cookie"), "Cookie, Accept-Encoding"),
                Arguments.of(null, List.of("Accept-Encoding", "COOKIE"), "Accept-Encoding, COOKIE"),
                Arguments.of("Cookie    ,     Accept-Encoding", List.of("Accept-Encoding", "cookie"), "Cookie, Accept-Encoding"),
                Arguments.of("*", List.of("Accept-Language", "Cookie"), "*"),
                Arguments.of("Accept-Language, Cookie", List.of("*"), "*"),
                Arguments.of("Cookie, cookie", List.of("COOKIE"), "Cookie, cookie"),
                Arguments.of("Accept", List.of("*", "X"), "*"),
                Arguments.of(null, List.of("Cookie, Accept"), "Cookie, Accept"),
                Arguments.of("Cookie", List.of(), "Cookie"),
                Arguments.of(null, List.of(), ""));
    }

    @ParameterizedTest(name = "[{index}] {0} + {1} = {2}")
    @MethodSource("sameAsDjango")
    void patch_matchesDjango(String existing, List<String> added, String django) {
        assertThat(Vary.patch(existing, added)).isEqualTo(django);
    }

    static Stream<Arguments> unlikeDjango() {
        // existing Vary, new headers, Django 3.2's Vary, Larder's: Django keeps padding at the ends and empty
        // elements, adds a new name once per spelling, and a padded "* " is not "*" to it (though its
        // has_vary_header("*") says true); Larder trims, drops empty elements (RFC 9110 §5.6.1), adds each
        // name once, and any "*" makes the value "*" (RFC 9110 §12.5.5).
        return Stream.of(
                Arguments.of("  Cookie  ", List.of("Accept"), "  Cookie  , Accept", "Cookie, Accept"),
                Arguments.of("Cookie,,Accept", List.of("X"), "Cookie, , Accept, X", "Cookie, Accept, X"),
                Arguments.of("Cookie, ", List.of("X"), "Cookie, , X", "Cookie, X"),
                Arguments.of(",Cookie", List.of("X"), ", Cookie, X", "Cookie, X"),
                Arguments.of("", List.of("Cookie"), ", Cookie", "Cookie"),
                Arguments.of(null, List.of("Accept", "accept"), "Accept, accept", "Accept"),
                Arguments.of(null, List.of(" Accept "), " Accept ", "Accept"),
                Arguments.of("Cookie", List.of(" cookie"), "Cookie,  cookie", "Cookie"),
                Arguments.of("Accept, * ", List.of("X"), "Accept, * , X", "*"),
                Arguments.of("Accept", List.of(" *"), "Accept,  *", "*"));
    }

    @ParameterizedTest(name = "[{index}] {0} + {1}: Django {2}, Larder {3}")
    @MethodSource("unlikeDjango")
    void patch_trimsAndDropsEmptyElements(String existing, List<String> added, String django, String larder) {
        assertThat(Vary.patch(existing, added)).as("Django says '%s'", django).isEqualTo(larder);
    }
}
