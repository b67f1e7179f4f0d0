package dev.larder.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** HTTP-date (RFC 9110 §5.6.7). */
class HttpDatesTest {
    private static final Instant NOV_1994 = Instant.parse("1994-11-06T08:49:37Z");
    private static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");

    @Test
    void format_writesImfFixdate() {
        assertThat(HttpDates.format(Instant.ofEpochSecond(1468749602))).isEqualTo("Sun, 17 Jul 2016 10:00:02 GMT");
        assertThat(HttpDates.format(NOV_1994)).isEqualTo("Sun, 06 Nov 1994 08:49:37 GMT");
    }

    @Test
    void format_dropsSubSecondPart() {
        assertThat(HttpDates.format(NOV_1994.plusMillis(999))).isEqualTo("Sun, 06 Nov 1994 08:49:37 GMT");
    }

    @Test
    void format_beyondFourDigitYears_isClamped() {
        assertThat(HttpDates.format(Instant.MAX)).isEqualTo("Fri, 31 Dec 9999 23:59:59 GMT");
        assertThat(HttpDates.format(Instant.MIN)).endsWith("Jan 0000 00:00:00 GMT");
    }

    @Test
    void parse_imfFixdate() {
        assertThat(HttpDates.parse("Sun, 06 Nov 1994 08:49:37 GMT")).contains(NOV_1994);
    }

    @Test
    void parse_formatOutput_roundTrips() {
        Instant t = Instant.ofEpochSecond(1468749602);
        assertThat(HttpDates.parse(HttpDates.format(t))).contains(t);
    }

    @Test
    void parse_rfc850_twoDigitYear() {
        assertThat(HttpDates.parse("Sunday, 06-Nov-94 08:49:37 GMT", NOW)).contains(NOV_1994);
    }

    @Test
    void parse_rfc850_yearWithinFiftyYears_isThisCentury() {
        assertThat(HttpDates.parse("Thursday, 01-Jan-76 00:00:00 GMT", NOW))
                .contains(Instant.parse("2076-01-01T00:00:00Z"));
        assertThat(HttpDates.parse("Friday, 01-Jan-27 00:00:00 GMT", NOW))
                .contains(Instant.parse("2027-01-01T00:00:00Z"));
    }

    @Test
    void parse_rfc850_yearMoreThanFiftyYearsAhead_isPreviousCentury() {
        // §5.6.7: a two-digit year more than 50 years in the future is in the past.
        assertThat(HttpDates.parse("Saturday, 01-Jan-77 00:00:00 GMT", NOW))
                .contains(Instant.parse("1977-01-01T00:00:00Z"));
    }

    @Test
    void parse_asctime() {
        assertThat(HttpDates.parse("Sun Nov  6 08:49:37 1994")).contains(NOV_1994);
        assertThat(HttpDates.parse("Sun Nov 16 08:49:37 1994")).contains(NOV_1994.plusSeconds(10 * 86_400));
    }

    @Test
    void parse_monthNameInAnyCase() {
        assertThat(HttpDates.parse("Sun, 06 NOV 1994 08:49:37 GMT")).contains(NOV_1994);
    }

    @Test
    void parse_surroundingWhitespace_isInvalid_asInDjango() {
        // Django 3.2: parse_http_date_safe(" Sun, 06 Nov 1994 08:49:37 GMT") and with a trailing space -> None.
        assertThat(HttpDates.parse(" Sun, 06 Nov 1994 08:49:37 GMT")).isEmpty();
        assertThat(HttpDates.parse("Sun, 06 Nov 1994 08:49:37 GMT ")).isEmpty();
    }

    @Test
    void parse_secondSixty_isInvalid_asInDjango() {
        // Django 3.2: parse_http_date_safe("Sun, 06 Nov 1994 08:49:60 GMT") -> None.
        assertThat(HttpDates.parse("Sat, 31 Dec 2016 23:59:60 GMT")).isEmpty();
    }

    @Test
    void parse_anythingElse_isEmpty() {
        List<String> bad = List.of("", "yesterday", "Sun, 06 Nov 1994 08:49:37 UTC", "Sun, 6 Nov 1994 08:49:37 GMT",
                "Sun, 31 Feb 1994 08:49:37 GMT", "Sun, 06 Foo 1994 08:49:37 GMT", "Sun, 06 Nov 1994 25:49:37 GMT",
                "1994-11-06T08:49:37Z", "Sun, 06 Nov 1994 08:49:37 GMT trailing", "Sun, ０６ Nov 1994 08:49:37 GMT");
        for (String value : bad) {
            assertThat(HttpDates.parse(value)).as(value).isEmpty();
        }
        assertThat(HttpDates.parse(null)).isEmpty();
    }
}
