package dev.larder.http;

import static dev.larder.http.Conditional.Outcome.NOT_MODIFIED;
import static dev.larder.http.Conditional.Outcome.PRECONDITION_FAILED;
import static dev.larder.http.Conditional.Outcome.PROCEED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.larder.http.Conditional.Outcome;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code get_conditional_response}, {@code parse_etags}, {@code quote_etag}, {@code http_date}
 * and {@code parse_http_date_safe} against Django 3.2.25: each Django value was printed by
 * running it on the same input (status 200 means it returned the response it was given).
 */
class ConditionalDjangoTest {
    private static final long LM = 1468749600; // Sun, 17 Jul 2016 10:00:00 GMT
    private static final String AT_LM = "Sun, 17 Jul 2016 10:00:00 GMT";
    private static final String BEFORE_LM = "Sun, 17 Jul 2016 09:59:59 GMT";

    static Stream<Arguments> sameAsDjango() {
        // method, request header name/value pairs, resource ETag (null = none), Last-Modified epoch (null), Django status
        return Stream.of(
                row("GET", h("If-None-Match", "\"a\""), "\"a\"", null, 304),
                row("GET", h("If-None-Match", "W/\"a\""), "\"a\"", null, 304),
                row("GET", h("If-None-Match", "\"a\""), "W/\"a\"", null, 304),
                row("GET", h("If-None-Match", "W/\"a\""), "W/\"a\"", null, 304),
                row("GET", h("If-None-Match", "\"b\", \"a\""), "\"a\"", null, 304),
                row("GET", h("If-None-Match", "*"), "\"a\"", null, 304),
                row("GET", h("If-None-Match", "*"), null, null, 200),
                row("PUT", h("If-None-Match", "\"a\""), "\"a\"", null, 412),
                row("GET", h("If-None-Match", "garbage"), "\"a\"", null, 200),
                row("GET", h("If-None-Match", "garbage", "If-Modified-Since", AT_LM), "\"a\"", LM, 304),
                row("GET", h("If-None-Match", "\"Wa\""), "W/\"a\"", null, 200),
                row("GET", h("If-Match", "\"a\""), "\"a\"", null, 200),
                row("GET", h("If-Match", "W/\"a\""), "\"a\"", null, 412),
                row("GET", h("If-Match", "\"a\""), "W/\"a\"", null, 412),
                row("GET", h("If-Match", "*"), null, null, 412),
                row("GET", h("If-Match", "*"), "W/\"a\"", null, 200),
                row("GET", h("If-Match", "\"b\""), "\"a\"", null, 412),
                row("GET", h("If-Modified-Since", AT_LM), null, LM, 304),
                row("GET", h("If-Modified-Since", BEFORE_LM), null, LM, 200),
                row("GET", h("If-Modified-Since", "invalid"), null, LM, 200),
                row("GET", h("If-Modified-Since", " " + AT_LM), null, LM, 200),
                row("GET", h("If-Modified-Since", AT_LM), null, null, 200),
                row("HEAD", h("If-Modified-Since", AT_LM), null, LM, 304),
                row("POST", h("If-Modified-Since", AT_LM), null, LM, 200),
                row("GET", h("If-Unmodified-Since", BEFORE_LM), null, LM, 412),
                row("GET", h("If-Unmodified-Since", AT_LM), null, LM, 200),
                row("GET", h("If-Unmodified-Since", "invalid"), null, LM, 200),
                row("GET", h("If-Match", "\"a\"", "If-Unmodified-Since", BEFORE_LM), "\"a\"", LM, 200),
                row("GET", h("If-None-Match", "\"a\"", "If-Modified-Since", BEFORE_LM), "\"a\"", LM, 304),
                row("GET", h("If-None-Match", "\"b\"", "If-Modified-Since", AT_LM), "\"a\"", LM, 200));
    }

    @ParameterizedTest(name = "[{index}] {0} {1} etag={2} lm={3}: {4}")
    @MethodSource("sameAsDjango")
    void evaluate_matchesDjango(String method, String[] headers, String etag, Long lm, int django) {
        assertThat(evaluate(method, headers, etag, lm)).isEqualTo(outcome(django));
    }

    @Test
    void existenceQuestions_countALastModifiedToo() {
        // Django 3.2 looks at the ETag only: If-None-Match: * with only a Last-Modified -> 200, If-Match: * -> 412.
        // RFC 9110 §13.1.1, §13.1.2 ask whether a current representation exists (README, larder-servlet).
        assertThat(evaluate("GET", h("If-None-Match", "*"), null, LM)).isEqualTo(NOT_MODIFIED);
        assertThat(evaluate("GET", h("If-Match", "*"), null, LM)).isEqualTo(PROCEED);
    }

    @Test
    void ifUnmodifiedSince_withoutAModificationTime_isIgnored() {
        // Django 3.2: 412. RFC 9110 §13.1.4: the recipient MUST ignore it when it has no modification date.
        assertThat(evaluate("GET", h("If-Unmodified-Since", AT_LM), null, null)).isEqualTo(PROCEED);
    }

    @Test
    void parseEtags_asDjango() {
        // Django 3.2 parse_etags: '*' and ' * ' -> ['*']; '"a", W/"b"' -> both; '"a", *' -> ['"a"'];
        // 'a', 'w/"a"', 'W/ "a"', '"a"b"', '"a" "b"', '' -> []; '""' -> ['""']; ' , ,"x"' -> ['"x"'].
        assertThat(ETagList.parse(List.of(" * ")).orElseThrow().any()).isTrue();
        assertThat(tags("\"a\", W/\"b\"")).containsExactly(ETag.strong("a"), ETag.weak("b"));
        assertThat(tags("\"a\", *")).containsExactly(ETag.strong("a"));
        for (String none : List.of("a", "w/\"a\"", "W/ \"a\"", "\"a\"b\"", "\"a\" \"b\"", "")) {
            assertThat(tags(none)).as(none).isEmpty();
        }
        assertThat(tags("\"\"")).containsExactly(ETag.strong(""));
        assertThat(tags(" , ,\"x\"")).containsExactly(ETag.strong("x"));
        assertThat(tags("\"\u00e9\"")).containsExactly(ETag.strong("\u00e9"));
    }

    @Test
    void parseEtags_commaInsideATag_isPartOfIt() {
        // Django 3.2: parse_etags('"a,b"') -> [] (it splits at every comma); etagc allows the comma (RFC 9110 §8.8.3).
        assertThat(tags("\"a,b\"")).containsExactly(ETag.strong("a,b"));
    }

    @Test
    void quoteEtag_asDjango_andRefusesWhatWouldBeNoEntityTag() {
        // Django 3.2 quote_etag: 'abc' -> '"abc"', '"abc"' and 'W/"abc"' kept, '' -> '""'.
        assertThat(ETag.fromUser("abc").toString()).isEqualTo("\"abc\"");
        assertThat(ETag.fromUser("\"abc\"").toString()).isEqualTo("\"abc\"");
        assertThat(ETag.fromUser("W/\"abc\"").toString()).isEqualTo("W/\"abc\"");
        assertThat(ETag.fromUser("").toString()).isEqualTo("\"\"");
        // Django: 'w/"abc"' -> '"w/"abc""', '"ab' -> '""ab"', 'a"b' -> '"a"b"': headers no recipient can parse.
        for (String bad : List.of("w/\"abc\"", "\"ab", "a\"b")) {
            assertThatThrownBy(() -> ETag.fromUser(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(bad);
        }
    }

    @Test
    void httpDate_asDjango() {
        // Django 3.2 http_date(0), (1468749602), (1468749602.9), (-1), (253402300799).
        assertThat(HttpDates.format(Instant.EPOCH)).isEqualTo("Thu, 01 Jan 1970 00:00:00 GMT");
        assertThat(HttpDates.format(Instant.ofEpochSecond(1468749602))).isEqualTo("Sun, 17 Jul 2016 10:00:02 GMT");
        assertThat(HttpDates.format(Instant.ofEpochMilli(1468749602900L))).isEqualTo("Sun, 17 Jul 2016 10:00:02 GMT");
        assertThat(HttpDates.format(Instant.ofEpochSecond(-1))).isEqualTo("Wed, 31 Dec 1969 23:59:59 GMT");
        assertThat(HttpDates.format(Instant.ofEpochSecond(253402300799L))).isEqualTo("Fri, 31 Dec 9999 23:59:59 GMT");
        // Django raises ValueError (year 10000 is out of range); Larder writes the last date it can.
        assertThat(HttpDates.format(Instant.ofEpochSecond(253402300800L))).isEqualTo("Fri, 31 Dec 9999 23:59:59 GMT");
    }

    static Stream<Arguments> datesAsDjango() {
        // value, Django 3.2's parse_http_date_safe (null = None), with "now" in 2026
        return Stream.of(
                Arguments.of("Sun, 06 Nov 1994 08:49:37 GMT", 784111777L),
                Arguments.of("Sunday, 06-Nov-94 08:49:37 GMT", 784111777L),
                Arguments.of("Sun Nov  6 08:49:37 1994", 784111777L),
                Arguments.of("Sun Nov 06 08:49:37 1994", 784111777L),
                Arguments.of("sun, 06 nov 1994 08:49:37 GMT", 784111777L),
                Arguments.of("Mon, 06 Nov 1994 08:49:37 GMT", 784111777L),
                Arguments.of("Foo, 06 Nov 1994 08:49:37 GMT", 784111777L),
                Arguments.of("Sunday, 06-Nov-70 08:49:37 GMT", 3182489377L),
                Arguments.of("Sunday, 06-Nov-76 08:49:37 GMT", 3371878177L),
                Arguments.of("Sunday, 06-Nov-77 08:49:37 GMT", 247654177L),
                Arguments.of("Sun, 06 Nov 1994 08:49:37 gmt", null),
                Arguments.of(" Sun, 06 Nov 1994 08:49:37 GMT", null),
                Arguments.of("Sun, 06 Nov 1994 08:49:37 GMT ", null),
                Arguments.of("Sun, 6 Nov 1994 08:49:37 GMT", null),
                Arguments.of("Sun, 31 Feb 1994 08:49:37 GMT", null),
                Arguments.of("Sun, 06 Nov 1994 24:00:00 GMT", null),
                Arguments.of("Sun, 06 Nov 1994 08:49:60 GMT", null),
                Arguments.of("Sun, 06 Nov 1994 08:49:37 +0000", null),
                Arguments.of("0", null),
                Arguments.of("yesterday", null),
                Arguments.of("", null),
                Arguments.of("Sun, 06 Nov 1994 08:49:37 GMT, Mon, 07 Nov 1994 08:49:37 GMT", null),
                Arguments.of("Sun, 06 N\u00f6v 1994 08:49:37 GMT", null));
    }

    @ParameterizedTest(name = "[{index}] {0}: {1}")
    @MethodSource("datesAsDjango")
    void parseHttpDate_asDjango(String value, Long django) {
        Optional<Instant> parsed = HttpDates.parse(value, Instant.parse("2026-06-01T00:00:00Z"));
        assertThat(parsed.map(Instant::getEpochSecond).orElse(null)).isEqualTo(django);
    }

    @Test
    void parseHttpDate_readsAsciiAndFourDigitYearsAsWritten() {
        // Django 3.2: "Sun, 06 Nov 0000 ..." -> 973500577 (year 2000: a year below 100 is read as two digits);
        // "S\u00fcn, 06 Nov 1994 ..." -> 784111777 and "Sun, 0\u0661 Nov 1994 ..." -> 783679777 (\w and \d are Unicode).
        assertThat(HttpDates.parse("Sun, 06 Nov 0000 08:49:37 GMT")).contains(Instant.parse("0000-11-06T08:49:37Z"));
        assertThat(HttpDates.parse("S\u00fcn, 06 Nov 1994 08:49:37 GMT")).isEmpty();
        assertThat(HttpDates.parse("Sun, 0\u0661 Nov 1994 08:49:37 GMT")).isEmpty();
    }

    private static Arguments row(String method, String[] headers, String etag, Long lm, int status) {
        return Arguments.of(method, headers, etag, lm, status);
    }

    private static String[] h(String... pairs) {
        return pairs;
    }

    private static Outcome evaluate(String method, String[] headers, String etag, Long lm) {
        ETag tag = etag == null ? null : ETag.parse(etag).orElseThrow();
        return Conditional.evaluate(method, Headers.of(headers), tag, lm == null ? null : Instant.ofEpochSecond(lm));
    }

    private static Outcome outcome(int status) {
        return status == 304 ? NOT_MODIFIED : status == 412 ? PRECONDITION_FAILED : PROCEED;
    }

    private static List<ETag> tags(String value) {
        return ETagList.parse(List.of(value)).orElseThrow().tags();
    }
}
