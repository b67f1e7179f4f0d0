package dev.larder.hibernate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Fetch paths and attribute names go into HQL, so anything but Java identifiers is refused. */
class LoaderTest {
    @Test
    void paths_areIdentifiersJoinedByDots_sortedAndDeduplicated() {
        assertThat(Loader.paths("mother.family", "father", "mother", "father")).containsExactly("father", "mother",
                "mother.family");
        assertThat(Loader.paths("$x", "_a1", "a.b_2.$c")).containsExactly("$x", "_a1", "a.b_2.$c");
    }

    @Test
    void paths_thatAreNotIdentifiers_areRefusedByName() {
        for (String bad : new String[] {"", ".a", "a.", "a..b", "1a", "a.1b", "a b", "mother or 1=1", "a-b", "é"}) {
            assertThatThrownBy(() -> Loader.paths("mother", bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'" + bad + "'");
        }
        assertThatThrownBy(() -> Loader.paths((String) null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'null'");
    }

    @Test
    void attributes_areSingleIdentifiers() {
        assertThat(Loader.isAttribute("email")).isTrue();
        assertThat(Loader.isAttribute("mother.name")).isFalse();
        assertThat(Loader.isAttribute("email = email or 1")).isFalse();
        assertThat(Loader.isAttribute(null)).isFalse();
    }
}
