package dev.vigil.model;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Helpers for the value model shared by templates, conditions, steps and records: maps with String keys
 * (insertion ordered), lists, String, Long, Double, Boolean and null. Numbers are normalised so that every
 * integral value is a Long and every other number a Double, which keeps equality and JSON output stable.
 */
public final class Values {

    private Values() {
    }

    /** Deep copy into the value model; converts Integer/BigInteger/BigDecimal/Float, arrays and collections. */
    public static Object normalize(Object value) {
        return switch (value) {
            case null -> null;
            case String s -> s;
            case Boolean b -> b;
            case Long l -> l;
            case Double d -> normalizeDouble(d);
            case Integer i -> i.longValue();
            case Short s -> s.longValue();
            case Byte b -> b.longValue();
            case Float f -> normalizeDouble(f.doubleValue());
            case BigInteger bi -> bi.bitLength() < 64 ? (Object) bi.longValue() : (Object) bi.doubleValue();
            case BigDecimal bd -> normalizeBigDecimal(bd);
            case Number n -> normalizeDouble(n.doubleValue());
            case Map<?, ?> m -> {
                Map<String, Object> copy = new LinkedHashMap<>(Math.max(4, m.size() * 2));
                m.forEach((k, v) -> copy.put(String.valueOf(k), normalize(v)));
                yield copy;
            }
            case Collection<?> c -> {
                List<Object> copy = new ArrayList<>(c.size());
                c.forEach(v -> copy.add(normalize(v)));
                yield copy;
            }
            case Object[] array -> {
                List<Object> copy = new ArrayList<>(array.length);
                for (Object v : array) {
                    copy.add(normalize(v));
                }
                yield copy;
            }
            case CharSequence cs -> cs.toString();
            case TemporalAccessor t -> t;
            default -> value;
        };
    }

    /** {@link #normalize} for a map, typed as the value model's map. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> normalizeMap(Map<?, ?> map) {
        return (Map<String, Object>) normalize(map);
    }

    private static Object normalizeDouble(double d) {
        if (!Double.isInfinite(d) && d == Math.rint(d) && Math.abs(d) < 9.007199254740992E15) {
            return (long) d;
        }
        return d;
    }

    private static Object normalizeBigDecimal(BigDecimal bd) {
        try {
            return bd.longValueExact();
        } catch (ArithmeticException notIntegral) {
            return normalizeDouble(bd.doubleValue());
        }
    }

    /** A short name for the JSON type of a value, for error messages: string, number, boolean, array, object, null. */
    public static String typeName(Object value) {
        return switch (value) {
            case null -> "null";
            case String s -> "string";
            case Number n -> "number";
            case Boolean b -> "boolean";
            case List<?> l -> "array";
            case Map<?, ?> m -> "object";
            default -> value.getClass().getSimpleName();
        };
    }

    /** The value truncated for messages: JSON text cut at {@code max} characters. */
    public static String preview(Object value, int max) {
        String text = value instanceof String s ? '"' + s + '"' : Json.write(value);
        return text.length() <= max ? text : text.substring(0, max) + "…";
    }
}
