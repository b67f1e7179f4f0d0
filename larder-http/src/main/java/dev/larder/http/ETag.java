package dev.larder.http;

import dev.larder.support.Md5;
import java.util.Objects;
import java.util.Optional;

/**
 * An entity tag (RFC 9110 §8.8.3): an opaque string, without its quotes, and whether it is weak.
 * Compare tags with {@link #strongMatch} or {@link #weakMatch} (§8.8.3.2), never by their text.
 *
 * <pre>{@code
 * ETag tag = ETag.parse("W/\"v7\"").orElseThrow();   // opaque "v7", weak
 * tag.weakMatch(ETag.strong("v7"));                 // true
 * tag.strongMatch(ETag.strong("v7"));               // false: a weak tag never matches strongly
 * ETag.fromUser("v7").toString();                   // "\"v7\"" (Django's condition() quoting)
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param opaque the tag's characters without the quotes; only etagc (%x21 / %x23-7E / %x80-FF)
 * @param weak true for a weak validator ({@code W/} prefix)
 */
public record ETag(String opaque, boolean weak) {

    /**
     * @throws NullPointerException if {@code opaque} is null
     * @throws IllegalArgumentException naming the value if it holds a character that is not etagc
     */
    public ETag {
        Objects.requireNonNull(opaque, "opaque");
        for (int i = 0; i < opaque.length(); i++) {
            if (!isEtagc(opaque.charAt(i))) {
                throw new IllegalArgumentException("'" + opaque + "' is not a valid entity-tag: character "
                        + (i + 1) + " is not allowed (RFC 9110 §8.8.3)");
            }
        }
    }

    /** A strong tag. */
    public static ETag strong(String opaque) {
        return new ETag(opaque, false);
    }

    /** A weak tag. */
    public static ETag weak(String opaque) {
        return new ETag(opaque, true);
    }

    /**
     * Parses {@code "x"} or {@code W/"x"} (the {@code W} is case-sensitive), ignoring
     * surrounding whitespace.
     *
     * @return the tag, or empty for null or anything malformed; never throws
     */
    public static Optional<ETag> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String text = value.strip();
        boolean weak = text.startsWith("W/");
        String quoted = weak ? text.substring(2) : text;
        if (quoted.length() < 2 || quoted.charAt(0) != '"' || quoted.charAt(quoted.length() - 1) != '"') {
            return Optional.empty();
        }
        String opaque = quoted.substring(1, quoted.length() - 1);
        if (!opaque.chars().allMatch(c -> isEtagc((char) c))) {
            return Optional.empty();
        }
        return Optional.of(new ETag(opaque, weak));
    }

    /**
     * The tag a view function returned, as Django's {@code condition()} reads it: a well-formed
     * {@code "x"} or {@code W/"x"} is taken as it is, anything else is the opaque part of a
     * strong tag.
     *
     * @throws IllegalArgumentException if the value is neither well-formed nor valid etagc
     */
    public static ETag fromUser(String value) {
        Objects.requireNonNull(value, "value");
        return parse(value).orElseGet(() -> strong(value));
    }

    /** Django's {@code set_response_etag}: a strong tag holding the md5 hex of the body. */
    public static ETag ofContent(byte[] body) {
        return strong(Md5.hex(body));
    }

    /** §8.8.3.2 strong comparison: both strong and the same opaque string. */
    public boolean strongMatch(ETag other) {
        return other != null && !weak && !other.weak && opaque.equals(other.opaque);
    }

    /** §8.8.3.2 weak comparison: the same opaque string, weakness ignored. */
    public boolean weakMatch(ETag other) {
        return other != null && opaque.equals(other.opaque);
    }

    /** The field value: {@code "x"} or {@code W/"x"}. */
    @Override
    public String toString() {
        return (weak ? "W/\"" : "\"") + opaque + "\"";
    }

    /** etagc = %x21 / %x23-7E / obs-text: visible characters other than the double quote. */
    private static boolean isEtagc(char c) {
        return c == 0x21 || (c >= 0x23 && c <= 0x7e) || (c >= 0x80 && c <= 0xff);
    }



}
