package dev.larder.http;

import static dev.larder.http.StoragePolicy.Refusal.MAX_AGE_ZERO;
import static dev.larder.http.StoragePolicy.Refusal.STALE;
import static dev.larder.http.StoragePolicy.Refusal.ZERO_TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.http.StoragePolicy.Decision;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * A response that is stale already is not stored (RFC 9111 §4.2, §5.3). Django 3.2's
 * CacheMiddleware(cache_timeout=600), run on the same responses, stores most of them: the
 * outcomes quoted below are from running it (a second GET re-rendered the view or not).
 */
class StoragePolicyStaleTest {
    private static final Instant NOW = Instant.ofEpochSecond(1468749600); // Sun, 17 Jul 2016 10:00:00 GMT
    private static final Duration DEFAULT = Duration.ofSeconds(600);

    private static Decision decide(String... headers) {
        return StoragePolicy.decide("GET", Headers.empty(), 200, Headers.of(headers), false, null, DEFAULT, NOW);
    }

    @Test
    void expiresInThePast_withoutMaxAge_isRefused() {
        // Django 3.2: stored for 600 s, sent with Cache-Control: max-age=600 and the old Expires.
        assertThat(decide("Expires", "Sun, 17 Jul 2016 09:00:00 GMT").refusal()).isEqualTo(STALE);
    }

    @Test
    void expiresNow_isRefused() {
        // Django 3.2: stored for 600 s.
        assertThat(decide("Expires", "Sun, 17 Jul 2016 10:00:00 GMT").refusal()).isEqualTo(STALE);
    }

    @Test
    void invalidExpires_meansAlreadyExpired() {
        // RFC 9111 §5.3: "0" and other invalid dates. Django 3.2: stored for 600 s (Expires kept as "0").
        assertThat(decide("Expires", "0").refusal()).isEqualTo(STALE);
        assertThat(decide("Expires", "yesterday").refusal()).isEqualTo(STALE);
        assertThat(decide("Expires", "Sun, 17 Jul 2016 11:00:00 GMT", "Expires", "Sun, 17 Jul 2016 12:00:00 GMT")
                .refusal()).as("two Expires are invalid (§4.2.1)").isEqualTo(STALE);
    }

    @Test
    void expiresInTheFuture_isKeptUntilThen_atMostTheDefault() {
        // Django 3.2: stored for 600 s whatever the Expires.
        assertThat(decide("Expires", "Sun, 17 Jul 2016 10:05:00 GMT").timeout()).isEqualTo(Duration.ofSeconds(300));
        assertThat(decide("Expires", "Sun, 17 Jul 2016 11:00:00 GMT").timeout()).isEqualTo(DEFAULT);
    }

    @Test
    void expiresWithoutADefaultTimeout_isNotStored() {
        Decision d = StoragePolicy.decide("GET", Headers.empty(), 200,
                Headers.of("Expires", "Sun, 17 Jul 2016 11:00:00 GMT"), false, null, null, NOW);
        assertThat(d.refusal()).isEqualTo(ZERO_TIMEOUT);
    }

    @Test
    void maxAge_beatsAPastExpires() {
        // RFC 9111 §5.3: Expires is ignored when max-age is present. Django 3.2: stored for 60 s too.
        assertThat(decide("Expires", "Sun, 17 Jul 2016 09:00:00 GMT", "Cache-Control", "max-age=60").timeout())
                .isEqualTo(Duration.ofSeconds(60));
        assertThat(decide("Expires", "0", "Cache-Control", "s-maxage=60").timeout()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void sMaxageZero_isRefused() {
        // Django 3.2 reads max-age only: s-maxage=0 is stored for 600 s, and "s-maxage=0, max-age=60" for 60 s.
        assertThat(decide("Cache-Control", "s-maxage=0").refusal()).isEqualTo(MAX_AGE_ZERO);
        assertThat(decide("Cache-Control", "s-maxage=0, max-age=60").refusal()).isEqualTo(MAX_AGE_ZERO);
    }

    @Test
    void maxAgeZeroOrNegative_isRefused() {
        // Django 3.2: max-age=0 is not stored; max-age=-1 is set with timeout -1, which keeps nothing.
        assertThat(decide("Cache-Control", "max-age=0").refusal()).isEqualTo(MAX_AGE_ZERO);
        assertThat(decide("Cache-Control", "max-age=-1").refusal()).isEqualTo(MAX_AGE_ZERO);
    }

    @Test
    void ageAsLargeAsMaxAge_isRefused_andAYoungerOneShortensTheTimeout() {
        // Django 3.2: "max-age=60" with "Age: 120" is stored for 60 s.
        assertThat(decide("Cache-Control", "max-age=60", "Age", "120").refusal()).isEqualTo(STALE);
        assertThat(decide("Cache-Control", "max-age=60", "Age", "60").refusal()).isEqualTo(STALE);
        assertThat(decide("Cache-Control", "max-age=60", "Age", "20").timeout()).isEqualTo(Duration.ofSeconds(40));
        assertThat(decide("Cache-Control", "max-age=60", "Age", "junk").timeout()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void pageTimeout_beatsExpires_asItBeatsMaxAge() {
        // cache_page(30): Django stores for 30 s whatever the response says, unless it is private.
        Decision d = StoragePolicy.decide("GET", Headers.empty(), 200, Headers.of("Expires", "0"), false,
                Duration.ofSeconds(30), DEFAULT, NOW);
        assertThat(d.timeout()).isEqualTo(Duration.ofSeconds(30));
    }
}
