package dev.larder.servlet;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Python's {@code str()} of the Java values a fragment key varies on, so that
 * {@link FragmentCache#key} hashes what Django's {@code make_template_fragment_key} hashes for
 * the same value: {@code null} is {@code None}, booleans are {@code True} and {@code False},
 * doubles are written as Python's shortest repr ({@code 1e+16}, {@code 2.5e-07}, {@code nan},
 * {@code inf}). A {@code float} is taken as the decimal it prints ({@code 1.1f} is
 * {@code 1.1}), Python having no 32-bit floats. Strings, integers of any size, characters and
 * {@code BigDecimal} print alike in both languages; anything else is its {@code toString()}.
 */
final class PythonStr {
    private PythonStr() {
    }

    static String of(Object value) {
        if (value == null) {
            return "None";
        }
        if (value instanceof Boolean b) {
            return b ? "True" : "False";
        }
        if (value instanceof Double d) {
            return repr(d);
        }
        if (value instanceof Float f) {
            return f.isNaN() || f.isInfinite() ? repr(f.doubleValue()) : repr(Double.parseDouble(f.toString()));
        }
        return value.toString();
    }

    /** Python's {@code repr(float)}: the shortest digits that read back as {@code d}, fixed between 1e-4 and 1e16. */
    static String repr(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == 0) {
            return 1 / d < 0 ? "-0.0" : "0.0";
        }
        BigDecimal shortest = shortest(Math.abs(d)).stripTrailingZeros();
        String digits = shortest.unscaledValue().toString();
        int exponent = digits.length() - 1 - shortest.scale();
        String body;
        if (exponent < -4 || exponent >= 16) {
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            int e = Math.abs(exponent);
            body = mantissa + (exponent < 0 ? "e-" : "e+") + (e < 10 ? "0" : "") + e;
        } else if (exponent < 0) {
            body = "0." + "0".repeat(-exponent - 1) + digits;
        } else if (digits.length() <= exponent + 1) {
            body = digits + "0".repeat(exponent + 1 - digits.length()) + ".0";
        } else {
            body = digits.substring(0, exponent + 1) + "." + digits.substring(exponent + 1);
        }
        return d < 0 ? "-" + body : body;
    }

    /**
     * The fewest significant digits that read back as {@code d}, and of those the nearest to
     * it (as Python's dtoa): the nearest p-digit decimal first, then its neighbours, which can
     * read back where it does not just above a power of two.
     */
    private static BigDecimal shortest(double d) {
        BigDecimal exact = new BigDecimal(d);
        for (int p = 1; p < 17; p++) {
            BigDecimal nearest = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
            if (nearest.doubleValue() == d) {
                return nearest;
            }
            BigDecimal down = exact.round(new MathContext(p, RoundingMode.FLOOR));
            BigDecimal up = exact.round(new MathContext(p, RoundingMode.CEILING));
            boolean downFits = down.doubleValue() == d;
            boolean upFits = up.doubleValue() == d;
            if (downFits && upFits) {
                return exact.subtract(down).compareTo(up.subtract(exact)) <= 0 ? down : up;
            }
            if (downFits || upFits) {
                return downFits ? down : up;
            }
        }
        return exact.round(new MathContext(17, RoundingMode.HALF_EVEN));
    }
}
