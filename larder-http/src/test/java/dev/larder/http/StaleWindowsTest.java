package dev.larder.http;

import static dev.larder.http.StaleWindows.Phase.EXPIRED;
import static dev.larder.http.StaleWindows.Phase.FRESH;
import static dev.larder.http.StaleWindows.Phase.IF_ERROR;
import static dev.larder.http.StaleWindows.Phase.REVALIDATE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** RFC 5861's two windows: which one a response gets, and what a stored page may be used for when. */
class StaleWindowsTest {
    private static final Instant STORED = Instant.ofEpochSecond(1468749600);
    private static final Duration FRESH_FOR = Duration.ofSeconds(60);
    private static final StaleWindows CONFIGURED = StaleWindows.of(Duration.ofSeconds(30), Duration.ofSeconds(300));

    private static StaleWindows resolve(String cacheControl) {
        return StaleWindows.resolve(Headers.of("Cache-Control", cacheControl), CONFIGURED);
    }

    private static StaleWindows.Phase at(StaleWindows w, long secondsAfterStore) {
        return w.phase(STORED, FRESH_FOR, STORED.plusSeconds(secondsAfterStore));
    }

    @Test
    void resolve_withoutDirectives_isTheConfiguredWindows() {
        assertThat(StaleWindows.resolve(Headers.empty(), CONFIGURED)).isEqualTo(CONFIGURED);
        assertThat(resolve("max-age=60, public")).isEqualTo(CONFIGURED);
    }

    @Test
    void resolve_responseDirectives_beatTheConfiguredWindows() {
        assertThat(resolve("max-age=60, stale-while-revalidate=5, stale-if-error=86400"))
                .isEqualTo(StaleWindows.of(Duration.ofSeconds(5), Duration.ofSeconds(86400)));
    }

    @Test
    void resolve_aDirectiveOfZero_turnsItsWindowOff() {
        assertThat(resolve("stale-while-revalidate=0").whileRevalidate()).isZero();
        assertThat(resolve("stale-while-revalidate=0").ifError()).isEqualTo(Duration.ofSeconds(300));
    }

    @Test
    void resolve_onlyOneDirective_keepsTheOtherConfigured() {
        assertThat(resolve("stale-if-error=10"))
                .isEqualTo(StaleWindows.of(Duration.ofSeconds(30), Duration.ofSeconds(10)));
    }

    @Test
    void resolve_anyCaseAndQuotedValue_areRead() {
        // RFC 9111 §5.2: directive names are case-insensitive; quoted-string values are accepted by recipients.
        assertThat(resolve("Stale-While-Revalidate=\"7\"").whileRevalidate()).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void resolve_malformedValues_areIgnored_andTheConfiguredWindowApplies() {
        // RFC 9111 §4.2.1 / §5.2: a cache ignores a directive whose value is invalid.
        for (String bad : new String[] {"stale-while-revalidate", "stale-while-revalidate=", "stale-while-revalidate=-5",
                "stale-while-revalidate=1.5", "stale-while-revalidate=abc", "stale-while-revalidate=5s"}) {
            assertThat(resolve(bad).whileRevalidate()).as(bad).isEqualTo(Duration.ofSeconds(30));
        }
        assertThat(resolve("stale-if-error=ten").ifError()).isEqualTo(Duration.ofSeconds(300));
    }

    @Test
    void resolve_aHugeValue_isCappedAsDeltaSecondsAre() {
        // RFC 9111 §1.2.2: a value past what the cache can represent counts as 2^31.
        assertThat(resolve("stale-if-error=99999999999999999999999").ifError())
                .isEqualTo(Duration.ofSeconds(2_147_483_648L));
    }

    @Test
    void keep_isTheFreshTime_plusTheLongerWindow() {
        assertThat(CONFIGURED.keep(FRESH_FOR)).isEqualTo(Duration.ofSeconds(360));
        assertThat(StaleWindows.of(Duration.ofSeconds(90), Duration.ofSeconds(20)).keep(FRESH_FOR))
                .isEqualTo(Duration.ofSeconds(150));
        assertThat(StaleWindows.NONE.keep(FRESH_FOR)).isEqualTo(FRESH_FOR);
    }

    @Test
    void phase_walksFromFreshThroughBothWindowsToExpired() {
        assertThat(at(CONFIGURED, 0)).isEqualTo(FRESH);
        assertThat(at(CONFIGURED, 59)).isEqualTo(FRESH);
        assertThat(at(CONFIGURED, 60)).isEqualTo(REVALIDATE);
        assertThat(at(CONFIGURED, 89)).isEqualTo(REVALIDATE);
        assertThat(at(CONFIGURED, 90)).isEqualTo(IF_ERROR);
        assertThat(at(CONFIGURED, 359)).isEqualTo(IF_ERROR);
        assertThat(at(CONFIGURED, 360)).isEqualTo(EXPIRED);
    }

    @Test
    void phase_whenTheRevalidateWindowIsTheLonger_neverSaysIfError() {
        StaleWindows w = StaleWindows.of(Duration.ofSeconds(100), Duration.ofSeconds(10));
        assertThat(at(w, 70)).isEqualTo(REVALIDATE);
        assertThat(at(w, 159)).isEqualTo(REVALIDATE);
        assertThat(at(w, 160)).isEqualTo(EXPIRED);
    }

    @Test
    void phase_withoutWindows_isFreshThenExpired() {
        assertThat(at(StaleWindows.NONE, 59)).isEqualTo(FRESH);
        assertThat(at(StaleWindows.NONE, 60)).isEqualTo(EXPIRED);
    }

    @Test
    void phase_aClockThatWentBack_isFresh() {
        assertThat(CONFIGURED.phase(STORED, FRESH_FOR, STORED.minusSeconds(10))).isEqualTo(FRESH);
    }

    @Test
    void coversError_untilTheIfErrorWindowEnds_whateverTheRevalidateWindow() {
        StaleWindows w = StaleWindows.of(Duration.ofSeconds(100), Duration.ofSeconds(10));
        assertThat(w.coversError(STORED, FRESH_FOR, STORED.plusSeconds(69))).isTrue();
        assertThat(w.coversError(STORED, FRESH_FOR, STORED.plusSeconds(70))).isFalse();
        assertThat(StaleWindows.NONE.coversError(STORED, FRESH_FOR, STORED.plusSeconds(60))).isFalse();
    }

    @Test
    void isError_isTrueFor500_502_503_504Only() {
        assertThat(java.util.List.of(500, 502, 503, 504)).allMatch(StaleWindows::isError);
        assertThat(java.util.List.of(200, 304, 404, 429, 501, 505)).noneMatch(StaleWindows::isError);
    }

    @Test
    void aNegativeWindow_isRefused_namingIt() {
        assertThatThrownBy(() -> StaleWindows.of(Duration.ofSeconds(-1), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stale-while-revalidate")
                .hasMessageContaining("PT-1S");
    }

    @Test
    void aHugeDirective_isTakenAs2To31Seconds_soKeepingThePageCannotOverflow() {
        StaleWindows w = StaleWindows.resolve(CacheControl.parse(
                "max-age=60, stale-if-error=9223372036854775807, stale-while-revalidate=99999999999999"), CONFIGURED);
        assertThat(w.ifError()).isEqualTo(StaleWindows.MAX_WINDOW);
        assertThat(w.whileRevalidate()).isEqualTo(StaleWindows.MAX_WINDOW);
        assertThat(w.keep(FRESH_FOR)).isEqualTo(FRESH_FOR.plus(StaleWindows.MAX_WINDOW));
        assertThat(w.keep(FRESH_FOR).toMillis()).isPositive();
    }
}
