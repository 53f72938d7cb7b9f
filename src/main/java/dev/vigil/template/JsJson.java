package dev.vigil.template;

import java.util.List;
import java.util.Map;

/** {@code JSON.stringify(value, null, indent)} over the value model, byte-for-byte like JavaScript. */
final class JsJson {

    private JsJson() {
    }

    /** The JSON text, or null where JavaScript returns {@code undefined} (top-level undefined). */
    static String stringify(Object value, String indent) {
        value = JsValues.toValue(value);
        if (value == Undefined.INSTANCE) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        write(sb, value, indent, "");
        return sb.toString();
    }

    private static void write(StringBuilder sb, Object value, String indent, String current) {
        switch (JsValues.toValue(value)) {
            case null -> sb.append("null");
            case Undefined u -> sb.append("null");
            case String s -> quote(sb, s);
            case Boolean b -> sb.append(b.booleanValue());
            case Long l -> sb.append(l.longValue());
            case Number num -> {
                double d = num.doubleValue();
                sb.append(Double.isFinite(d) ? JsValues.numberToString(d) : "null");
            }
            case List<?> list -> writeList(sb, list, indent, current);
            case Map<?, ?> map -> writeMap(sb, map, indent, current);
            case Object other -> quote(sb, other.toString());
        }
    }

    private static void writeList(StringBuilder sb, List<?> list, String indent, String current) {
        if (list.isEmpty()) {
            sb.append("[]");
            return;
        }
        String inner = current + indent;
        sb.append('[');
        for (int i = 0; i < list.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            newline(sb, indent, inner);
            write(sb, list.get(i), indent, inner);
        }
        newline(sb, indent, current);
        sb.append(']');
    }

    private static void writeMap(StringBuilder sb, Map<?, ?> map, String indent, String current) {
        String inner = current + indent;
        boolean first = true;
        sb.append('{');
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (e.getValue() == Undefined.INSTANCE) {
                continue;
            }
            if (!first) {
                sb.append(',');
            }
            first = false;
            newline(sb, indent, inner);
            quote(sb, String.valueOf(e.getKey()));
            sb.append(indent.isEmpty() ? ":" : ": ");
            write(sb, e.getValue(), indent, inner);
        }
        if (!first) {
            newline(sb, indent, current);
        }
        sb.append('}');
    }

    private static void newline(StringBuilder sb, String indent, String current) {
        if (!indent.isEmpty()) {
            sb.append('\n').append(current);
        }
    }

    static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2);
        quote(sb, s);
        return sb.toString();
    }

    static void quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    boolean lone = Character.isSurrogate(c) && !(Character.isHighSurrogate(c) && i + 1 < s.length()
                            && Character.isLowSurrogate(s.charAt(i + 1)));
                    if (Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(s.charAt(i - 1))) {
                        lone = false;
                    }
                    if (c < 0x20 || lone) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    /** The indent argument of {@code json}: a number of spaces (max 10) or a string (first 10 chars). */
    static String indent(Object space) {
        space = JsValues.toValue(space);
        if (space instanceof Number num) {
            int k = (int) Math.max(0, Math.min(10, num.doubleValue()));
            return " ".repeat(k);
        }
        if (space instanceof String s) {
            return s.length() > 10 ? s.substring(0, 10) : s;
        }
        return "";
    }
}
