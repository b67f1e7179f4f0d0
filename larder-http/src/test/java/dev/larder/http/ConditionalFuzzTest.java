package dev.larder.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.testing.fuzz.Bounded;
import dev.larder.testing.fuzz.Shapes;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * {@link Conditional#evaluate} with hostile If-Match, If-None-Match, If-Modified-Since and
 * If-Unmodified-Since values: never throws (documented), at most 128 bytes a character +
 * 64 KiB, 50 ms + 100 ns a character.
 */
class ConditionalFuzzTest {
    static final String ALPHABET = "W/\"v7*, SunNov06GMT0123456789:-";
    static final List<String> EXAMPLES = List.of("\"v7\"", "W/\"v7\", \"v8\"", "*", "Sun, 06 Nov 1994 08:49:37 GMT",
            "Sunday, 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994");
    static final ETag ETAG = ETag.strong("v7");
    static final Instant MODIFIED = Instant.parse("1994-11-06T08:49:37Z");
    static final Bounded EVALUATE = Bounded.named("Conditional.evaluate").allocation(128, 64 * 1024);

    @Provide
    Arbitrary<String> values() {
        return Shapes.text(ALPHABET, EXAMPLES);
    }

    @Property
    void evaluate_ofAnyPreconditions_givesAnOutcome(@ForAll("values") String match, @ForAll("values") String date) {
        Headers request = Headers.of("If-Match", match, "If-None-Match", match, "If-Modified-Since", date,
                "If-Unmodified-Since", date);
        long size = 2L * match.length() + 2L * date.length();
        assertThat(EVALUATE.call(size, () -> Conditional.evaluate("GET", request, ETAG, MODIFIED))).isNotNull();
        assertThat(EVALUATE.call(size, () -> Conditional.evaluate("PUT", request, null, null))).isNotNull();
    }

    @AfterContainer
    static void summary() {
        System.out.println(EVALUATE.summary());
    }
}
