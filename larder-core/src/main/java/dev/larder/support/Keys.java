package dev.larder.support;

import java.util.ArrayList;
import java.util.List;

/**
 * Keys as they may appear in a log line or an exception message. A key is text a caller (or a
 * request) chose: a newline in it would forge a log line, a bidi override would reorder what an
 * operator reads, and a megabyte key would be logged whole on every call.
 *
 * <p>Characters are escaped as Python's {@code repr()} escapes them, so Django's key warnings
 * come out byte for byte: everything {@code str.isprintable()} refuses (control and format
 * characters, line and paragraph separators, spaces other than U+0020, surrogates, private-use
 * and unassigned code points) becomes <code>&#92;n</code>, <code>&#92;r</code>, <code>&#92;t</code>,
 * <code>&#92;xNN</code>, <code>&#92;uNNNN</code> or <code>&#92;UNNNNNNNN</code>. Lengths are counted
 * in code points, as Python's {@code len} counts them.
 *
 * <pre>{@code
 * LOG.log(Level.WARNING, "cannot read key '" + Keys.printable(key) + "'");
 * }</pre>
 */
public final class Keys {
    /** Keys up to this many code points are shown whole (Django's warnings quote the whole key). */
    public static final int MAX_WHOLE = 1_000;
    /** How many code points of a longer key are shown, before its length. */
    public static final int SHOWN_OF_LONG = 200;
    /** Django's {@code MEMCACHE_MAX_KEY_LENGTH}, in code points. */
    public static final int MEMCACHE_MAX_KEY_LENGTH = 250;

    private Keys() {
    }

    /**
     * Python's {@code repr()} of {@code s}: in single quotes, or double quotes when {@code s}
     * holds a single quote and no double quote; the chosen quote and backslashes escaped with a
     * backslash, and every character Python does not print escaped. Never shortened.
     */
    public static String repr(String s) {
        char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
        StringBuilder out = new StringBuilder(s.length() + 2).append(quote);
        for (int i = 0, n = s.length(); i < n; ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == quote || cp == '\\') {
                out.append('\\').append((char) cp);
            } else {
                appendEscaped(out, cp);
            }
        }
        return out.append(quote).toString();
    }

    /**
     * {@link #repr} of {@code key} for a message: a key over {@value #MAX_WHOLE} code points is
     * shown as the {@code repr} of its first {@value #SHOWN_OF_LONG} and its length,
     * {@code 'kkk'…(1000000 chars)}.
     */
    public static String quoted(String key) {
        int whole = wholeOrCut(key);
        return whole == key.length() ? repr(key) : repr(key.substring(0, whole)) + lengthOf(key);
    }

    /**
     * {@code key} with what {@link #repr} escapes escaped, but not quoted, and a backslash or
     * quote left as it is, so ordinary keys read the same in a message as in the code; a key
     * over {@value #MAX_WHOLE} code points shortened as {@link #quoted} shortens it, to
     * {@code kkk…(1000000 chars)}. {@code null} gives {@code "null"}.
     */
    public static String printable(String key) {
        if (key == null) {
            return "null";
        }
        int shown = wholeOrCut(key);
        int first = firstUnprintable(key, shown);
        if (first == shown && shown == key.length()) {
            return key;
        }
        StringBuilder out = new StringBuilder(shown + 32).append(key, 0, first);
        for (int i = first; i < shown; ) {
            int cp = key.codePointAt(i);
            i += Character.charCount(cp);
            appendEscaped(out, cp);
        }
        return shown < key.length() ? out.append(lengthOf(key)).toString() : out.toString();
    }

    /**
     * Django's {@code memcache_key_warnings(key)}: what is wrong with {@code key} for Memcached,
     * in Django's words and order (too long, then bad characters), or nothing.
     */
    public static List<String> memcacheKeyWarnings(String key) {
        List<String> warnings = new ArrayList<>(2);
        if (key.length() > MEMCACHE_MAX_KEY_LENGTH && key.codePointCount(0, key.length()) > MEMCACHE_MAX_KEY_LENGTH) {
            warnings.add("Cache key will cause errors if used with memcached: " + quoted(key) + " (longer than "
                    + MEMCACHE_MAX_KEY_LENGTH + ")");
        }
        for (int i = 0, n = key.length(); i < n; i++) {
            char c = key.charAt(i);
            if (c < 33 || c == 127) {
                warnings.add("Cache key contains characters that will cause errors if used with memcached: " + quoted(key));
                break;
            }
        }
        return warnings;
    }

    /** The UTF-16 length of what is shown of {@code key}: all of it, or its first {@value #SHOWN_OF_LONG} code points. */
    private static int wholeOrCut(String key) {
        if (key.length() <= MAX_WHOLE || key.codePointCount(0, key.length()) <= MAX_WHOLE) {
            return key.length();
        }
        return key.offsetByCodePoints(0, SHOWN_OF_LONG);
    }

    private static String lengthOf(String key) {
        return "…(" + key.codePointCount(0, key.length()) + " chars)";
    }

    private static int firstUnprintable(String key, int end) {
        for (int i = 0; i < end; ) {
            int cp = key.codePointAt(i);
            if (!PythonPrintable.test(cp)) {
                return i;
            }
            i += Character.charCount(cp);
        }
        return end;
    }

    /** Appends {@code cp} as Python's {@code repr} writes it, quotes and backslashes aside. */
    private static void appendEscaped(StringBuilder out, int cp) {
        switch (cp) {
            case '\t' -> out.append("\\t");
            case '\n' -> out.append("\\n");
            case '\r' -> out.append("\\r");
            default -> {
                if (PythonPrintable.test(cp)) {
                    out.appendCodePoint(cp);
                } else if (cp <= 0xff) {
                    hex(out.append("\\x"), cp, 2);
                } else if (cp <= 0xffff) {
                    hex(out.append("\\u"), cp, 4);
                } else {
                    hex(out.append("\\U"), cp, 8);
                }
            }
        }
    }

    private static void hex(StringBuilder out, int value, int digits) {
        for (int shift = 4 * (digits - 1); shift >= 0; shift -= 4) {
            out.append(Character.forDigit((value >>> shift) & 0xf, 16));
        }
    }
}
