package dev.larder.spi;

/**
 * Keys as they may appear in a log line or an exception message. A key is text a caller (or a
 * request) chose: a newline in it would forge a log line, a bidi override would reorder what an
 * operator reads, and a megabyte key would be logged whole on every call.
 *
 * <pre>{@code
 * LOG.log(Level.WARNING, "cannot read key '" + Keys.printable(key) + "'");
 * }</pre>
 */
public final class Keys {
    /** Keys up to this many characters are shown whole (Django's warnings quote the whole key). */
    public static final int MAX_WHOLE = 1_000;
    /** How much of a longer key is shown, before its length. */
    public static final int SHOWN_OF_LONG = 200;

    private Keys() {
    }

    /**
     * {@code key} with control characters escaped (<code>&#92;n</code>, <code>&#92;r</code>, <code>&#92;t</code>,
     * <code>&#92;xNN</code> for the other C0 and C1 controls and DEL, <code>&#92;uNNNN</code> for unpaired
     * surrogates, line and paragraph separators and bidi controls), and a key over
     * {@value #MAX_WHOLE} characters shortened to its first {@value #SHOWN_OF_LONG} and
     * {@code …(N chars)}. Any other key is returned as it is (a backslash is not doubled), so
     * ordinary keys read the same in a message as in the code. {@code null} gives {@code "null"}.
     */
    public static String printable(String key) {
        if (key == null) {
            return "null";
        }
        int n = key.length();
        int shown = n > MAX_WHOLE ? cut(key, SHOWN_OF_LONG) : n;
        int first = firstUnprintable(key, shown);
        if (first == shown && shown == n) {
            return key;
        }
        StringBuilder out = new StringBuilder(shown + 32).append(key, 0, first);
        for (int i = first; i < shown; i++) {
            char c = key.charAt(i);
            if (isPair(key, i, shown)) {
                out.append(c).append(key.charAt(++i));
            } else {
                appendEscaped(out, c);
            }
        }
        if (shown < n) {
            out.append("…(").append(n).append(" chars)");
        }
        return out.toString();
    }

    private static int firstUnprintable(String key, int end) {
        for (int i = 0; i < end; i++) {
            char c = key.charAt(i);
            if (isPair(key, i, end)) {
                i++;
            } else if (needsEscape(c)) {
                return i;
            }
        }
        return end;
    }

    /** Where to stop showing a long key: never between the two halves of a surrogate pair. */
    private static int cut(String key, int at) {
        return Character.isHighSurrogate(key.charAt(at - 1)) && Character.isLowSurrogate(key.charAt(at)) ? at - 1 : at;
    }

    private static boolean isPair(String key, int i, int end) {
        return Character.isHighSurrogate(key.charAt(i)) && i + 1 < end && Character.isLowSurrogate(key.charAt(i + 1));
    }

    private static boolean needsEscape(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) || Character.isSurrogate(c)
                || c == 0x061c || c == 0x200e || c == 0x200f || c == 0x2028 || c == 0x2029
                || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
    }

    private static void appendEscaped(StringBuilder out, char c) {
        switch (c) {
            case '\n' -> out.append("\\n");
            case '\r' -> out.append("\\r");
            case '\t' -> out.append("\\t");
            default -> {
                if (!needsEscape(c)) {
                    out.append(c);
                } else if (c <= 0xff) {
                    out.append(String.format("\\x%02X", (int) c));
                } else {
                    out.append(String.format("\\u%04X", (int) c));
                }
            }
        }
    }
}
