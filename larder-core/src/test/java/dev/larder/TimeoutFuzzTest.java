package dev.larder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.testing.fuzz.Bounded;
import dev.larder.testing.fuzz.Shapes;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * {@link Timeout#parse} on hostile text: only {@link IllegalArgumentException} (documented), at
 * most 32 bytes a character + 64 KiB (the message quotes the text), 50 ms + 100 ns a character.
 */
class TimeoutFuzzTest {
    static final String ALPHABET = "0123456789-+ msdhPTHMSD.,neverforoN";
    static final List<String> EXAMPLES = List.of("300", "5m", "500ms", "2h", "7d", "PT5M", "-PT1S", "never", "forever",
            "none", "9223372036854775807d", "P106751991167300D", "PT0.0000000001S", " 30 s ");
    static final Bounded PARSE = Bounded.named("Timeout.parse").documented(IllegalArgumentException.class)
            .allocation(32, 64 * 1024);

    @Provide
    Arbitrary<String> values() {
        return Shapes.text(ALPHABET, EXAMPLES);
    }

    @Property
    void parse_ofAnyText_isATimeoutOrIllegalArgument(@ForAll("values") String text) {
        Timeout parsed = PARSE.call(text.length(), () -> Timeout.parse(text));
        if (parsed != null) {
            assertThat(parsed.isDefault()).isFalse();
        }
    }

    @AfterContainer
    static void summary() {
        System.out.println(PARSE.summary());
    }
}
