package dev.larder.jcache;

/**
 * A key or value as it may appear in a message or a log line: control characters escaped (no
 * forged log lines from a key chosen through a web request) and long ones cut.
 */
final class Printable {
    private static final int LIMIT = 120;

    private Printable() {
    }

    static String of(Object o) {
        String s = String.valueOf(o);
        StringBuilder out = new StringBuilder(Math.min(s.length(), LIMIT) + 8);
        for (int i = 0; i < s.length() && out.length() < LIMIT; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == '\u2028' || c == '\u2029') {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        if (out.length() >= LIMIT && s.length() > LIMIT) {
            out.append("...");
        }
        return out.toString();
    }
}
