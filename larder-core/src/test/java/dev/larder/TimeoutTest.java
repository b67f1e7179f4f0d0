package dev.larder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TimeoutTest {
    @Test
    void parse_acceptsSecondsUnitsIsoAndNever() {
        assertThat(Timeout.parse("300")).isEqualTo(Timeout.ofSeconds(300));
        assertThat(Timeout.parse("500ms")).isEqualTo(Timeout.ofMillis(500));
        assertThat(Timeout.parse("5m")).isEqualTo(Timeout.ofMinutes(5));
        assertThat(Timeout.parse(" 2h ")).isEqualTo(Timeout.of(Duration.ofHours(2)));
        assertThat(Timeout.parse("7d")).isEqualTo(Timeout.of(Duration.ofDays(7)));
        assertThat(Timeout.parse("PT90S")).isEqualTo(Timeout.ofSeconds(90));
        assertThat(Timeout.parse("never")).isSameAs(Timeout.NEVER);
        assertThat(Timeout.parse("FOREVER")).isSameAs(Timeout.NEVER);
        assertThat(Timeout.parse("0").isExpired()).isTrue();
    }

    @Test
    void parse_negative_isRefused_sayingWhatToWriteInstead() {
        for (String negative : new String[] {"-1", "-5m", "-PT5S"}) {
            assertThatThrownBy(() -> Timeout.parse(negative)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'" + negative + "' is a negative timeout")
                    .hasMessageContaining("write 0 to keep nothing or 'never' for no expiry");
        }
        assertThat(Timeout.parse("-0").isExpired()).as("minus zero is still zero").isTrue();
        // In code, a negative timeout on a call is Django's "expire at once".
        assertThat(Timeout.ofSeconds(-1).isExpired()).isTrue();
        assertThat(Timeout.of(Duration.ofMillis(-1)).expiresAt(1_000)).isEqualTo(999);
    }

    @Test
    void parse_garbage_namesTheText() {
        assertThatThrownBy(() -> Timeout.parse("five minutes"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'five minutes'");
        assertThatThrownBy(() -> Timeout.parse("99999999999999999999"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("99999999999999999999");
        assertThatThrownBy(() -> Timeout.parse("PTxyz")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void expiresAt_addsDurationAndSaturates() {
        assertThat(Timeout.ofSeconds(10).expiresAt(1_000)).isEqualTo(11_000);
        assertThat(Timeout.NEVER.expiresAt(1_000)).isEqualTo(Long.MAX_VALUE);
        assertThat(Timeout.ofMillis(Long.MAX_VALUE).expiresAt(1_000)).isEqualTo(Long.MAX_VALUE);
        assertThat(Timeout.of(Duration.ofSeconds(Long.MAX_VALUE)).expiresAt(1_000)).isEqualTo(Long.MAX_VALUE);
        assertThat(Timeout.of(Duration.ofSeconds(Long.MIN_VALUE)).expiresAt(1_000)).isLessThan(1_000);
    }

    @Test
    void durationJustAboveLongMaxMillis_isForeverNotAlreadyExpired() {
        Timeout t = Timeout.of(Duration.ofMillis(Long.MAX_VALUE).plusNanos(1));
        assertThat(t.isExpired()).isFalse();
        assertThat(t.expiresAt(1_000)).isEqualTo(Long.MAX_VALUE);
        assertThat(Timeout.of(Duration.ofMillis(5).plusNanos(1)).toMillis()).isEqualTo(6);
    }

    @Test
    void hugeAmountsOfSecondsAndMinutes_meanForeverNotAnException() {
        assertThat(Timeout.ofMinutes(Long.MAX_VALUE).expiresAt(1_000)).isEqualTo(Long.MAX_VALUE);
        assertThat(Timeout.ofSeconds(Long.MAX_VALUE).expiresAt(1_000)).isEqualTo(Long.MAX_VALUE);
        assertThat(Timeout.ofMinutes(Long.MIN_VALUE).isExpired()).isTrue();
        assertThat(Timeout.ofMinutes(2).toMillis()).isEqualTo(120_000);
        assertThat(Timeout.ofSeconds(-3).toMillis()).isEqualTo(-3_000);
    }

    @Test
    void subMillisecondDurations_roundUpSoTheyAreKept() {
        assertThat(Timeout.of(Duration.ofNanos(1)).toMillis()).isEqualTo(1);
        assertThat(Timeout.of(Duration.ofNanos(1)).isExpired()).isFalse();
        assertThat(Timeout.of(Duration.ZERO).isExpired()).isTrue();
    }

    @Test
    void defaultHasToBeResolved() {
        assertThatThrownBy(() -> Timeout.DEFAULT.expiresAt(0)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(Timeout.NEVER::duration).isInstanceOf(IllegalStateException.class);
        assertThat(Timeout.DEFAULT.orDefault(Timeout.NEVER)).isSameAs(Timeout.NEVER);
        assertThat(Timeout.ofSeconds(1).orDefault(Timeout.NEVER)).isEqualTo(Timeout.ofSeconds(1));
    }
}
