package dev.larder.support;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Names chosen at run time (a cache's, a region's) made safe as a file name, a locmem suffix or a key part. */
public final class Names {
    private Names() {
    }

    /**
     * ASCII letters, digits, {@code -} and {@code _} kept, every other byte of the UTF-8 form as
     * {@code %XX}: no {@code /}, {@code :}, {@code .} or space is left, and distinct names stay
     * distinct.
     */
    public static String escape(String name) {
        StringBuilder out = new StringBuilder();
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c < 128 && (Character.isLetterOrDigit(c) || c == '-' || c == '_')) {
                out.append(c);
            } else {
                out.append('%').append(String.format(Locale.ROOT, "%02X", b & 0xff));
            }
        }
        return out.toString();
    }
}
