package dev.larder.http;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTTP-date (RFC 9110 §5.6.7): formats IMF-fixdate, and parses IMF-fixdate plus the two
 * obsolete forms a recipient must still accept.
 *
 * <pre>{@code
 * HttpDates.format(Instant.ofEpochSecond(1468749602));    // "Sun, 17 Jul 2016 10:00:02 GMT"
 * HttpDates.parse("Sunday, 06-Nov-94 08:49:37 GMT");      // 1994-11-06T08:49:37Z
 * HttpDates.parse("yesterday");                          // Optional.empty()
 * }</pre>
 *
 * <p>All methods are pure functions and thread-safe.
 */
public final class HttpDates {
    private static final DateTimeFormatter IMF_FIXDATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM uuuu HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);
    // IMF-fixdate has a four-digit year, so an instant outside years 0000-9999 is written at the nearest end.
    private static final Instant FIRST = Instant.parse("0000-01-01T00:00:00Z");
    private static final Instant LAST = Instant.parse("9999-12-31T23:59:59Z");

    private static final String TIME = "(\\d{2}):(\\d{2}):(\\d{2})";
    private static final Pattern FIXDATE =
            Pattern.compile("[A-Za-z]{3}, (\\d{2}) ([A-Za-z]{3}) (\\d{4}) " + TIME + " GMT");
    private static final Pattern RFC850 =
            Pattern.compile("[A-Za-z]{6,9}, (\\d{2})-([A-Za-z]{3})-(\\d{2}) " + TIME + " GMT");
    private static final Pattern ASCTIME =
            Pattern.compile("[A-Za-z]{3} ([A-Za-z]{3}) ([ \\d]\\d) " + TIME + " (\\d{4})");
    private static final List<String> MONTHS =
            List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec");

    private HttpDates() {
    }

    /** IMF-fixdate in GMT, sub-second part dropped: {@code "Sun, 17 Jul 2016 10:00:02 GMT"}. */
    public static String format(Instant instant) {
        Instant clamped = instant.isBefore(FIRST) ? FIRST : instant.isAfter(LAST) ? LAST : instant;
        return IMF_FIXDATE.format(clamped);
    }

    /**
     * Parses an HTTP-date in any of the three forms of RFC 9110 §5.6.7, reading a two-digit
     * RFC 850 year against the system clock; see {@link #parse(String, Instant)}.
     *
     * @return the instant, or empty for null or anything else; never throws
     */
    public static Optional<Instant> parse(String value) {
        return parse(value, Instant.now());
    }

    /**
     * Parses IMF-fixdate, obsolete RFC 850 and asctime dates, as Django's
     * {@code parse_http_date_safe} does. A two-digit RFC 850 year is in the century of
     * {@code now}, unless that puts it more than 50 years after {@code now}, in which case it
     * is the previous century (§5.6.7). Month names are matched case-insensitively, the day
     * name is not checked against the date; surrounding whitespace, a second 60 and a date
     * that does not exist (31 Feb) make the value invalid. Unlike Django, only ASCII letters
     * and digits count, and a four-digit year is the year it says (Django reads
     * {@code 0000} as 2000).
     *
     * @return the instant, or empty for null or anything else; never throws
     */
    public static Optional<Instant> parse(String value, Instant now) {
        if (value == null) {
            return Optional.empty();
        }
        String text = value;
        Matcher m = FIXDATE.matcher(text);
        if (m.matches()) {
            return instant(m.group(3), m.group(2), m.group(1), m, 4);
        }
        m = RFC850.matcher(text);
        if (m.matches()) {
            String year = Integer.toString(fullYear(Integer.parseInt(m.group(3)), now));
            return instant(year, m.group(2), m.group(1), m, 4);
        }
        m = ASCTIME.matcher(text);
        if (m.matches()) {
            return instant(m.group(6), m.group(1), m.group(2).strip(), m, 3);
        }
        return Optional.empty();
    }

    private static int fullYear(int twoDigits, Instant now) {
        int currentYear = now.atOffset(ZoneOffset.UTC).getYear();
        int century = currentYear - Math.floorMod(currentYear, 100);
        int year = century + twoDigits;
        return year - currentYear > 50 ? year - 100 : year;
    }

    private static Optional<Instant> instant(String year, String month, String day, Matcher m, int timeGroup) {
        int monthIndex = MONTHS.indexOf(month.toLowerCase(Locale.ROOT));
        if (monthIndex < 0) {
            return Optional.empty();
        }
        try {
            LocalDateTime at = LocalDateTime.of(Integer.parseInt(year), monthIndex + 1, Integer.parseInt(day),
                    Integer.parseInt(m.group(timeGroup)), Integer.parseInt(m.group(timeGroup + 1)),
                    Integer.parseInt(m.group(timeGroup + 2)));
            return Optional.of(at.toInstant(ZoneOffset.UTC));
        } catch (DateTimeException invalidField) {
            return Optional.empty();
        }
    }
}
