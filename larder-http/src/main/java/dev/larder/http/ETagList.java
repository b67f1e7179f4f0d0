package dev.larder.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An {@code If-Match} or {@code If-None-Match} value (RFC 9110 §13.1.1, §13.1.2): either
 * {@code *} or a list of entity tags.
 *
 * <pre>{@code
 * ETagList list = ETagList.parse(List.of("W/\"a\", \"b\"")).orElseThrow();
 * list.anyWeakMatch(ETag.strong("a"));     // true
 * list.anyStrongMatch(ETag.strong("a"));   // false
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param any true for {@code *}, which matches any current representation
 * @param tags the well-formed tags, in order; empty when {@code any}
 */
public record ETagList(boolean any, List<ETag> tags) {
    private static final ETagList ANY = new ETagList(true, List.of());

    /** Copies {@code tags}; null means none. */
    public ETagList {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    /**
     * Parses the field lines of one header. Lines are joined into one list (RFC 9110 §5.3); a
     * list that is exactly {@code *} means any; otherwise each well-formed member is kept and
     * malformed ones are skipped, as Django's {@code parse_etags} does. Members are split on
     * commas outside quotes, since etagc allows a comma inside a tag.
     *
     * @return empty when the header is absent (null or no lines); never throws
     */
    public static Optional<ETagList> parse(List<String> fieldValues) {
        if (fieldValues == null || fieldValues.isEmpty()) {
            return Optional.empty();
        }
        List<String> members = new ArrayList<>();
        fieldValues.forEach(line -> members.addAll(HeaderSyntax.split(line, false)));
        if (members.size() == 1 && members.get(0).equals("*")) {
            return Optional.of(ANY);
        }
        List<ETag> tags = new ArrayList<>();
        members.forEach(member -> ETag.parse(member).ifPresent(tags::add));
        return Optional.of(new ETagList(false, tags));
    }

    /** True for {@code *} or a strong match with some tag (§13.1.1); false when {@code etag} is null. */
    public boolean anyStrongMatch(ETag etag) {
        return etag != null && (any || tags.stream().anyMatch(etag::strongMatch));
    }

    /** True for {@code *} or a weak match with some tag (§13.1.2); false when {@code etag} is null. */
    public boolean anyWeakMatch(ETag etag) {
        return etag != null && (any || tags.stream().anyMatch(etag::weakMatch));
    }

    /** False when a field was present but held no usable member, which Django treats as absent. */
    boolean usable() {
        return any || !tags.isEmpty();
    }
}
