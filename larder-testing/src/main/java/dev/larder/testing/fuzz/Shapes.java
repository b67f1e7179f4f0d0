package dev.larder.testing.fuzz;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tuple;

/**
 * Generators of the input shapes attacks use, not only random noise: text from a parser's own
 * alphabet (so that it gets past the first check), unpaired surrogates, control characters,
 * huge values (100 KB to 1 MB), and valid inputs with bytes flipped, inserted, deleted or
 * repeated.
 *
 * <pre>{@code
 * Arbitrary<String> headers = Shapes.text("abc=,\"\\ ;", List.of("max-age=60", "private=\"a, b\""));
 * }</pre>
 */
public final class Shapes {
    /** Characters that break parsers: NUL, controls, DEL, NBSP, BOM, replacement, surrogates. */
    public static final String AWKWARD = "\u0000\t\n\r\u000b\u001f\u007f\u0085\u00a0\u00ff\u0100\u2028\ufeff\ufffd"
            + "\ud800\udbff\udc00\udfff";
    /** Smallest and largest of the huge inputs. */
    public static final int HUGE_MIN = 100_000;
    public static final int HUGE_MAX = 1_000_000;
    /** Bytes worth trying: zero, sign edges, and the Java serialisation stream's TC_ codes. */
    private static final byte[] INTERESTING = {0, 1, 0x7f, (byte) 0x80, (byte) 0xff, 0x70, 0x71, 0x73, 0x75, 0x77, 0x78};

    private Shapes() {
    }

    /**
     * A mix for a text parser: any characters (short), characters of {@code alphabet} with
     * awkward ones mixed in, mutated {@code examples}, unpaired surrogates, and now and then a
     * huge value made by repeating a short one or of random characters.
     */
    public static Arbitrary<String> text(String alphabet, List<String> examples) {
        Arbitrary<String> fromAlphabet = Arbitraries.strings().withChars(alphabet + AWKWARD).ofMaxLength(80);
        Arbitrary<String> mutated = mutated(Arbitraries.of(examples), alphabet);
        return Arbitraries.frequencyOf(
                Tuple.of(10, Arbitraries.strings().all().ofMaxLength(40)),
                Tuple.of(30, fromAlphabet),
                Tuple.of(40, mutated),
                Tuple.of(8, withUnpairedSurrogates(Arbitraries.oneOf(fromAlphabet, Arbitraries.of(examples)))),
                Tuple.of(1, huge(Arbitraries.oneOf(fromAlphabet.filter(s -> !s.isEmpty()), Arbitraries.of(examples)))),
                Tuple.of(1, hugeRandom(alphabet + AWKWARD)));
    }

    /** {@code unit} repeated to between {@link #HUGE_MIN} and {@link #HUGE_MAX} characters. */
    public static Arbitrary<String> huge(Arbitrary<String> unit) {
        return unit.filter(u -> !u.isEmpty()).flatMap(u -> Arbitraries.integers().between(HUGE_MIN, HUGE_MAX)
                .map(n -> repeat(u, n)));
    }

    /** Random characters of {@code alphabet}, between {@link #HUGE_MIN} and {@link #HUGE_MAX} of them. */
    public static Arbitrary<String> hugeRandom(String alphabet) {
        return Arbitraries.randomValue(r -> {
            char[] out = new char[HUGE_MIN + r.nextInt(HUGE_MAX - HUGE_MIN + 1)];
            for (int i = 0; i < out.length; i++) {
                out[i] = alphabet.charAt(r.nextInt(alphabet.length()));
            }
            return new String(out);
        });
    }

    /** {@code base} with one to four lone high or low surrogates put in at random places. */
    public static Arbitrary<String> withUnpairedSurrogates(Arbitrary<String> base) {
        return base.flatMap(s -> Arbitraries.randomValue(r -> {
            StringBuilder out = new StringBuilder(s);
            for (int i = 0, n = 1 + r.nextInt(4); i < n; i++) {
                char lone = (char) (r.nextBoolean() ? 0xd800 + r.nextInt(0x400) : 0xdc00 + r.nextInt(0x400));
                out.insert(r.nextInt(out.length() + 1), lone);
            }
            return out.toString();
        }));
    }

    /** {@code valid} with one to eight edits: a character replaced, inserted, deleted or a range repeated. */
    public static Arbitrary<String> mutated(Arbitrary<String> valid, String alphabet) {
        String pool = alphabet + AWKWARD;
        return valid.flatMap(s -> Arbitraries.randomValue(r -> mutate(s, pool, r)));
    }

    /** {@code valid} with one to eight edits: a bit flipped, a byte inserted, a range deleted or repeated. */
    public static Arbitrary<byte[]> mutatedBytes(Arbitrary<byte[]> valid) {
        return valid.flatMap(b -> Arbitraries.randomValue(r -> mutate(b, r)));
    }

    static String mutate(String s, String pool, Random r) {
        StringBuilder out = new StringBuilder(s);
        for (int edits = 1 + r.nextInt(8); edits > 0; edits--) {
            int at = r.nextInt(out.length() + 1);
            char c = pool.charAt(r.nextInt(pool.length()));
            switch (r.nextInt(4)) {
                case 0 -> {
                    if (at < out.length()) {
                        out.setCharAt(at, c);
                    }
                }
                case 1 -> out.insert(at, c);
                case 2 -> out.delete(at, Math.min(out.length(), at + 1 + r.nextInt(4)));
                default -> out.insert(at, out.substring(at, Math.min(out.length(), at + 1 + r.nextInt(16))));
            }
        }
        return out.toString();
    }

    static byte[] mutate(byte[] b, Random r) {
        byte[] out = b.clone();
        for (int edits = 1 + r.nextInt(8); edits > 0; edits--) {
            int at = r.nextInt(out.length + 1);
            switch (r.nextInt(5)) {
                case 0 -> {
                    if (at < out.length) {
                        out[at] ^= (byte) (1 << r.nextInt(8));
                    }
                }
                case 1 -> out = insert(out, at, new byte[] {(byte) r.nextInt(256)});
                case 2 -> out = delete(out, at, Math.min(out.length, at + 1 + r.nextInt(4)));
                case 3 -> {
                    if (at < out.length) {
                        out[at] = INTERESTING[r.nextInt(INTERESTING.length)];
                    }
                }
                default -> out = insert(out, at, Arrays.copyOfRange(out, at, Math.min(out.length, at + 1 + r.nextInt(16))));
            }
        }
        return out;
    }

    private static byte[] insert(byte[] b, int at, byte[] more) {
        byte[] out = new byte[b.length + more.length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(more, 0, out, at, more.length);
        System.arraycopy(b, at, out, at + more.length, b.length - at);
        return out;
    }

    private static byte[] delete(byte[] b, int from, int to) {
        byte[] out = new byte[b.length - (to - from)];
        System.arraycopy(b, 0, out, 0, from);
        System.arraycopy(b, to, out, from, b.length - to);
        return out;
    }

    static String repeat(String unit, int atLeast) {
        return unit.repeat((atLeast + unit.length() - 1) / unit.length());
    }
}
