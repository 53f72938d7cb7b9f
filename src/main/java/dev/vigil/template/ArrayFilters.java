package dev.vigil.template;

import static dev.vigil.template.Filters.arg;
import static dev.vigil.template.Filters.given;
import static dev.vigil.template.Filters.str;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** LiquidJS array filters; results are new lists, inputs are never modified. */
final class ArrayFilters {

    private static final Map<String, Expr> PROPERTY_CACHE = new ConcurrentHashMap<>();

    private ArrayFilters() {
    }

    static void register(Filters f) {
        f.add("join", (v, a, st) -> StringFilters.join(toArray(v), JsValues.isNil(arg(a, 0)) ? " " : str(arg(a, 0))));
        f.add("first", (v, a, st) -> element(v, 0));
        f.add("last", (v, a, st) -> element(v, -1));
        f.add("reverse", (v, a, st) -> new ArrayList<>(toArray(v).reversed()));
        f.add("size", (v, a, st) -> switch (JsValues.toValue(v)) {
            case List<?> l -> (long) l.size();
            case String s -> (long) s.length();
            case null, default -> 0L;
        });
        f.add("sort", (v, a, st) -> sort(v, arg(a, 0), st, false));
        f.add("sort_natural", (v, a, st) -> sort(v, arg(a, 0), st, true));
        f.add("map", (v, a, st) -> {
            List<Object> out = new ArrayList<>();
            String[] path = str(arg(a, 0)).split("\\.", -1);
            for (Object item : toArray(v)) {
                out.add(readPath(item, path));
            }
            return out;
        });
        f.add("sum", (v, a, st) -> {
            double sum = 0;
            String[] path = given(a, 0) ? str(arg(a, 0)).split("\\.", -1) : null;
            for (Object item : toArray(v)) {
                double d = JsValues.toDouble(path == null ? item : readPath(item, path));
                sum += Double.isNaN(d) ? 0 : d;
            }
            return JsValues.number(sum);
        });
        f.add("compact", (v, a, st) -> {
            List<Object> out = new ArrayList<>();
            for (Object item : toArray(v)) {
                if (!JsValues.isNil(item)) {
                    out.add(item);
                }
            }
            return out;
        });
        f.add("concat", (v, a, st) -> {
            List<?> l = toArray(v);
            List<?> r = given(a, 0) ? toArray(arg(a, 0)) : List.of();
            st.useMemory(l.size() + r.size());
            List<Object> out = new ArrayList<>(l.size() + r.size());
            out.addAll(l);
            out.addAll(r);
            return out;
        });
        f.add("push", (v, a, st) -> {
            List<?> l = toArray(v);
            st.useMemory(l.size() + 1L);
            List<Object> out = new ArrayList<>(l.size() + 1);
            out.addAll(l);
            out.add(arg(a, 0));
            return out;
        });
        f.add("unshift", (v, a, st) -> {
            List<?> l = toArray(v);
            st.useMemory(l.size() + 1L);
            List<Object> out = new ArrayList<>(l.size() + 1);
            out.add(arg(a, 0));
            out.addAll(l);
            return out;
        });
        f.add("pop", (v, a, st) -> {
            List<Object> out = new ArrayList<>(toArray(v));
            if (!out.isEmpty()) {
                out.removeLast();
            }
            return out;
        });
        f.add("shift", (v, a, st) -> {
            List<Object> out = new ArrayList<>(toArray(v));
            if (!out.isEmpty()) {
                out.removeFirst();
            }
            return out;
        });
        f.add("slice", ArrayFilters::slice);
        f.add("uniq", (v, a, st) -> {
            Set<Object> seen = new java.util.HashSet<>();
            List<Object> out = new ArrayList<>();
            for (Object item : toArray(v)) {
                if (seen.add(sameValueKey(item))) {
                    out.add(item);
                }
            }
            return out;
        });
        f.add("where", (v, a, st) -> filter(v, a, st, true));
        f.add("reject", (v, a, st) -> filter(v, a, st, false));
        f.add("where_exp", (v, a, st) -> filterExp(v, a, st, true));
        f.add("reject_exp", (v, a, st) -> filterExp(v, a, st, false));
        f.add("group_by", (v, a, st) -> groupBy(v, st, item -> property(str(arg(a, 0)), st).evalOn(item, st)));
        f.add("group_by_exp", (v, a, st) -> groupBy(v, st, item -> evalWith(a, item, st)));
        f.add("find", (v, a, st) -> {
            int i = search(v, a, st);
            return i < 0 ? Undefined.INSTANCE : toArray(v).get(i);
        });
        f.add("find_index", (v, a, st) -> {
            int i = search(v, a, st);
            return i < 0 ? Undefined.INSTANCE : (Object) (long) i;
        });
        f.add("has", (v, a, st) -> search(v, a, st) >= 0);
        f.add("find_exp", (v, a, st) -> {
            int i = searchExp(v, a, st);
            return i < 0 ? Undefined.INSTANCE : toArray(v).get(i);
        });
        f.add("find_index_exp", (v, a, st) -> {
            int i = searchExp(v, a, st);
            return i < 0 ? Undefined.INSTANCE : (Object) (long) i;
        });
        f.add("has_exp", (v, a, st) -> searchExp(v, a, st) >= 0);
    }

    /** LiquidJS toArray: arrays as they are, nil as [], anything else as a one-element array. */
    static List<?> toArray(Object v) {
        v = JsValues.toValue(v);
        if (v instanceof List<?> l) {
            return l;
        }
        if (v == null || v == Undefined.INSTANCE) {
            return List.of();
        }
        List<Object> one = new ArrayList<>(1);
        one.add(v);
        return one;
    }

    private static Object element(Object v, int index) {
        v = JsValues.toValue(v);
        if (v instanceof List<?> l) {
            int i = index < 0 ? l.size() + index : index;
            return i >= 0 && i < l.size() ? l.get(i) : Undefined.INSTANCE;
        }
        if (v instanceof String s) {
            int i = index < 0 ? s.length() + index : index;
            return i >= 0 && i < s.length() ? String.valueOf(s.charAt(i)) : Undefined.INSTANCE;
        }
        return "";
    }

    static Object readPath(Object item, String[] path) {
        Object current = item;
        for (String key : path) {
            current = Props.read(current, key);
        }
        return current;
    }

    private static Object sort(Object v, Object property, RenderState st, boolean natural) {
        List<?> items = toArray(v);
        String[] path = JsValues.truthy(property) && !"".equals(property) ? str(property).split("\\.", -1) : null;
        List<Object[]> keyed = new ArrayList<>(items.size());
        for (Object item : items) {
            keyed.add(new Object[]{item, path == null ? item : readPath(item, path)});
        }
        keyed.sort((x, y) -> natural ? naturalCompare(x[1], y[1]) : orderedCompare(x[1], y[1]));
        List<Object> out = new ArrayList<>(keyed.size());
        keyed.forEach(pair -> out.add(pair[0]));
        return out;
    }

    private static int orderedCompare(Object a, Object b) {
        boolean an = JsValues.isNil(a);
        boolean bn = JsValues.isNil(b);
        if (an || bn) {
            return an && bn ? 0 : an ? 1 : -1;
        }
        Integer c = JsValues.compare(a, b);
        return c == null ? 0 : c;
    }

    private static int naturalCompare(Object a, Object b) {
        boolean an = JsValues.isNil(a);
        boolean bn = JsValues.isNil(b);
        if (an || bn) {
            return an && bn ? 0 : an ? 1 : -1;
        }
        return Integer.signum(str(a).toLowerCase(java.util.Locale.ROOT)
                .compareTo(str(b).toLowerCase(java.util.Locale.ROOT)));
    }

    private static Object slice(Object v, Object[] a, RenderState st) {
        v = JsValues.toValue(v);
        if (JsValues.isNil(v)) {
            return new ArrayList<>();
        }
        double begin = JsValues.toDouble(arg(a, 0));
        double length = given(a, 1) ? JsValues.toDouble(arg(a, 1)) : 1;
        if (v instanceof List<?> list) {
            int[] r = sliceRange(list.size(), begin, length);
            return new ArrayList<>(list.subList(r[0], r[1]));
        }
        String s = str(v);
        int[] r = sliceRange(s.length(), begin, length);
        return s.substring(r[0], r[1]);
    }

    /** JavaScript slice(begin, begin + length) bounds after Liquid's negative begin adjustment. */
    private static int[] sliceRange(int size, double begin, double length) {
        if (Double.isNaN(begin)) {
            begin = 0;
        }
        if (begin < 0) {
            begin = size + begin;
        }
        double end = begin + length;
        int b = clampIndex(begin, size);
        int e = clampIndex(Double.isNaN(end) ? 0 : end, size);
        return new int[]{b, Math.max(b, e)};
    }

    private static int clampIndex(double i, int size) {
        double t = i < 0 ? Math.max(0, size + Math.ceil(i)) : Math.min(size, Math.floor(i));
        return (int) t;
    }

    /** JavaScript SameValueZero key for Set/Map membership: primitives by value, objects by identity. */
    private static Object sameValueKey(Object item) {
        item = JsValues.toValue(item);
        return switch (item) {
            case null -> "null:";
            case Number n -> n.doubleValue() == 0 ? 0.0 : n.doubleValue();
            case String s -> s;
            case Boolean b -> b;
            case Undefined u -> u;
            default -> new Identity(item);
        };
    }

    private record Identity(Object value) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Identity other && other.value == value;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(value);
        }
    }

    /** A compiled property path like {@code a.b[0]} read from an item, as LiquidJS's readScopeValue. */
    record PropertyPath(Expr[] props) {
        Object evalOn(Object item, RenderState st) {
            Object current = item;
            for (Expr prop : props) {
                current = Props.read(current, prop.eval(st));
            }
            return current;
        }
    }

    private static PropertyPath property(String text, RenderState st) {
        Expr expr = PROPERTY_CACHE.get(text);
        if (expr == null) {
            ExprParser p = new ExprParser(text, 0, text.length(), st.filters);
            expr = p.readValue();
            if (!(expr instanceof Expr.Path path) || path.base() != null) {
                expr = new Expr.Path(null, new Expr[]{new Expr.Literal(text)});
            }
            if (PROPERTY_CACHE.size() > 2_000) {
                PROPERTY_CACHE.clear();
            }
            PROPERTY_CACHE.put(text, expr);
        }
        return new PropertyPath(((Expr.Path) expr).props());
    }

    private static List<Object> filter(Object v, Object[] a, RenderState st, boolean include) {
        List<?> items = toArray(v);
        PropertyPath path = property(str(arg(a, 0)), st);
        Object expected = arg(a, 1);
        List<Object> out = new ArrayList<>();
        for (Object item : items) {
            Object value = path.evalOn(item, st);
            boolean match = expected == Undefined.INSTANCE ? JsValues.truthy(value) : JsValues.equals(value, expected);
            if (match == include) {
                out.add(item);
            }
        }
        return out;
    }

    private static Object evalWith(Object[] a, Object item, RenderState st) {
        Expr exp = MiscFilters.expression(str(arg(a, 1)), st);
        Map<String, Object> scope = new HashMap<>();
        scope.put(str(arg(a, 0)), item);
        st.push(scope);
        try {
            return exp.eval(st);
        } finally {
            st.pop();
        }
    }

    private static List<Object> filterExp(Object v, Object[] a, RenderState st, boolean include) {
        List<Object> out = new ArrayList<>();
        for (Object item : toArray(v)) {
            st.tick();
            if (Boolean.valueOf(include).equals(evalWith(a, item, st))) {
                out.add(item);
            }
        }
        return out;
    }

    private static int search(Object v, Object[] a, RenderState st) {
        List<?> items = toArray(v);
        PropertyPath path = property(str(arg(a, 0)), st);
        Object expected = arg(a, 1);
        for (int i = 0; i < items.size(); i++) {
            Object value = path.evalOn(items.get(i), st);
            if (expected == Undefined.INSTANCE ? JsValues.truthy(value) : JsValues.equals(value, expected)) {
                return i;
            }
        }
        return -1;
    }

    private static int searchExp(Object v, Object[] a, RenderState st) {
        List<?> items = toArray(v);
        for (int i = 0; i < items.size(); i++) {
            st.tick();
            if (MathFilters.truthyJs(evalWith(a, items.get(i), st))) {
                return i;
            }
        }
        return -1;
    }

    private static List<Object> groupBy(Object v, RenderState st, java.util.function.Function<Object, Object> key) {
        Map<Object, List<Object>> groups = new LinkedHashMap<>();
        Map<Object, Object> names = new HashMap<>();
        for (Object item : Node.For.enumerable(v)) {
            st.tick();
            Object name = key.apply(item);
            Object k = sameValueKey(name);
            names.putIfAbsent(k, name);
            groups.computeIfAbsent(k, x -> new ArrayList<>()).add(item);
        }
        List<Object> out = new ArrayList<>();
        groups.forEach((k, items) -> {
            Map<String, Object> group = new LinkedHashMap<>();
            group.put("name", names.get(k));
            group.put("items", items);
            out.add(group);
        });
        return out;
    }

}
