package dev.larder.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fragment keys of booleans, nulls, numbers, non-ASCII and empty values: each key below was
 * printed by Django 3.2.25's {@code make_template_fragment_key("f", [value])} for the Python
 * value named in the comment.
 */
class FragmentKeysDjangoTest {

    static Stream<Arguments> djangoKeys() {
        return Stream.of(
                Arguments.of(true, "dbffd20747e935da3797c3c26dca38bc"),               // True
                Arguments.of(false, "c8e473c07c8fd58d819693d1a3da019c"),              // False
                Arguments.of(null, "6846ba559f7f55c20a67d890d03d20e0"),               // None
                Arguments.of("True", "dbffd20747e935da3797c3c26dca38bc"),             // 'True'
                Arguments.of("None", "6846ba559f7f55c20a67d890d03d20e0"),             // 'None'
                Arguments.of(1, "3afcdbfeb6ecfbdd0ba628696e3cc163"),                  // 1
                Arguments.of(1L, "3afcdbfeb6ecfbdd0ba628696e3cc163"),                 // 1
                Arguments.of(0, "9a1c7ee2c7ce38d4bbbaf29ab9f2ac1e"),                  // 0
                Arguments.of(-1, "b6084c2ebd9b886177afb1b1aace3517"),                 // -1
                Arguments.of(new BigInteger("100000000000000000000"), "6f7d063c9a3461a583e195215721162c"), // 10**20
                Arguments.of(1.5, "53c4571a62464d4be2fa5ad4ecb88588"),                // 1.5
                Arguments.of(1.0, "5d0aa6060744ecc35ae544d266c78af5"),                // 1.0
                Arguments.of(2.5e-7, "b80a0400ef288123a6d718897288c152"),             // 2.5e-07
                Arguments.of(1e16, "6dbccd4813434822ae15ef99ddd7cbd7"),               // 1e+16
                Arguments.of(Double.NaN, "5d32ee56541bc40d64989fdd0cc03ec7"),         // nan
                Arguments.of(Double.POSITIVE_INFINITY, "5c2926fdf8542561a652b211a383fe5e"), // inf
                Arguments.of(1.5f, "53c4571a62464d4be2fa5ad4ecb88588"),               // 1.5
                Arguments.of("caf\u00e9", "6c922b9010a6c6cdcff8e407d19c63bd"),        // 'café'
                Arguments.of("\uD83D\uDE00", "9f9dd80daf7703137157fe1287e1a593"),     // '😀'
                Arguments.of("", "853ae90f0351324bd73ea615e6487517"));                // ''
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("djangoKeys")
    void key_ofOneValue_isDjangos(Object value, String md5) {
        assertThat(FragmentCache.key("f", new Object[] {value})).isEqualTo("template.cache.f." + md5);
    }

    @Test
    void key_ofSeveralValues_isDjangos() {
        // Django 3.2: make_template_fragment_key("f", ["a", None, True, 1]), ("f", ["", ""]), ("f", []).
        assertThat(FragmentCache.key("f", "a", null, true, 1)).isEqualTo("template.cache.f.0418c47ba7898b31eb24ff2812f5aa30");
        assertThat(FragmentCache.key("f", "", "")).isEqualTo("template.cache.f.4501c091b0366d76ea3218b6cfdd8097");
        assertThat(FragmentCache.key("f")).isEqualTo("template.cache.f.d41d8cd98f00b204e9800998ecf8427e");
    }

    @Test
    void doubles_areWrittenAsPythonsRepr() {
        // Python 3.11: repr() of each value.
        String[][] cases = {{"0.1", "0.1"}, {"0.30000000000000004", "0.30000000000000004"},
            {"0.3333333333333333", "0.3333333333333333"}, {"4.9E-324", "5e-324"},
            {"1.7976931348623157E308", "1.7976931348623157e+308"}, {"2.2250738585072014E-308", "2.2250738585072014e-308"},
            {"9.007199254740992E15", "9007199254740992.0"}, {"1.0E15", "1000000000000000.0"}, {"1.0E16", "1e+16"},
            {"1.2345678901234568E17", "1.2345678901234568e+17"}, {"1.0E-4", "0.0001"}, {"1.0E-5", "1e-05"},
            {"-0.0", "-0.0"}, {"1.0E22", "1e+22"}, {"1.0E23", "1e+23"}, {"1.152921504606846976E18", "1.152921504606847e+18"},
            {"100.0", "100.0"}, {"-2.5E-7", "-2.5e-07"}, {"4.35", "4.35"}, {"1.100000023841858", "1.100000023841858"}};
        for (String[] c : cases) {
            assertThat(PythonStr.repr(Double.parseDouble(c[0]))).as(c[0]).isEqualTo(c[1]);
        }
        assertThat(PythonStr.repr(Double.NEGATIVE_INFINITY)).isEqualTo("-inf");
    }
}
