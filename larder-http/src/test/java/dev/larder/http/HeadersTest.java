package dev.larder.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The case-insensitive header multimap. */
class HeadersTest {
    @Test
    void values_areCaseInsensitiveAndInOrder() {
        Headers headers = Headers.of("Vary", "Cookie", "X-Other", "1", "VARY", "Accept");
        assertThat(headers.values("vary")).containsExactly("Cookie", "Accept");
        assertThat(headers.first("Vary")).contains("Cookie");
    }

    @Test
    void values_absent_isEmptyNotNull() {
        assertThat(Headers.empty().values("Vary")).isEmpty();
        assertThat(Headers.of("A", "1").first("B")).isEmpty();
    }

    @Test
    void of_oddCount_isRejected() {
        assertThatThrownBy(() -> Headers.of("Vary")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1");
    }

    @Test
    void of_nullNameOrValue_isRejected() {
        assertThatThrownBy(() -> Headers.of("Vary", null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Headers.of(null, "x")).isInstanceOf(NullPointerException.class);
    }

    @Test
    void values_cannotBeModified() {
        Headers headers = Headers.of("A", "1");
        assertThatThrownBy(() -> headers.values("a").add("2")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void equals_ignoresNameCase() {
        assertThat(Headers.of("A", "1")).isEqualTo(Headers.of("a", "1")).hasSameHashCodeAs(Headers.of("a", "1"));
    }
}
