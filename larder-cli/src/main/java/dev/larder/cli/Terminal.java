package dev.larder.cli;

/**
 * Makes text safe to print on a terminal. Cached values and keys are anyone's bytes: an ESC
 * in them would let a value drive the terminal (colours, cursor moves, a changed window
 * title), and a CR or a bidirectional override would let it hide or reorder what is shown.
 */
final class Terminal {
    private Terminal() {
    }

    /**
     * {@code text} with C0 controls and DEL as {@code \n}, {@code \r}, {@code \t} or
     * {@code \xNN}, and C1 controls, U+2028, U+2029 and the bidirectional controls as
     * {@code \}{@code uNNNN}; everything else as it is.
     */
    static String printable(String text) {
        StringBuilder b = null;
        for (int i = 0; i < text.length(); i++) {
            String escape = escape(text.charAt(i));
            if (escape != null && b == null) {
                b = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (b != null) {
                if (escape != null) {
                    b.append(escape);
                } else {
                    b.append(text.charAt(i));
                }
            }
        }
        return b == null ? text : b.toString();
    }

    private static String escape(char c) {
        switch (c) {
            case '\n':
                return "\\n";
            case '\r':
                return "\\r";
            case '\t':
                return "\\t";
            default:
                break;
        }
        if (c < 0x20 || c == 0x7f) {
            return String.format("\\x%02x", (int) c);
        }
        if ((c >= 0x80 && c <= 0x9f) || c == 0x2028 || c == 0x2029 || isBidiControl(c)) {
            return String.format("\\u%04x", (int) c);
        }
        return null;
    }

    /** The characters of the Trojan Source attack (CVE-2021-42574). */
    private static boolean isBidiControl(char c) {
        return c == 0x061c || c == 0x200e || c == 0x200f || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
    }
}
