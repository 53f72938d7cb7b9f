package dev.vigil.condition;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsTextTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "7|7", "  7|7", "7.5abc|7.5", "-.5|-0.5", "+3|3", "1e3|1000", "1e|1", "2E-2|0.02", "Infinity|Infinity",
        "-Infinityx|-Infinity", "0x10|0", "1.2.3|1.2", "abc|NaN", "''|NaN", ".|NaN", "-|NaN", "e5|NaN"})
    void parseFloatLikeJavaScript(String text, double expected) {
        assertThat(Double.valueOf(JsText.parseFloat(text))).isEqualTo(Double.valueOf(expected)); // NaN equals NaN boxed
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "3.0|3", "0.1|0.1", "-2.5|-2.5", "1e21|1e+21", "1.5e21|1.5e+21", "1e20|100000000000000000000",
        "123456789012345680000|123456789012345680000", "1e-7|1e-7", "1.5e-7|1.5e-7", "0.000001|0.000001",
        "0.0000012|0.0000012", "-0.0|0", "NaN|NaN", "Infinity|Infinity", "-Infinity|-Infinity", "1e300|1e+300",
        "0.30000000000000004|0.30000000000000004"})
    void doublesPrintLikeJavaScript(double value, String expected) {
        assertThat(JsText.numberToString(value)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"42, 42", "-7, -7", "9007199254740993, 9007199254740993"})
    void integralNumbersPrintTheirDigits(long value, String expected) {
        assertThat(JsText.numberToString(value)).isEqualTo(expected);
    }
}
