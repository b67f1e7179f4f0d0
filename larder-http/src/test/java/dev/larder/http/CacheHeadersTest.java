package dev.larder.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Django's patch_response_headers and add_never_cache_headers (spec §6.5, §6.6, §12). */
class CacheHeadersTest {
    private static final Instant NOW = Instant.ofEpochSecond(1468749600);

    @Test
    void responseHeaders_djangoVector() {
        Map<String, String> set = CacheHeaders.responseHeaders(Headers.empty(), Duration.ofSeconds(2), NOW);
        assertThat(set).containsExactly(
                Map.entry("Expires", "Sun, 17 Jul 2016 10:00:02 GMT"), Map.entry("Cache-Control", "max-age=2"));
    }

    @Test
    void responseHeaders_existingExpires_isKept() {
        Headers response = Headers.of("Expires", "Thu, 01 Jan 1970 00:00:00 GMT");
        assertThat(CacheHeaders.responseHeaders(response, Duration.ofSeconds(2), NOW))
                .containsExactly(Map.entry("Cache-Control", "max-age=2"));
    }

    @Test
    void responseHeaders_smallerExistingMaxAge_wins() {
        // Django test_cache_page_timeout: the header keeps the view's smaller max-age.
        Headers response = Headers.of("Cache-Control", "public, max-age=1");
        assertThat(CacheHeaders.responseHeaders(response, Duration.ofSeconds(60), NOW))
                .containsEntry("Cache-Control", "public, max-age=1");
    }

    @Test
    void responseHeaders_negativeTimeout_isZero() {
        Map<String, String> set = CacheHeaders.responseHeaders(Headers.empty(), Duration.ofSeconds(-5), NOW);
        assertThat(set).containsEntry("Expires", "Sun, 17 Jul 2016 10:00:00 GMT")
                .containsEntry("Cache-Control", "max-age=0");
    }

    @Test
    void responseHeaders_hugeTimeout_saturates() {
        Map<String, String> set = CacheHeaders.responseHeaders(Headers.empty(), Duration.ofSeconds(Long.MAX_VALUE), NOW);
        assertThat(set).containsEntry("Expires", "Fri, 31 Dec 9999 23:59:59 GMT");
        assertThat(set.get("Cache-Control")).isEqualTo("max-age=" + Long.MAX_VALUE);
    }

    @Test
    void responseHeaders_subSecondTimeout_isWholeSeconds() {
        Map<String, String> set = CacheHeaders.responseHeaders(Headers.empty(), Duration.ofMillis(2_900), NOW);
        assertThat(set).containsEntry("Cache-Control", "max-age=2");
    }

    @Test
    void neverCacheHeaders_emptyResponse_djangoVector() {
        Map<String, String> set = CacheHeaders.neverCacheHeaders(Headers.empty(), NOW);
        assertThat(set).containsExactly(Map.entry("Expires", "Sun, 17 Jul 2016 10:00:00 GMT"),
                Map.entry("Cache-Control", "max-age=0, no-cache, no-store, must-revalidate, private"));
    }

    @Test
    void neverCacheHeaders_existingExpires_isNotReturned() {
        Headers response = Headers.of("Expires", "Sun, 17 Jul 2016 12:00:00 GMT");
        assertThat(CacheHeaders.neverCacheHeaders(response, NOW)).doesNotContainKey("Expires");
    }

    @Test
    void neverCacheHeaders_existingDirectives_keptInPlace() {
        Headers response = Headers.of("Cache-Control", "public, max-age=600, no-transform");
        assertThat(CacheHeaders.neverCacheHeaders(response, NOW)).containsEntry("Cache-Control",
                "max-age=0, no-transform, no-cache, no-store, must-revalidate, private");
    }

    @Test
    void returnedMaps_areUnmodifiable() {
        Map<String, String> set = CacheHeaders.responseHeaders(Headers.empty(), Duration.ofSeconds(2), NOW);
        assertThatThrownBy(() -> set.put("Vary", "*"))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
