package dev.larder.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** If-Match / If-None-Match values (RFC 9110 §13.1.1, §13.1.2). */
class ETagListTest {
    @Test
    void parse_absent_isEmpty() {
        assertThat(ETagList.parse(List.of())).isEmpty();
        assertThat(ETagList.parse(null)).isEmpty();
    }

    @Test
    void parse_star_isAny() {
        ETagList list = ETagList.parse(List.of(" * ")).orElseThrow();
        assertThat(list.any()).isTrue();
        assertThat(list.tags()).isEmpty();
    }

    @Test
    void parse_list_keepsWellFormedTagsInOrder() {
        ETagList list = ETagList.parse(List.of("\"a\", W/\"b\",bogus, \"c\"")).orElseThrow();
        assertThat(list.any()).isFalse();
        assertThat(list.tags()).containsExactly(ETag.strong("a"), ETag.weak("b"), ETag.strong("c"));
    }

    @Test
    void parse_commaInsideTag_isPartOfTheTag() {
        // etagc includes the comma (%x2C), so a naive comma split would break this tag.
        ETagList list = ETagList.parse(List.of("\"a,b\", \"c\"")).orElseThrow();
        assertThat(list.tags()).containsExactly(ETag.strong("a,b"), ETag.strong("c"));
    }

    @Test
    void parse_backslashInsideTag_isNotAnEscape() {
        ETagList list = ETagList.parse(List.of("\"a\\\", \"b\"")).orElseThrow();
        assertThat(list.tags()).containsExactly(ETag.strong("a\\"), ETag.strong("b"));
    }

    @Test
    void parse_severalFieldLines_formOneList() {
        ETagList list = ETagList.parse(List.of("\"a\"", "\"b\"")).orElseThrow();
        assertThat(list.tags()).containsExactly(ETag.strong("a"), ETag.strong("b"));
    }

    @Test
    void parse_starAmongTags_isNotAny() {
        // "*" / #entity-tag: a star inside a list is malformed and skipped, as in Django.
        ETagList list = ETagList.parse(List.of("*, \"a\"")).orElseThrow();
        assertThat(list.any()).isFalse();
        assertThat(list.tags()).containsExactly(ETag.strong("a"));
    }

    @Test
    void parse_onlyGarbage_isPresentButEmpty() {
        ETagList list = ETagList.parse(List.of("garbage")).orElseThrow();
        assertThat(list.any()).isFalse();
        assertThat(list.tags()).isEmpty();
    }

    @Test
    void anyStrongMatch_weakTagsNeverMatch() {
        ETagList list = ETagList.parse(List.of("W/\"a\", \"b\"")).orElseThrow();
        assertThat(list.anyStrongMatch(ETag.strong("a"))).isFalse();
        assertThat(list.anyStrongMatch(ETag.strong("b"))).isTrue();
        assertThat(list.anyStrongMatch(ETag.weak("b"))).isFalse();
        assertThat(list.anyStrongMatch(null)).isFalse();
    }

    @Test
    void anyWeakMatch_ignoresWeakness() {
        ETagList list = ETagList.parse(List.of("W/\"a\"")).orElseThrow();
        assertThat(list.anyWeakMatch(ETag.strong("a"))).isTrue();
        assertThat(list.anyWeakMatch(ETag.weak("a"))).isTrue();
        assertThat(list.anyWeakMatch(ETag.strong("b"))).isFalse();
        assertThat(list.anyWeakMatch(null)).isFalse();
    }

    @Test
    void any_matchesEveryTagButNotNone() {
        ETagList any = new ETagList(true, null);
        assertThat(any.anyStrongMatch(ETag.weak("x"))).isTrue();
        assertThat(any.anyWeakMatch(ETag.strong("x"))).isTrue();
        assertThat(any.anyStrongMatch(null)).isFalse();
        assertThat(any.anyWeakMatch(null)).isFalse();
    }
}
