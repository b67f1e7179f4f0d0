package dev.larder.http;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code Vary} (RFC 9110 §12.5.5) parsing and Django's {@code patch_vary_headers}.
 *
 * <p>Tokens are trimmed by the same tokenizer as every other header here, so a padded
 * {@code "Cookie    ,  Accept"} means the same to {@link #has} as to the page key (Django's
 * CVE-2026-48587 came from the two disagreeing).
 *
 * <pre>{@code
 * Vary.parse("Cookie ,Accept-Encoding");                 // ["Cookie", "Accept-Encoding"]
 * Vary.patch("Cookie", List.of("accept-encoding"));     // "Cookie, accept-encoding"
 * Vary.patch("Accept", List.of("*"));                   // "*"
 * }</pre>
 *
 * <p>All methods are pure functions and thread-safe.
 */
public final class Vary {
    private static final String STAR = "*";

    private Vary() {
    }

    /** Trimmed tokens, order and case kept, empty tokens dropped; null gives an empty list. */
    public static List<String> parse(String value) {
        return List.copyOf(HeaderSyntax.split(value, false));
    }

    /** The tokens of several field lines, which together form one list (RFC 9110 §5.3); null counts as absent. */
    public static List<String> parse(List<String> fieldValues) {
        List<String> tokens = new ArrayList<>();
        if (fieldValues != null) {
            for (String line : fieldValues) {
                tokens.addAll(HeaderSyntax.split(line, false));
            }
        }
        return List.copyOf(tokens);
    }

    /**
     * Django's {@code patch_vary_headers}: the existing tokens (trimmed) in their order and
     * case, then each added name whose lower-case form is not there yet. If any token is
     * {@code *} the result is exactly {@code *}, because nothing can refine a Vary that
     * already matches no request (RFC 9110 §12.5.5). Tokens are joined with {@code ", "}.
     *
     * @param existing the current Vary value, or null
     * @param added names to add; an element holding a comma-separated list is split, and
     *     names repeated within {@code added} are added once
     * @return the new value, or {@code ""} when there is nothing to vary on
     */
    public static String patch(String existing, Collection<String> added) {
        List<String> tokens = new ArrayList<>(parse(existing));
        Set<String> seen = new HashSet<>();
        tokens.forEach(t -> seen.add(lower(t)));
        if (added != null) {
            for (String name : parse(new ArrayList<>(added))) {
                if (seen.add(lower(name))) {
                    tokens.add(name);
                }
            }
        }
        return isStar(tokens) ? STAR : String.join(", ", tokens);
    }

    /** True if one of {@code tokens} names the header {@code name}, compared case-insensitively and trimmed. */
    public static boolean has(List<String> tokens, String name) {
        String wanted = lower(name.strip());
        return tokens.stream().anyMatch(t -> lower(t.strip()).equals(wanted));
    }

    /** True if any token is {@code *}: the response varies on something outside the request headers. */
    public static boolean isStar(List<String> tokens) {
        return tokens.stream().anyMatch(t -> t.strip().equals(STAR));
    }

    private static String lower(String token) {
        return token.toLowerCase(Locale.ROOT);
    }
}
