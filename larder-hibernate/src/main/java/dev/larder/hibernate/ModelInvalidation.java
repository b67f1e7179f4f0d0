package dev.larder.hibernate;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One move of stamps, as {@link ModelCache#recentInvalidations()} lists it: when, why, and
 * which stamps moved. Every cached entry, fragment or page that recorded one of them is stale
 * from then on.
 *
 * @param at when the stamps moved
 * @param cause what moved them, e.g. {@code "update of Parent#3"} or
 *     {@code "bulk statement on Parent"}, with {@code "(flush)"} for the move while the write's
 *     transaction is in flight and {@code "(commit)"} for the move after it committed
 * @param stamps the stamp keys moved ({@code stamp:<entity>:<id>}, {@code stamp:<entity>},
 *     {@code epoch:<entity>})
 */
public record ModelInvalidation(Instant at, String cause, List<String> stamps) {
    public ModelInvalidation {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(cause, "cause");
        stamps = List.copyOf(stamps);
    }
}
