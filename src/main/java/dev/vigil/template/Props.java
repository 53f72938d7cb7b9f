package dev.vigil.template;

import java.util.List;
import java.util.Map;

/**
 * Property access with LiquidJS {@code ownPropertyOnly}: map keys, array indexes and {@code length}, string
 * indexes and {@code length}, plus Liquid's {@code size}, {@code first}, {@code last}. Nothing else of a Java
 * object is reachable: no getters, no methods.
 */
final class Props {

    private Props() {
    }

    static Object read(Object obj, Object key) {
        obj = JsValues.toValue(obj);
        if (obj == null || obj == Undefined.INSTANCE) {
            return obj;
        }
        key = JsValues.toValue(key);
        return switch (obj) {
            case List<?> list -> readList(list, key);
            case Map<?, ?> map -> readMap(map, keyString(key));
            case String s -> readString(s, key);
            default -> Undefined.INSTANCE;
        };
    }

    static String keyString(Object key) {
        return key instanceof String s ? s : JsValues.jsString(key);
    }

    private static Object readList(List<?> list, Object key) {
        int n = list.size();
        if (key instanceof Number num) {
            return element(list, num.doubleValue());
        }
        String k = keyString(key);
        long index = indexOf(k);
        if (index != Long.MIN_VALUE) {
            return element(list, index);
        }
        return switch (k) {
            case "length", "size" -> (long) n;
            case "first" -> n == 0 ? Undefined.INSTANCE : list.get(0);
            case "last" -> n == 0 ? Undefined.INSTANCE : list.get(n - 1);
            default -> Undefined.INSTANCE;
        };
    }

    private static Object element(List<?> list, double index) {
        if (index < 0) {
            index += list.size();
        }
        if (index != Math.rint(index) || index < 0 || index >= list.size()) {
            return Undefined.INSTANCE;
        }
        return list.get((int) index);
    }

    private static Object readMap(Map<?, ?> map, String k) {
        Object v = map.get(k);
        if (v == null && !map.containsKey(k)) {
            return "size".equals(k) ? (Object) (long) map.size() : Undefined.INSTANCE;
        }
        return v;
    }

    private static Object readString(String s, Object key) {
        String k = keyString(key);
        if ("length".equals(k) || "size".equals(k)) {
            return (long) s.length();
        }
        long index = key instanceof Number num && num.doubleValue() == Math.rint(num.doubleValue())
                ? num.longValue() : indexOf(k);
        if (index >= 0 && index < s.length()) {
            return String.valueOf(s.charAt((int) index));
        }
        return Undefined.INSTANCE;
    }

    /** The integer a canonical numeric key denotes ("0", "12", "-1"), or Long.MIN_VALUE. */
    private static long indexOf(String k) {
        int len = k.length();
        if (len == 0 || len > 10) {
            return Long.MIN_VALUE;
        }
        int start = k.charAt(0) == '-' ? 1 : 0;
        if (start == len || (k.charAt(start) == '0' && len > start + 1)) {
            return Long.MIN_VALUE;
        }
        for (int i = start; i < len; i++) {
            char c = k.charAt(i);
            if (c < '0' || c > '9') {
                return Long.MIN_VALUE;
            }
        }
        return Long.parseLong(k);
    }
}
