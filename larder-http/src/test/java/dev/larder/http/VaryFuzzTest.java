package dev.larder.http;

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
 * {@link Vary#parse} and {@link Vary#patch} on hostile text: never throw (documented), at most
 * 128 bytes a character + 64 KiB, 50 ms + 100 ns a character.
 */
class VaryFuzzTest {
    static final String ALPHABET = "CokieAcpt-Lang*, \t\"\\";
    static final List<String> EXAMPLES = List.of("Cookie", "Accept-Encoding, Cookie", "*", "Cookie    ,  Accept",
            ",,,", "\"Cookie, Accept\"", "Accept-Language, *");
    static final Bounded PARSE = Bounded.named("Vary.parse").allocation(128, 64 * 1024);
    static final Bounded PATCH = Bounded.named("Vary.patch").allocation(128, 64 * 1024);

    @Provide
    Arbitrary<String> values() {
        return Shapes.text(ALPHABET, EXAMPLES);
    }

    @Property
    void parse_givesTrimmedNonEmptyTokens(@ForAll("values") String value) {
        List<String> tokens = PARSE.call(value.length(), () -> Vary.parse(value));
        assertThat(tokens).allSatisfy(t -> assertThat(t).isNotEmpty().isEqualTo(t.strip()));
    }

    @Property
    void patch_ofAnyTwoValues_isBounded(@ForAll("values") String existing, @ForAll("values") String added) {
        String patched = PATCH.call(existing.length() + added.length(), () -> Vary.patch(existing, List.of(added)));
        assertThat(patched).isNotNull();
    }

    @AfterContainer
    static void summary() {
        System.out.println(PARSE.summary());
        System.out.println(PATCH.summary());
    }
}
