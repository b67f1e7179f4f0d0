package dev.larder.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Entity tags (RFC 9110 §8.8.3) and their comparison (§8.8.3.2). */
class ETagTest {
    @Test
    void parse_strongAndWeak() {
        assertThat(ETag.parse("\"xyzzy\"")).contains(ETag.strong("xyzzy"));
        assertThat(ETag.parse(" W/\"xyzzy\" ")).contains(ETag.weak("xyzzy"));
        assertThat(ETag.parse("\"\"")).contains(ETag.strong(""));
    }

    @Test
    void parse_malformed_isEmpty() {
        // The weak prefix is case-sensitive: %s"W/" (§8.8.3).
        for (String bad : List.of("xyzzy", "w/\"x\"", "\"x", "x\"", "\"a\"b\"", "W/x", "\"a b\"", "", "\"")) {
            assertThat(ETag.parse(bad)).as(bad).isEmpty();
        }
        assertThat(ETag.parse(null)).isEmpty();
    }

    @Test
    void parse_obsText_isAllowed() {
        assertThat(ETag.parse("\"caf\u00e9\"")).contains(ETag.strong("caf\u00e9"));
    }

    @Test
    void constructor_characterOutsideEtagc_namesTheValue() {
        assertThatThrownBy(() -> ETag.strong("a\"b")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'a\"b'");
        assertThatThrownBy(() -> ETag.weak("a b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ETag.strong("\u20ac")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ETag(null, false)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void toString_writesFieldValue() {
        assertThat(ETag.strong("v1")).hasToString("\"v1\"");
        assertThat(ETag.weak("v1")).hasToString("W/\"v1\"");
    }

    @Test
    void fromUser_unquoted_isQuoted() {
        // Django condition(): quote the ETag if the view function returned it bare.
        assertThat(ETag.fromUser("v1")).isEqualTo(ETag.strong("v1"));
    }

    @Test
    void fromUser_alreadyQuotedOrWeak_isTakenAsIs() {
        assertThat(ETag.fromUser("\"v1\"")).isEqualTo(ETag.strong("v1"));
        assertThat(ETag.fromUser("W/\"v1\"")).isEqualTo(ETag.weak("v1"));
    }

    @Test
    void fromUser_invalidCharacters_namesTheValue() {
        assertThatThrownBy(() -> ETag.fromUser("a \"b")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a \"b");
    }

    @Test
    void ofContent_isStrongMd5Hex() {
        // Django set_response_etag.
        assertThat(ETag.ofContent("hello".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(ETag.strong("5d41402abc4b2a76b9719d911017c592"));
        assertThat(ETag.ofContent(new byte[0]).opaque()).isEqualTo("d41d8cd98f00b204e9800998ecf8427e");
    }

    @Test
    void strongMatch_needsBothStrong() {
        // The table in §8.8.3.2.
        assertThat(ETag.weak("1").strongMatch(ETag.weak("1"))).isFalse();
        assertThat(ETag.weak("1").strongMatch(ETag.weak("2"))).isFalse();
        assertThat(ETag.weak("1").strongMatch(ETag.strong("1"))).isFalse();
        assertThat(ETag.strong("1").strongMatch(ETag.strong("1"))).isTrue();
        assertThat(ETag.strong("1").strongMatch(null)).isFalse();
    }

    @Test
    void weakMatch_ignoresWeakness() {
        assertThat(ETag.weak("1").weakMatch(ETag.weak("1"))).isTrue();
        assertThat(ETag.weak("1").weakMatch(ETag.weak("2"))).isFalse();
        assertThat(ETag.weak("1").weakMatch(ETag.strong("1"))).isTrue();
        assertThat(ETag.strong("1").weakMatch(ETag.strong("1"))).isTrue();
        assertThat(ETag.strong("1").weakMatch(null)).isFalse();
    }
}
