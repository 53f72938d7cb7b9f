package dev.vigil.condition;

import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The two JavaScript conversions the condition semantics rely on: {@code parseFloat} (literal → number) and
 * {@code Number.prototype.toString} (number → text, for wildcards against numbers). Reproduced so that
 * {@code count: 3*} and {@code score > 7.5abc} behave as in Kibana's evaluator.
 */
final class JsText {

    /** The longest prefix {@code parseFloat} accepts after leading whitespace. */
    private static final Pattern FLOAT_PREFIX =
            Pattern.compile("[+-]?(?:Infinity|(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?)");

    private JsText() {
    }

    /** JavaScript {@code parseFloat}: NaN unless the text starts (after whitespace) with a number. */
    static double parseFloat(String text) {
        Matcher m = FLOAT_PREFIX.matcher(text.stripLeading());
        if (!m.lookingAt()) {
            return Double.NaN;
        }
        String number = m.group();
        if (number.endsWith("Infinity")) {
            return number.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        return Double.parseDouble(number);
    }

    /** JavaScript {@code String(n)}: {@code 3.0 → "3"}, {@code 1e21 → "1e+21"}, {@code 1e-7 → "1e-7"}. */
    static String numberToString(Number n) {
        if (n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte) {
            return n.toString();
        }
        double x = n.doubleValue();
        if (Double.isNaN(x)) {
            return "NaN";
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "Infinity" : "-Infinity";
        }
        if (x == 0) {
            return "0";
        }
        // Double.toString gives the shortest round-trip digits (JDK 19+), the same digits JavaScript picks;
        // only the layout differs.
        BigDecimal shortest = new BigDecimal(Double.toString(Math.abs(x))).stripTrailingZeros();
        String digits = shortest.unscaledValue().toString();
        int k = digits.length();
        int point = k - shortest.scale(); // value = 0.digits × 10^point
        StringBuilder sb = new StringBuilder(x < 0 ? "-" : "");
        if (k <= point && point <= 21) {
            sb.append(digits).repeat("0", point - k);
        } else if (0 < point && point <= 21) {
            sb.append(digits, 0, point).append('.').append(digits, point, k);
        } else if (-6 < point && point <= 0) {
            sb.append("0.").repeat("0", -point).append(digits);
        } else {
            int exponent = point - 1;
            sb.append(digits.charAt(0));
            if (k > 1) {
                sb.append('.').append(digits, 1, k);
            }
            sb.append('e').append(exponent >= 0 ? "+" : "-").append(Math.abs(exponent));
        }
        return sb.toString();
    }
}
