package dev.larder.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.testing.fuzz.Bounded;
import dev.larder.testing.fuzz.Shapes;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * {@link HttpDates#parse(String, Instant)} on hostile text: never throws (documented), at most
 * 16 bytes a character + 64 KiB, 50 ms + 100 ns a character.
 */
class HttpDatesFuzzTest {
    static final String ALPHABET = "SunMoTeWdFriSaJlAgOcNvDb0123456789 ,:-GMT";
    static final List<String> EXAMPLES = List.of("Sun, 06 Nov 1994 08:49:37 GMT", "Sunday, 06-Nov-94 08:49:37 GMT",
            "Sun Nov  6 08:49:37 1994", "Wed, 31 Feb 2024 25:61:60 GMT", "Thu, 01 Jan 0000 00:00:00 GMT",
            "Fri, 31 Dec 9999 23:59:59 GMT");
    static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    static final Bounded PARSE = Bounded.named("HttpDates.parse");

    @Provide
    Arbitrary<String> values() {
        return Shapes.text(ALPHABET, EXAMPLES);
    }

    @Property
    void parse_ofAnyText_isAnInstantThatFormatsBack(@ForAll("values") String value) {
        Optional<Instant> parsed = PARSE.call(value.length(), () -> HttpDates.parse(value, NOW));
        parsed.ifPresent(at -> assertThat(HttpDates.parse(HttpDates.format(at), NOW)).contains(at));
    }

    @AfterContainer
    static void summary() {
        System.out.println(PARSE.summary());
    }
}
