package dev.larder.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.testing.fuzz.Bounded;
import dev.larder.testing.fuzz.Shapes;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * {@code If-None-Match} / {@code If-Match} lists ({@link ETagList#parse}) and single tags
 * ({@link ETag#parse}) on hostile text: never throw (documented), at most 128 bytes a
 * character + 64 KiB, 50 ms + 100 ns a character.
 */
class ETagListFuzzTest {
    static final String ALPHABET = "W/\"abc,* \t\\\u0080\u00ff";
    static final List<String> EXAMPLES = List.of("\"v7\"", "W/\"a\", \"b\"", "*", "\"a,b\", W/\"c\"",
            "W/\"", "\"\"", "\"unclosed, \"x\"", "*, \"a\"");
    static final Bounded LIST = Bounded.named("ETagList.parse").allocation(128, 64 * 1024);
    static final Bounded TAG = Bounded.named("ETag.parse").allocation(128, 64 * 1024);

    @Provide
    Arbitrary<String> values() {
        return Shapes.text(ALPHABET, EXAMPLES);
    }

    @Property
    void parse_ofAnyFieldLines_keepsOnlyWellFormedTags(@ForAll("values") String line) {
        Optional<ETagList> list = LIST.call(2L * line.length(), () -> ETagList.parse(List.of(line, line)));
        assertThat(list).isPresent();
        assertThat(list.get().tags()).allSatisfy(t -> assertThat(ETag.parse(t.toString())).contains(t));
    }

    @Property
    void parse_ofOneTag_roundTrips(@ForAll("values") String value) {
        Optional<ETag> tag = TAG.call(value.length(), () -> ETag.parse(value));
        tag.ifPresent(t -> assertThat(ETag.parse(t.toString())).contains(t));
    }

    @AfterContainer
    static void summary() {
        System.out.println(LIST.summary());
        System.out.println(TAG.summary());
    }
}
