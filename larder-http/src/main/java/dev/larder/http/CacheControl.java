package dev.larder.http;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A parsed {@code Cache-Control} value (RFC 9111 §5.2) with Django's
 * {@code patch_cache_control} merge rules.
 *
 * <p>Parsing never throws: the value is split on commas outside quoted-strings, each element at
 * its first {@code =}; names are trimmed and lower-cased, arguments trimmed and unquoted, empty
 * elements skipped. A qualified {@code private="Set-Cookie, Link"} is one directive, and
 * {@link #has} sees it as {@code private}: deciding on parsed names rather than substrings is
 * Django's fix for CVE-2026-8404.
 *
 * <pre>{@code
 * CacheControl cc = CacheControl.parse("Private=\"Set-Cookie\", max-age=600");
 * cc.has("private");                              // true
 * cc.maxAge();                                    // OptionalLong[600]
 * cc.with("public").withMaxAge(60).toString();    // "max-age=60, public"
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe; every {@code with} returns a new instance.
 */
public final class CacheControl {
    private static final CacheControl EMPTY = new CacheControl(List.of());
    private static final String MAX_AGE = "max-age";
    private static final String NO_CACHE = "no-cache";
    // RFC 9111 §1.2.2: a delta-seconds too large to represent counts as 2^31.
    private static final long DELTA_SECONDS_CAP = 2_147_483_648L;

    private final List<Directive> directives;

    /** Takes {@code directives}, a list no one else holds, without copying it. */
    private CacheControl(List<Directive> directives) {
        this.directives = Collections.unmodifiableList(directives);
    }

    /** Parses one field value; null or blank gives {@link #empty()}. Never throws. */
    public static CacheControl parse(String value) {
        return parse(value == null ? List.of() : List.of(value));
    }

    /**
     * Parses several field lines as the one comma-joined list they stand for (RFC 9110 §5.3).
     * A null list or null elements count as absent.
     */
    public static CacheControl parse(List<String> fieldValues) {
        List<Directive> parsed = new ArrayList<>();
        if (fieldValues != null) {
            for (String line : fieldValues) {
                for (String element : HeaderSyntax.split(line, true)) {
                    Directive directive = Directive.parse(element);
                    if (directive != null) {
                        parsed.add(directive);
                    }
                }
            }
        }
        return parsed.isEmpty() ? EMPTY : new CacheControl(parsed);
    }

    /** No directives. */
    public static CacheControl empty() {
        return EMPTY;
    }

    /** True if the directive is present, bare or qualified; the name is compared case-insensitively. */
    public boolean has(String directive) {
        String name = directive.strip().toLowerCase(Locale.ROOT);
        return directives.stream().anyMatch(d -> d.name.equals(name));
    }

    /** The unquoted argument of the first occurrence; empty when that occurrence is bare or there is none. */
    public Optional<String> argument(String directive) {
        String name = directive.strip().toLowerCase(Locale.ROOT);
        return directives.stream().filter(d -> d.name.equals(name)).findFirst()
                .flatMap(d -> Optional.ofNullable(d.argument));
    }

    /**
     * Django's {@code get_max_age}: the first {@code max-age} as delta-seconds (RFC 9111
     * §1.2.2), or empty when absent, bare, not an integer or negative. A value too large for a
     * {@code long} counts as 2^31, as §1.2.2 requires.
     */
    public OptionalLong maxAge() {
        return argument(MAX_AGE).map(CacheControl::deltaSeconds).orElse(OptionalLong.empty());
    }

    /** {@code s-maxage} (RFC 9111 §5.2.2.10), with the same rules as {@link #maxAge()}. */
    public OptionalLong sharedMaxAge() {
        return argument("s-maxage").map(CacheControl::deltaSeconds).orElse(OptionalLong.empty());
    }

    /** Adds a bare directive, as Django's {@code patch_cache_control(name=True)}; see {@link #with(String, String)}. */
    public CacheControl with(String directive) {
        return with(directive, null);
    }

    /**
     * Adds {@code directive=argument} with Django's merge rules (null argument means bare).
     * The name is lower-cased and {@code _} becomes {@code -}. {@code max-age} with a
     * delta-seconds argument keeps the smaller value, as {@link #withMaxAge}; {@code public}
     * and {@code private} drop each other; {@code no-cache} field names accumulate, once each
     * whatever their case, into one {@code no-cache="A, B"}, and a bare {@code no-cache} wins;
     * any other directive replaces the old one in place.
     *
     * @throws IllegalArgumentException if the name is not a token or the argument holds a
     *     character a field value cannot carry (a control character, or above U+00FF)
     */
    public CacheControl with(String directive, String argument) {
        List<Directive> out = new ArrayList<>(directives);
        add(out, directive, argument);
        return new CacheControl(out);
    }

    /**
     * Adds bare directives in turn, as that many calls of {@link #with(String)} would, with the
     * list copied once rather than once a directive.
     */
    public CacheControl withAll(String... bareDirectives) {
        List<Directive> out = new ArrayList<>(directives);
        for (String directive : bareDirectives) {
            add(out, directive, null);
        }
        return new CacheControl(out);
    }

    private static void add(List<Directive> list, String directive, String argument) {
        String name = directiveName(directive);
        checkArgument(name, argument);
        if (name.equals(MAX_AGE) && argument != null && deltaSeconds(argument).isPresent()) {
            setMaxAge(list, deltaSeconds(argument).getAsLong());
        } else if (name.equals(NO_CACHE)) {
            replaceAll(list, NO_CACHE, noCacheGroup(list, argument));
        } else {
            String rival = name.equals("public") ? "private" : name.equals("private") ? "public" : null;
            if (rival != null) {
                list.removeIf(d -> d.name.equals(rival));
            }
            replaceAll(list, name, new Directive(name, argument));
        }
    }

    /**
     * Sets {@code max-age}, keeping the smaller of the new value and the existing one (when
     * {@code max-age} appears more than once, the smallest valid one). A negative value is
     * written as 0, since delta-seconds cannot be negative (RFC 9111 §1.2.2).
     */
    public CacheControl withMaxAge(long seconds) {
        List<Directive> out = new ArrayList<>(directives);
        setMaxAge(out, seconds);
        return new CacheControl(out);
    }

    private static void setMaxAge(List<Directive> list, long seconds) {
        long age = Math.max(0, seconds);
        for (Directive d : list) {
            if (d.name.equals(MAX_AGE) && d.argument != null) {
                OptionalLong existing = deltaSeconds(d.argument);
                if (existing.isPresent()) {
                    age = Math.min(age, existing.getAsLong());
                }
            }
        }
        replaceAll(list, MAX_AGE, new Directive(MAX_AGE, Long.toString(age)));
    }

    /** True when there are no directives. */
    public boolean isEmpty() {
        return directives.isEmpty();
    }

    /**
     * The header value: directives in order (existing first, then new), {@code name} or
     * {@code name=value}, joined with {@code ", "}; an argument that is not a token, and the
     * field names of {@code no-cache} and {@code private}, are written as a quoted-string
     * ({@code no-cache="Set-Cookie"}; RFC 9110 §5.6.4, RFC 9111 §5.2.2.4). Empty when there are
     * no directives.
     */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        for (Directive d : directives) {
            if (out.length() > 0) {
                out.append(", ");
            }
            d.render(out);
        }
        return out.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CacheControl other && directives.equals(other.directives);
    }

    @Override
    public int hashCode() {
        return directives.hashCode();
    }

    /**
     * Django keeps no-cache values as a set in which True (bare) wins over field names. Here
     * the set is of field names, compared case-insensitively (RFC 9110 §5.1), written as one
     * quoted list: a cache that reads only the first of several no-cache directives (RFC 9111
     * §4.2.1 allows it) still sees every name.
     */
    private static Directive noCacheGroup(List<Directive> list, String argument) {
        Map<String, String> fields = new LinkedHashMap<>();
        boolean bare = argument == null;
        for (Directive d : list) {
            if (d.name.equals(NO_CACHE)) {
                bare |= d.argument == null;
                addFieldNames(fields, d.argument);
            }
        }
        if (bare) {
            return new Directive(NO_CACHE, null);
        }
        addFieldNames(fields, argument);
        return new Directive(NO_CACHE, String.join(", ", fields.values()));
    }

    private static void addFieldNames(Map<String, String> fields, String list) {
        if (list != null) {
            for (String name : HeaderSyntax.split(list, false)) {
                fields.putIfAbsent(name.toLowerCase(Locale.ROOT), name);
            }
        }
    }

    /** Puts {@code replacement} where {@code name} first appeared in {@code list} (or at the end) and drops the other occurrences. */
    private static void replaceAll(List<Directive> list, String name, Directive replacement) {
        int first = 0;
        while (first < list.size() && !list.get(first).name.equals(name)) {
            first++;
        }
        if (first == list.size()) {
            list.add(replacement);
            return;
        }
        list.set(first, replacement);
        // One pass over the rest (ArrayList's bulk removeIf): removing one by one would be quadratic.
        list.subList(first + 1, list.size()).removeIf(d -> d.name.equals(name));
    }

    private static String directiveName(String directive) {
        String name = directive.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        if (!HeaderSyntax.isToken(name)) {
            throw new IllegalArgumentException("'" + directive + "' is not a Cache-Control directive name");
        }
        return name;
    }

    private static void checkArgument(String name, String argument) {
        if (argument == null) {
            return;
        }
        for (int i = 0; i < argument.length(); i++) {
            char c = argument.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f || c > 0xff) {
                throw new IllegalArgumentException("argument of " + name + " has a character a header cannot carry: '"
                        + argument + "'");
            }
        }
    }

    /** delta-seconds is 1*DIGIT (RFC 9111 §1.2.2): no sign, no spaces. */
    static OptionalLong deltaSeconds(String argument) {
        if (argument.isEmpty() || !argument.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(argument));
        } catch (NumberFormatException tooLarge) {
            return OptionalLong.of(DELTA_SECONDS_CAP);
        }
    }

    /** One directive; a null argument means bare (Django's True). */
    private record Directive(String name, String argument) {
        /** The directive an element of the list names, or null for an element with no name. */
        static Directive parse(String element) {
            int eq = element.indexOf('=');
            String name = (eq < 0 ? element : element.substring(0, eq)).strip().toLowerCase(Locale.ROOT);
            if (name.isEmpty()) {
                return null;
            }
            String argument = eq < 0 ? null : HeaderSyntax.unquote(element.substring(eq + 1).strip());
            return new Directive(name, argument);
        }

        /** no-cache and private take field-name lists in the quoted-string form only (RFC 9111 §5.2.2.4, §5.2.2.7). */
        void render(StringBuilder out) {
            out.append(name);
            if (argument != null) {
                boolean fieldNames = name.equals(NO_CACHE) || name.equals("private");
                out.append('=').append(HeaderSyntax.isToken(argument) && !fieldNames ? argument : HeaderSyntax.quote(argument));
            }
        }
    }
}
