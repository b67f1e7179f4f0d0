package dev.larder.serial;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The classes a serializer may write and read back. Nothing outside it is ever instantiated
 * while decoding, so bytes planted in a shared store cannot run code (the "gadget chain"
 * attacks on Java serialisation and on Python's pickle).
 *
 * <p>Patterns: {@code com.example.Order} (one class), {@code com.example.model.*} (the classes
 * of one package, nested classes included), {@code com.example.**} (a package and every
 * package under it). Arrays are allowed when their component type is; primitives always.
 *
 * <p>{@link #defaults()} allows Java's value types: {@code String}, the boxed primitives,
 * {@code java.util} and {@code java.util.concurrent} collections, {@code java.time},
 * {@code java.math} and {@code java.net.URI}. It leaves out {@code java.net.URL}, whose
 * {@code hashCode} resolves host names. Every list allows {@link dev.larder.spi.TimedValue},
 * which {@code getOrSet} stores under a {@link dev.larder.LoadPolicy}.
 *
 * <pre>{@code
 * AllowList allow = AllowList.defaults().and("com.example.model.*", "com.example.Money");
 * }</pre>
 */
public final class AllowList {
    private static final Set<String> ALWAYS = Set.of(
            "java.lang.String", "java.lang.Boolean", "java.lang.Byte", "java.lang.Short",
            "java.lang.Integer", "java.lang.Long", "java.lang.Float", "java.lang.Double",
            "java.lang.Character", "java.lang.Number", "java.lang.Enum", "java.lang.Object",
            "java.lang.Record",
            // getOrSet's own envelope under a load policy: a value, a time and a duration.
            "dev.larder.spi.TimedValue");
    private static final List<String> DEFAULT_PATTERNS = List.of(
            "java.util.*", "java.util.concurrent.*", "java.time.**", "java.math.*", "java.net.URI");

    private final List<String> patterns;
    private final Set<String> records;

    private AllowList(List<String> patterns) {
        this(patterns, Set.of());
    }

    private AllowList(List<String> patterns, Set<String> records) {
        this.patterns = List.copyOf(patterns);
        this.records = Set.copyOf(records);
    }

    /**
     * This list plus the named record classes, which are always written natively (component by
     * component, rebuilt through the canonical constructor), so allowing them does not turn on
     * Java serialisation as {@link #and(String...) other patterns} do: for integrations that
     * store records of their own in a user's cache.
     */
    public AllowList andRecords(java.util.Collection<String> recordClassNames) {
        Set<String> all = new java.util.HashSet<>(records);
        for (String name : recordClassNames) {
            if (name.isBlank() || name.contains("*")) {
                throw new IllegalArgumentException("'" + name + "' is not a record class name");
            }
            all.add(name.trim());
        }
        return new AllowList(patterns, all);
    }

    /** Java's value types, collections and {@code java.time}. */
    public static AllowList defaults() {
        return new AllowList(DEFAULT_PATTERNS);
    }

    /**
     * This list plus the given patterns.
     *
     * @throws IllegalArgumentException naming a pattern that is not a class or package name
     */
    public AllowList and(String... more) {
        List<String> all = new ArrayList<>(patterns);
        for (String p : more) {
            all.add(checkPattern(p));
        }
        return new AllowList(all, records);
    }

    /** Patterns from a comma-separated list, as the {@code allow-classes} option gives them. */
    public AllowList and(String commaSeparated) {
        return and(Arrays.stream(commaSeparated.split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).toArray(String[]::new));
    }

    /** True when objects of {@code type} may be written and read back. */
    public boolean allows(Class<?> type) {
        Class<?> c = type;
        while (c.isArray()) {
            c = c.getComponentType();
        }
        if (c.isPrimitive() || (ALWAYS.contains(c.getName()) || records.contains(c.getName()))) {
            return true;
        }
        String name = c.getName();
        String pkg = c.getPackageName();
        for (String p : patterns) {
            if (matches(p, name, pkg)) {
                return true;
            }
        }
        return false;
    }

    /**
     * True when a class of this binary name ({@code com.example.Outer$Inner}) would be allowed:
     * checked before a class named by stored bytes is loaded at all.
     */
    public boolean allowsName(String name) {
        if (ALWAYS.contains(name) || records.contains(name)) {
            return true;
        }
        int dot = name.lastIndexOf('.');
        String pkg = dot < 0 ? "" : name.substring(0, dot);
        for (String p : patterns) {
            if (matches(p, name, pkg)) {
                return true;
            }
        }
        return false;
    }

    /**
     * True when patterns beyond {@link #defaults()} were added: classes of the user's own, or
     * JDK classes named one by one. Only then does the default serializer use Java
     * serialisation at all.
     */
    public boolean hasOwnPatterns() {
        return patterns.size() > DEFAULT_PATTERNS.size() || !patterns.equals(DEFAULT_PATTERNS);
    }

    /** The patterns beyond {@code java.lang}'s value types, in order. */
    public List<String> patterns() {
        return patterns;
    }

    private static boolean matches(String pattern, String name, String pkg) {
        if (pattern.endsWith(".**")) {
            String base = pattern.substring(0, pattern.length() - 3);
            return pkg.equals(base) || pkg.startsWith(base + ".");
        }
        if (pattern.endsWith(".*")) {
            return pkg.equals(pattern.substring(0, pattern.length() - 2));
        }
        return name.equals(pattern);
    }

    private static String checkPattern(String p) {
        Objects.requireNonNull(p, "pattern");
        String body = p.endsWith(".**") ? p.substring(0, p.length() - 3)
                : p.endsWith(".*") ? p.substring(0, p.length() - 2) : p;
        if (!isQualifiedName(body)) {
            throw new IllegalArgumentException("'" + p + "' is not a class name, a package followed by .*, "
                    + "or a package followed by .**");
        }
        return p;
    }

    /**
     * Dot-separated identifiers of letters, digits, {@code _} and {@code $}, none starting with
     * a digit. A loop, not a regular expression: the regex's repeated group recursed once per
     * segment, and a long list of segments overflowed the stack.
     */
    private static boolean isQualifiedName(String body) {
        boolean segmentStart = true;
        for (int i = 0; i < body.length(); ) {
            int c = body.codePointAt(i);
            i += Character.charCount(c);
            if (c == '.' && !segmentStart && i < body.length()) {
                segmentStart = true;
            } else if (Character.isLetter(c) || c == '_' || c == '$' || (!segmentStart && isNumber(c))) {
                segmentStart = false;
            } else {
                return false;
            }
        }
        return !segmentStart;
    }

    private static boolean isNumber(int c) {
        int type = Character.getType(c);
        return type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER
                || type == Character.OTHER_NUMBER;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AllowList a && a.patterns.equals(patterns);
    }

    @Override
    public int hashCode() {
        return patterns.hashCode();
    }

    @Override
    public String toString() {
        return "AllowList" + patterns;
    }
}
