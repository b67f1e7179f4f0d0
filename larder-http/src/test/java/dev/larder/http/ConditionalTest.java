package dev.larder.http;

import static dev.larder.http.Conditional.Outcome.NOT_MODIFIED;
import static dev.larder.http.Conditional.Outcome.PRECONDITION_FAILED;
import static dev.larder.http.Conditional.Outcome.PROCEED;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Precondition evaluation in the order of RFC 9110 §13.2.2 (Django get_conditional_response, spec §6.4). */
class ConditionalTest {
    private static final ETag TAG = ETag.strong("v1");
    private static final Instant MODIFIED = Instant.parse("2016-07-17T10:00:00Z");
    private static final String AT_MODIFIED = "Sun, 17 Jul 2016 10:00:00 GMT";
    private static final String BEFORE = "Sun, 17 Jul 2016 09:59:59 GMT";
    private static final String AFTER = "Sun, 17 Jul 2016 10:00:01 GMT";

    private static Conditional.Outcome get(Headers request) {
        return Conditional.evaluate("GET", request, TAG, MODIFIED);
    }

    @Test
    void noPreconditions_proceeds() {
        assertThat(get(Headers.empty())).isEqualTo(PROCEED);
        assertThat(Conditional.evaluate("PUT", Headers.empty(), null, null)).isEqualTo(PROCEED);
    }

    @Test
    void ifMatch_strongMatch_proceeds() {
        assertThat(get(Headers.of("If-Match", "\"x\", \"v1\""))).isEqualTo(PROCEED);
    }

    @Test
    void ifMatch_noMatch_fails() {
        // §13.1.1: a false If-Match is 412, whatever the method.
        assertThat(get(Headers.of("If-Match", "\"x\""))).isEqualTo(PRECONDITION_FAILED);
    }

    @Test
    void ifMatch_weakResourceTag_neverMatches() {
        // §13.1.1 uses strong comparison.
        Headers request = Headers.of("If-Match", "W/\"v1\"");
        assertThat(Conditional.evaluate("PUT", request, ETag.weak("v1"), null)).isEqualTo(PRECONDITION_FAILED);
        assertThat(Conditional.evaluate("PUT", request, TAG, null)).isEqualTo(PRECONDITION_FAILED);
    }

    @Test
    void ifMatch_star_needsACurrentRepresentation() {
        assertThat(Conditional.evaluate("PUT", Headers.of("If-Match", "*"), TAG, null)).isEqualTo(PROCEED);
        assertThat(Conditional.evaluate("PUT", Headers.of("If-Match", "*"), null, null)).isEqualTo(PRECONDITION_FAILED);
    }

    @Test
    void ifMatch_resourceWithoutETag_fails() {
        assertThat(Conditional.evaluate("PUT", Headers.of("If-Match", "\"v1\""), null, MODIFIED))
                .isEqualTo(PRECONDITION_FAILED);
    }

    @Test
    void ifMatch_onlyMalformedMembers_isTreatedAsAbsent() {
        // Django parse_etags drops malformed members, and an empty list means no header.
        assertThat(get(Headers.of("If-Match", "v1"))).isEqualTo(PROCEED);
    }

    @Test
    void ifUnmodifiedSince_notModifiedSince_proceeds() {
        assertThat(get(Headers.of("If-Unmodified-Since", AT_MODIFIED))).isEqualTo(PROCEED);
        assertThat(get(Headers.of("If-Unmodified-Since", AFTER))).isEqualTo(PROCEED);
    }

    @Test
    void ifUnmodifiedSince_modifiedSince_fails() {
        assertThat(get(Headers.of("If-Unmodified-Since", BEFORE))).isEqualTo(PRECONDITION_FAILED);
    }

    @Test
    void ifUnmodifiedSince_unknownModificationTime_isIgnored() {
        // RFC 9110 §13.1.4: a recipient MUST ignore If-Unmodified-Since when the resource has no
        // modification date (Django fails it instead).
        assertThat(Conditional.evaluate("PUT", Headers.of("If-Unmodified-Since", AFTER), TAG, null))
                .isEqualTo(PROCEED);
    }

    @Test
    void ifUnmodifiedSince_unparseableDate_isIgnored() {
        assertThat(get(Headers.of("If-Unmodified-Since", "last tuesday"))).isEqualTo(PROCEED);
    }

    @Test
    void ifUnmodifiedSince_withIfMatch_isIgnored() {
        // §13.2.2 step 2 applies only when If-Match is absent.
        assertThat(get(Headers.of("If-Match", "\"v1\"", "If-Unmodified-Since", BEFORE))).isEqualTo(PROCEED);
    }

    @Test
    void ifNoneMatch_match_isNotModifiedForGetAndHead() {
        Headers request = Headers.of("If-None-Match", "\"v1\"");
        assertThat(Conditional.evaluate("GET", request, TAG, MODIFIED)).isEqualTo(NOT_MODIFIED);
        assertThat(Conditional.evaluate("HEAD", request, TAG, MODIFIED)).isEqualTo(NOT_MODIFIED);
    }

    @Test
    void ifNoneMatch_match_failsForOtherMethods() {
        Headers request = Headers.of("If-None-Match", "\"v1\"");
        assertThat(Conditional.evaluate("POST", request, TAG, MODIFIED)).isEqualTo(PRECONDITION_FAILED);
    }

    @Test
    void ifNoneMatch_usesWeakComparison() {
        // §13.1.2: W/"v1" matches a strong "v1" and the other way round.
        assertThat(get(Headers.of("If-None-Match", "W/\"v1\""))).isEqualTo(NOT_MODIFIED);
        assertThat(Conditional.evaluate("GET", Headers.of("If-None-Match", "\"v1\""), ETag.weak("v1"), null))
                .isEqualTo(NOT_MODIFIED);
    }

    @Test
    void ifNoneMatch_noMatch_proceeds() {
        assertThat(get(Headers.of("If-None-Match", "\"v0\", \"v2\""))).isEqualTo(PROCEED);
    }

    @Test
    void ifNoneMatch_star_failsWhenResourceHasETag() {
        assertThat(get(Headers.of("If-None-Match", "*"))).isEqualTo(NOT_MODIFIED);
        assertThat(Conditional.evaluate("PUT", Headers.of("If-None-Match", "*"), TAG, null)).isEqualTo(PRECONDITION_FAILED);
    }

    @Test
    void ifNoneMatchStar_representationKnownOnlyByItsDate_stillExists() {
        // RFC 9110 §13.1.2: "*" is false when a current representation exists, ETag or not, so a
        // PUT with If-None-Match: * must not overwrite it.
        assertThat(Conditional.evaluate("GET", Headers.of("If-None-Match", "*"), null, MODIFIED)).isEqualTo(NOT_MODIFIED);
        assertThat(Conditional.evaluate("PUT", Headers.of("If-None-Match", "*"), null, MODIFIED))
                .isEqualTo(PRECONDITION_FAILED);
    }

    @Test
    void ifNoneMatchStar_noRepresentation_proceeds() {
        assertThat(Conditional.evaluate("PUT", Headers.of("If-None-Match", "*"), null, null)).isEqualTo(PROCEED);
    }

    @Test
    void ifMatchStar_representationKnownOnlyByItsDate_passes() {
        // RFC 9110 §13.1.1: "*" is true when a current representation exists.
        assertThat(Conditional.evaluate("PUT", Headers.of("If-Match", "*"), null, MODIFIED)).isEqualTo(PROCEED);
        assertThat(Conditional.evaluate("PUT", Headers.of("If-Match", "*"), null, null)).isEqualTo(PRECONDITION_FAILED);
    }

    @Test
    void ifNoneMatch_methodNamesAreCaseSensitive() {
        // RFC 9110 §9.1: "get" is not GET, so no 304 for it.
        assertThat(Conditional.evaluate("get", Headers.of("If-None-Match", "\"v1\""), TAG, null))
                .isEqualTo(PRECONDITION_FAILED);
    }

    @Test
    void ifModifiedSince_notModified_isNotModified() {
        assertThat(get(Headers.of("If-Modified-Since", AT_MODIFIED))).isEqualTo(NOT_MODIFIED);
        assertThat(get(Headers.of("If-Modified-Since", AFTER))).isEqualTo(NOT_MODIFIED);
    }

    @Test
    void ifModifiedSince_modified_proceeds() {
        assertThat(get(Headers.of("If-Modified-Since", BEFORE))).isEqualTo(PROCEED);
    }

    @Test
    void ifModifiedSince_unknownModificationTime_proceeds() {
        assertThat(Conditional.evaluate("GET", Headers.of("If-Modified-Since", AFTER), TAG, null)).isEqualTo(PROCEED);
    }

    @Test
    void ifModifiedSince_comparesWholeSeconds() {
        // An HTTP-date has whole seconds; a sub-second Last-Modified must not look newer.
        Instant fractional = MODIFIED.plusMillis(700);
        assertThat(Conditional.evaluate("GET", Headers.of("If-Modified-Since", AT_MODIFIED), null, fractional))
                .isEqualTo(NOT_MODIFIED);
    }

    @Test
    void ifModifiedSince_withIfNoneMatch_isIgnored() {
        // §13.2.2 step 4 applies only when If-None-Match is absent.
        assertThat(get(Headers.of("If-None-Match", "\"v0\"", "If-Modified-Since", AFTER))).isEqualTo(PROCEED);
    }

    @Test
    void ifModifiedSince_onlyForGetAndHead() {
        Headers request = Headers.of("If-Modified-Since", AFTER);
        assertThat(Conditional.evaluate("HEAD", request, TAG, MODIFIED)).isEqualTo(NOT_MODIFIED);
        assertThat(Conditional.evaluate("POST", request, TAG, MODIFIED)).isEqualTo(PROCEED);
    }

    @Test
    void ifModifiedSince_unparseableOrRepeated_isIgnored() {
        assertThat(get(Headers.of("If-Modified-Since", "soon"))).isEqualTo(PROCEED);
        assertThat(get(Headers.of("If-Modified-Since", AFTER, "If-Modified-Since", AFTER))).isEqualTo(PROCEED);
    }

    @Test
    void ifMatchFailure_winsOverIfNoneMatch() {
        assertThat(get(Headers.of("If-Match", "\"x\"", "If-None-Match", "\"v1\""))).isEqualTo(PRECONDITION_FAILED);
    }

    @Test
    void notModifiedHeaders_areTheOnesOf15_4_5() {
        assertThat(Conditional.NOT_MODIFIED_HEADERS).containsExactly(
                "Cache-Control", "Content-Location", "Date", "ETag", "Expires", "Last-Modified", "Vary");
    }
}
