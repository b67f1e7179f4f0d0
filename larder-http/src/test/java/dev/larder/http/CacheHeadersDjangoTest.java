package dev.larder.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code patch_response_headers} and {@code add_never_cache_headers} against Django 3.2.25 run
 * with {@code time.time()} fixed at 1468749600 (Sun, 17 Jul 2016 10:00:00 GMT); a header left
 * out of the returned map is one Django leaves as it was.
 */
class CacheHeadersDjangoTest {
    private static final Instant NOW = Instant.ofEpochSecond(1468749600);

    private static Map<String, String> patch(long seconds, String... headers) {
        return CacheHeaders.responseHeaders(Headers.of(headers), Duration.ofSeconds(seconds), NOW);
    }

    private static Map<String, String> never(String... headers) {
        return CacheHeaders.neverCacheHeaders(Headers.of(headers), NOW);
    }

    @Test
    void patchResponseHeaders_asDjango() {
        assertThat(patch(2)).containsExactly(Map.entry("Expires", "Sun, 17 Jul 2016 10:00:02 GMT"),
                Map.entry("Cache-Control", "max-age=2"));
        assertThat(patch(2, "Cache-Control", "max-age=60, public")).containsEntry("Cache-Control", "max-age=2, public");
        assertThat(patch(-5)).containsExactly(Map.entry("Expires", "Sun, 17 Jul 2016 10:00:00 GMT"),
                Map.entry("Cache-Control", "max-age=0"));
        assertThat(patch(2, "Expires", "Wed, 21 Oct 2015 07:28:00 GMT")).containsOnlyKeys("Cache-Control")
                .containsEntry("Cache-Control", "max-age=2");
        assertThat(patch(30, "Cache-Control", "private")).containsEntry("Cache-Control", "private, max-age=30");
        assertThat(patch(30, "Cache-Control", "max-age=1")).containsEntry("Cache-Control", "max-age=1");
        // Django 3.2: "no-cache=Set-Cookie, max-age=30" (the token form; README, Differences from Django).
        assertThat(patch(30, "Cache-Control", "no-cache=Set-Cookie"))
                .containsEntry("Cache-Control", "no-cache=\"Set-Cookie\", max-age=30");
    }

    @Test
    void addNeverCacheHeaders_asDjango() {
        String never = "max-age=0, no-cache, no-store, must-revalidate, private";
        assertThat(never()).containsExactly(Map.entry("Expires", "Sun, 17 Jul 2016 10:00:00 GMT"),
                Map.entry("Cache-Control", never));
        assertThat(never("Cache-Control", "public")).containsEntry("Cache-Control", never);
        assertThat(never("Cache-Control", "no-cache=Set-Cookie"))
                .containsEntry("Cache-Control", "no-cache, max-age=0, no-store, must-revalidate, private");
        assertThat(never("Cache-Control", "max-age=60, s-maxage=60"))
                .containsEntry("Cache-Control", "max-age=0, s-maxage=60, no-cache, no-store, must-revalidate, private");
        assertThat(never("Expires", "Wed, 21 Oct 2015 07:28:00 GMT")).containsOnlyKeys("Cache-Control");
    }
}
