package dev.vigil.template;

import static dev.vigil.template.Filters.arg;

/** abs at_least at_most ceil floor round plus minus times divided_by modulo: JavaScript number arithmetic. */
final class MathFilters {

    private MathFilters() {
    }

    static void register(Filters f) {
        f.add("abs", (v, a, st) -> unary(v, Math::abs));
        f.add("ceil", (v, a, st) -> unary(v, Math::ceil));
        f.add("floor", (v, a, st) -> unary(v, Math::floor));
        f.add("at_least", (v, a, st) -> binary(v, arg(a, 0), (x, y) -> Double.isNaN(x) || Double.isNaN(y)
                ? Double.NaN : Math.max(x, y)));
        f.add("at_most", (v, a, st) -> binary(v, arg(a, 0), (x, y) -> Double.isNaN(x) || Double.isNaN(y)
                ? Double.NaN : Math.min(x, y)));
        f.add("plus", (v, a, st) -> exact(v, arg(a, 0), Math::addExact, Double::sum));
        f.add("minus", (v, a, st) -> exact(v, arg(a, 0), Math::subtractExact, (x, y) -> x - y));
        f.add("times", (v, a, st) -> exact(v, arg(a, 0), Math::multiplyExact, (x, y) -> x * y));
        f.add("modulo", (v, a, st) -> {
            Object x = JsValues.toNumber(v);
            Object y = JsValues.toNumber(arg(a, 0));
            if (x instanceof Long l && y instanceof Long r && r != 0) {
                return l % r;
            }
            return JsValues.number(JsValues.toDouble(x) % JsValues.toDouble(y));
        });
        f.add("divided_by", (v, a, st) -> {
            double q = JsValues.toDouble(v) / JsValues.toDouble(arg(a, 0));
            return JsValues.number(truthyJs(arg(a, 1))
                    ? Math.floor(q) : q);
        });
        f.add("round", (v, a, st) -> {
            double x = JsValues.toDouble(v);
            Object digits = arg(a, 0);
            double amp = Math.pow(10, digits == Undefined.INSTANCE ? 0 : JsValues.toDouble(digits));
            return JsValues.number(jsRound(x * amp) / amp);
        });
    }

    static boolean truthyJs(Object v) {
        v = JsValues.toValue(v);
        return !(JsValues.isNil(v) || Boolean.FALSE.equals(v) || (v instanceof Number n && (n.doubleValue() == 0
                || Double.isNaN(n.doubleValue()))) || "".equals(v));
    }

    /** JavaScript Math.round: halves toward +Infinity. */
    static double jsRound(double x) {
        if (Double.isNaN(x) || Double.isInfinite(x) || Math.abs(x) >= 4.503599627370496E15) {
            return x;
        }
        double r = Math.floor(x);
        return x - r >= 0.5 ? r + 1 : r;
    }

    private static Object unary(Object v, java.util.function.DoubleUnaryOperator op) {
        return JsValues.number(op.applyAsDouble(JsValues.toDouble(v)));
    }

    private static Object binary(Object l, Object r, java.util.function.DoubleBinaryOperator op) {
        return JsValues.number(op.applyAsDouble(JsValues.toDouble(l), JsValues.toDouble(r)));
    }

    private static Object exact(Object l, Object r, java.util.function.LongBinaryOperator exact,
                                java.util.function.DoubleBinaryOperator op) {
        Object x = JsValues.toNumber(l);
        Object y = JsValues.toNumber(r);
        if (x instanceof Long a && y instanceof Long b) {
            try {
                return exact.applyAsLong(a, b);
            } catch (ArithmeticException overflow) {
                return JsValues.number(op.applyAsDouble(a, b));
            }
        }
        return JsValues.number(op.applyAsDouble(JsValues.toDouble(x), JsValues.toDouble(y)));
    }
}
