package dev.vigil.template;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** JavaScript semantics over the value model: stringification, numbers, equality, ordering, truthiness. */
final class JsValues {

    private static final double MAX_SAFE = 9.007199254740992E15;

    private JsValues() {
    }

    static Object toValue(Object v) {
        return v instanceof Special s ? s.value() : v;
    }

    static boolean isNil(Object v) {
        v = toValue(v);
        return v == null || v == Undefined.INSTANCE;
    }

    /** Liquid truthiness: only false, nil and undefined are falsy. */
    static boolean truthy(Object v) {
        v = toValue(v);
        return v != null && v != Undefined.INSTANCE && !Boolean.FALSE.equals(v);
    }

    /** Output text: nil/undefined empty, arrays joined with ",", objects "[object Object]", JS number form. */
    static String stringify(Object v) {
        v = toValue(v);
        if (v instanceof String s) {
            return s;
        }
        if (v == null || v == Undefined.INSTANCE) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        appendText(sb, v);
        return sb.toString();
    }

    static void appendText(StringBuilder sb, Object v) {
        switch (toValue(v)) {
            case null -> { }
            case Undefined u -> { }
            case String s -> sb.append(s);
            case Long l -> sb.append(l.longValue());
            case Integer i -> sb.append(i.intValue());
            case Double d -> sb.append(numberToString(d));
            case Number n -> sb.append(numberToString(n.doubleValue()));
            case List<?> list -> {
                for (int i = 0; i < list.size(); i++) {
                    if (i > 0) {
                        sb.append(',');
                    }
                    appendText(sb, list.get(i));
                }
            }
            case Map<?, ?> m -> sb.append("[object Object]");
            default -> sb.append(toValue(v));
        }
    }

    /** JavaScript {@code String(v)}: like {@link #stringify} but null is "null" and undefined "undefined". */
    static String jsString(Object v) {
        v = toValue(v);
        if (v == null) {
            return "null";
        }
        return v == Undefined.INSTANCE ? "undefined" : stringify(v);
    }

    /** JavaScript {@code Number.prototype.toString()} for a double. */
    static String numberToString(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        if (d == 0) {
            return "0";
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e21 && Math.abs(d) < MAX_SAFE) {
            return Long.toString((long) d);
        }
        BigDecimal bd = new BigDecimal(Double.toString(Math.abs(d))).stripTrailingZeros();
        String digits = bd.unscaledValue().toString();
        int k = digits.length();
        int n = k - bd.scale();
        StringBuilder sb = new StringBuilder(d < 0 ? "-" : "");
        if (k <= n && n <= 21) {
            sb.append(digits).append("0".repeat(n - k));
        } else if (0 < n && n <= 21) {
            sb.append(digits, 0, n).append('.').append(digits, n, k);
        } else if (-6 < n && n <= 0) {
            sb.append("0.").append("0".repeat(-n)).append(digits);
        } else {
            sb.append(digits.charAt(0));
            if (k > 1) {
                sb.append('.').append(digits, 1, k);
            }
            sb.append('e').append(n - 1 >= 0 ? "+" : "-").append(Math.abs(n - 1));
        }
        return sb.toString();
    }

    /** A double as the value model number: Long when integral and exact, otherwise Double. */
    static Object number(double d) {
        if (d == Math.rint(d) && Math.abs(d) < MAX_SAFE && !(d == 0 && 1 / d < 0)) {
            return (long) d;
        }
        return d;
    }

    /** JavaScript {@code Number(v)}; integral results stay Long. */
    static Object toNumber(Object v) {
        v = toValue(v);
        return switch (v) {
            case null -> 0L;
            case Long l -> l;
            case Double d -> d;
            case Number n -> number(n.doubleValue());
            case Boolean b -> b ? 1L : 0L;
            case String s -> parseNumber(s);
            case List<?> l -> parseNumber(stringify(l));
            default -> Double.NaN;
        };
    }

    static double toDouble(Object v) {
        Object n = toNumber(v);
        return n instanceof Long l ? l.doubleValue() : (Double) n;
    }

    private static Object parseNumber(String text) {
        String s = text.strip();
        if (s.isEmpty()) {
            return 0L;
        }
        try {
            if (s.matches("[+-]?\\d{1,18}")) {
                return Long.parseLong(s);
            }
            if (s.matches("0[xX][0-9a-fA-F]+")) {
                return number(new java.math.BigInteger(s.substring(2), 16).doubleValue());
            }
            if (s.matches("[+-]?(Infinity|(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?)")) {
                return number(Double.parseDouble(s));
            }
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }

    /** Liquid {@code ==}: special literals, arrays element-wise, numbers by value, objects by identity. */
    static boolean equals(Object l, Object r) {
        if (l instanceof Special s) {
            return s.matches(r);
        }
        if (r instanceof Special s) {
            return s.matches(l);
        }
        if (l instanceof List<?> a) {
            if (!(r instanceof List<?> b) || a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!equals(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (l instanceof Number a && r instanceof Number b) {
            if (a instanceof Long x && b instanceof Long y) {
                return x.longValue() == y.longValue();
            }
            return a.doubleValue() == b.doubleValue();
        }
        if (l instanceof Map<?, ?>) {
            return l == r;
        }
        return l == null ? r == null : l.equals(r);
    }

    /**
     * JavaScript relational comparison (strings by code unit, everything else as numbers); returns null when
     * the comparison is undefined (NaN), so every operator yields false.
     */
    static Integer compare(Object l, Object r) {
        if (l instanceof Special || r instanceof Special) {
            return null;
        }
        Object a = primitive(l);
        Object b = primitive(r);
        if (a instanceof String x && b instanceof String y) {
            return Integer.signum(x.compareTo(y));
        }
        if (a instanceof Long x && b instanceof Long y) {
            return Long.compare(x, y);
        }
        double x = toDouble(a);
        double y = toDouble(b);
        if (Double.isNaN(x) || Double.isNaN(y)) {
            return null;
        }
        return x < y ? -1 : x > y ? 1 : 0;
    }

    private static Object primitive(Object v) {
        return switch (v) {
            case List<?> l -> stringify(l);
            case Map<?, ?> m -> "[object Object]";
            default -> v;
        };
    }

    /** Liquid {@code contains}: array membership or substring. */
    static boolean contains(Object l, Object r) {
        l = toValue(l);
        if (l instanceof List<?> list) {
            for (Object item : list) {
                if (equals(item, r)) {
                    return true;
                }
            }
            return false;
        }
        if (l instanceof String s) {
            return s.contains(jsString(r));
        }
        return false;
    }
}
