package dev.larder.support;

/**
 * Java strings as UTF-16 code units, where the UTF-8 and UTF-16 encoders would not keep them:
 * an encoder replaces an unpaired surrogate (U+FFFD, or {@code ?} in UTF-8), so two different
 * keys would become one. Used by the key checks, the serializer's string form and the Spring
 * adapter's key digests. Stateless.
 */
public final class Utf16 {
    private Utf16() {
    }

    /** The string's code units, two bytes each, big-endian, unpaired surrogates as they are. */
    public static byte[] codeUnits(String s) {
        byte[] out = new byte[s.length() * 2];
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            out[2 * i] = (byte) (c >>> 8);
            out[2 * i + 1] = (byte) c;
        }
        return out;
    }

    /** The index of the first unpaired surrogate at or after {@code from}, or -1. */
    public static int firstUnpairedSurrogate(String s, int from) {
        for (int i = from, n = s.length(); i < n; i++) {
            if (Character.isSurrogate(s.charAt(i))) {
                if (!isPair(s, i)) {
                    return i;
                }
                i++;
            }
        }
        return -1;
    }

    /**
     * The index of the first control character, space, DEL or unpaired surrogate, or -1: what a
     * Memcached key cannot hold. One scan finds both kinds, so a clean key is read once.
     */
    public static int firstBadKeyChar(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c <= 0x20 || c == 0x7f) {
                return i;
            }
            if (Character.isSurrogate(c)) {
                if (!isPair(s, i)) {
                    return i;
                }
                i++;
            }
        }
        return -1;
    }

    /** True when the char at {@code i} is a high surrogate followed by a low one. */
    public static boolean isPair(String s, int i) {
        return Character.isHighSurrogate(s.charAt(i)) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
    }
}
