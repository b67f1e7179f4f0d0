package dev.larder.http;

import java.util.ArrayList;
import java.util.List;

/**
 * The syntax of header field values (RFC 9110 §5.6): lists, quoted strings and tokens. This is
 * the one list tokenizer every header parser in this package uses (Django's 2026 fix for
 * CVE-2026-48587 came from two parsers disagreeing about the same Vary value).
 */
final class HeaderSyntax {
    private HeaderSyntax() {
    }

    /** The values of {@code name}, tolerating a {@link HeaderSource} that breaks its contract by returning null. */
    static List<String> values(HeaderSource source, String name) {
        List<String> values = source.values(name);
        return values == null ? List.of() : values;
    }

    /** True if at least one field line named {@code name} is present, even with an empty value. */
    static boolean present(HeaderSource source, String name) {
        return !values(source, name).isEmpty();
    }

    /**
     * Splits a comma-separated list (RFC 9110 §5.6.1) into trimmed, non-empty elements.
     * Commas inside a quoted-string do not split. With {@code backslashEscapes} a backslash
     * escapes the next character inside quotes (quoted-pair, §5.6.4); entity-tags have no
     * escapes (§8.8.3), so their lists are split without. A quote that is never closed is an
     * ordinary character: malformed quoting must not hide the directives after it.
     */
    static List<String> split(String value, boolean backslashEscapes) {
        List<String> elements = new ArrayList<>();
        if (value == null) {
            return elements;
        }
        int start = 0;
        int i = 0;
        boolean closable = true;
        while (i < value.length()) {
            char c = value.charAt(i);
            if (c == '"' && closable) {
                int close = closingQuote(value, i, backslashEscapes);
                // The scan that found no close saw every later quote escaped, so none of them
                // closes either; scanning again from each made '"\' repeated quadratic.
                closable = close >= 0;
                i = close < 0 ? i + 1 : close + 1;
            } else if (c == ',') {
                addTrimmed(elements, value, start, i);
                start = ++i;
            } else {
                i++;
            }
        }
        addTrimmed(elements, value, start, value.length());
        return elements;
    }

    /** Index of the quote closing the one at {@code open}, or -1 when it is never closed. */
    private static int closingQuote(String value, int open, boolean backslashEscapes) {
        for (int i = open + 1; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && backslashEscapes) {
                i++;
            } else if (c == '"') {
                return i;
            }
        }
        return -1;
    }

    /** Adds {@code value[start, end)} stripped, unless that is empty; one string made, not two. */
    private static void addTrimmed(List<String> elements, String value, int start, int end) {
        while (start < end && Character.isWhitespace(value.charAt(start))) {
            start++;
        }
        while (end > start && Character.isWhitespace(value.charAt(end - 1))) {
            end--;
        }
        if (start < end) {
            elements.add(value.substring(start, end));
        }
    }

    /**
     * The content of a quoted-string with its quoted-pairs resolved (RFC 9110 §5.6.4); a value
     * that is not a complete quoted-string is returned as it is.
     */
    static String unquote(String value) {
        if (value.length() < 2 || value.charAt(0) != '"' || closingQuote(value, 0, true) != value.length() - 1) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 1; i < value.length() - 1; i++) {
            char c = value.charAt(i);
            if (c == '\\') {
                c = value.charAt(++i);
            }
            out.append(c);
        }
        return out.toString();
    }

    /** Writes {@code value} as a quoted-string, escaping quote and backslash (RFC 9110 §5.6.4). */
    static String quote(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.append('"').toString();
    }

    /** True if {@code value} is a non-empty token: only tchar (RFC 9110 §5.6.2). */
    static boolean isToken(String value) {
        if (value.isEmpty()) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            if (!isTchar(value.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isTchar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }
}
