package dev.larder.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.testing.fuzz.Bounded;
import dev.larder.testing.fuzz.Shapes;
import java.util.List;
import java.util.OptionalLong;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * {@link CacheControl#parse} on hostile text. It documents that it never throws; it may
 * allocate 128 bytes a character (an element as short as {@code "a,"} costs a substring, a
 * directive and list slots) + 64 KiB, and take 50 ms + 100 ns a character.
 */
class CacheControlFuzzTest {
    static final String ALPHABET = "abcmxp-ivaegstr=,\"\\ \t;0123456789*WP_/";
    static final List<String> EXAMPLES = List.of("max-age=600", "private=\"Set-Cookie, Link\", max-age=0",
            "no-cache, no-store, must-revalidate", "public, s-maxage=99999999999999999999", "private=\"a\\\"b\"",
            "max-age=\"60\", no-cache=\"x", "\"\\", "a=\"\\\"\\");
    static final Bounded PARSE = Bounded.named("CacheControl.parse").allocation(128, 64 * 1024);
    static final Bounded MAX_AGE = Bounded.named("CacheControl.maxAge").allocation(128, 64 * 1024);

    @Provide
    Arbitrary<String> values() {
        return Shapes.text(ALPHABET, EXAMPLES);
    }

    @Property
    void parse_neverThrows_andIsBounded(@ForAll("values") String value) {
        CacheControl parsed = PARSE.call(value.length(), () -> CacheControl.parse(value));
        assertThat(parsed).isNotNull();
    }

    @Property
    void maxAge_ofTwoFieldLines_isAbsentOrNotNegative(@ForAll("values") String value) {
        OptionalLong maxAge = MAX_AGE.call(2L * value.length(), () -> CacheControl.parse(List.of(value, value)).maxAge());
        assertThat(maxAge.orElse(0)).isNotNegative();
        OptionalLong shared = MAX_AGE.call(value.length(), () -> CacheControl.parse(value).sharedMaxAge());
        assertThat(shared.orElse(0)).isNotNegative();
    }

    @Example
    void parse_ofUnclosedQuotesBehindBackslashes_isLinear() {
        // A huge value the generators build from the example '"\': each quote used to open a scan to the end.
        String value = "\"\\".repeat(100_000);
        CacheControl parsed = PARSE.call(value.length(), () -> CacheControl.parse(value));
        assertThat(parsed.has(value)).isTrue();
    }

    @AfterContainer
    static void summary() {
        System.out.println(PARSE.summary());
        System.out.println(MAX_AGE.summary());
    }
}
