package dev.larder.http;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Evaluates a request's preconditions against the selected representation in the order of
 * RFC 9110 §13.2.2, as Django's {@code get_conditional_response} does. If-Range is not
 * supported. Call it before performing the method, and only when the unconditional response
 * would be 2xx (§13.2.1).
 *
 * <pre>{@code
 * Outcome outcome = Conditional.evaluate("GET", requestHeaders, ETag.strong("v7"), lastModified);
 * if (outcome == Outcome.NOT_MODIFIED) {
 *     // send 304 with the NOT_MODIFIED_HEADERS the 200 would have had
 * }
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class Conditional {
    /** What to do with the request. */
    public enum Outcome {
        /** Every precondition passed (or none was given): perform the method. */
        PROCEED,
        /** Answer 304 Not Modified (only ever for GET and HEAD). */
        NOT_MODIFIED,
        /** Answer 412 Precondition Failed. */
        PRECONDITION_FAILED
    }

    /**
     * Headers a 304 carries over from the 200 it stands for (RFC 9110 §15.4.5). Django also
     * keeps Set-Cookie; so does {@code ConditionalGetFilter}, while a cached page never has one.
     */
    public static final List<String> NOT_MODIFIED_HEADERS =
            List.of("Cache-Control", "Content-Location", "Date", "ETag", "Expires", "Last-Modified", "Vary");

    private Conditional() {
    }

    /**
     * Runs the four steps of §13.2.2. Dates compare at whole seconds, since an HTTP-date has
     * no finer precision; an unparseable date counts as absent, and so does an If-Match or
     * If-None-Match with no well-formed member (as Django). Method names are case-sensitive.
     *
     * @param method the request method, e.g. {@code "GET"}
     * @param request the request's headers
     * @param etag the representation's entity tag, or null if it has none
     * @param lastModified the representation's modification time, or null if unknown
     */
    public static Outcome evaluate(String method, HeaderSource request, ETag etag, Instant lastModified) {
        Objects.requireNonNull(request, "request");
        Instant modified = lastModified == null ? null : lastModified.truncatedTo(ChronoUnit.SECONDS);
        boolean safe = "GET".equals(method) || "HEAD".equals(method);
        Optional<ETagList> ifMatch = tags(request, "If-Match");
        Optional<ETagList> ifNoneMatch = tags(request, "If-None-Match");

        // "*" asks whether a current representation exists (§13.1.1, §13.1.2); a caller that
        // knows neither validator is taken to have none (Django ties it to the ETag alone).
        boolean exists = etag != null || modified != null;
        if (ifMatch.isPresent() && !(ifMatch.get().any() ? exists : ifMatch.get().anyStrongMatch(etag))) {
            return Outcome.PRECONDITION_FAILED;
        }
        if (ifMatch.isEmpty() && !unmodifiedSince(request, modified)) {
            return Outcome.PRECONDITION_FAILED;
        }
        if (ifNoneMatch.isPresent() && (ifNoneMatch.get().any() ? exists : ifNoneMatch.get().anyWeakMatch(etag))) {
            return safe ? Outcome.NOT_MODIFIED : Outcome.PRECONDITION_FAILED;
        }
        if (ifNoneMatch.isEmpty() && safe && !modifiedSince(request, modified)) {
            return Outcome.NOT_MODIFIED;
        }
        return Outcome.PROCEED;
    }

    /** Step 1 and 3 lists; a list with nothing usable in it is treated as absent, as Django does. */
    private static Optional<ETagList> tags(HeaderSource request, String name) {
        return ETagList.parse(HeaderSyntax.values(request, name)).filter(ETagList::usable);
    }

    /**
     * Step 2 (§13.1.4): passes when absent, when the modification time is unknown (the field
     * "MUST" then be ignored; Django fails it), or when the representation is not newer.
     */
    private static boolean unmodifiedSince(HeaderSource request, Instant modified) {
        Optional<Instant> date = date(request, "If-Unmodified-Since");
        return date.isEmpty() || modified == null || !modified.isAfter(date.get());
    }

    /** Step 4 (§13.1.3): passes when absent, when the time is unknown, or when it is newer. */
    private static boolean modifiedSince(HeaderSource request, Instant modified) {
        Optional<Instant> date = date(request, "If-Modified-Since");
        return date.isEmpty() || modified == null || modified.isAfter(date.get());
    }

    /** Several lines of a date field are invalid, and an invalid date is ignored (§13.1.3, §13.1.4). */
    private static Optional<Instant> date(HeaderSource request, String name) {
        List<String> values = HeaderSyntax.values(request, name);
        return values.size() == 1 ? HttpDates.parse(values.get(0)) : Optional.empty();
    }
}
