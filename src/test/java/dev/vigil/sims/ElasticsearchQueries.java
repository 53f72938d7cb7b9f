package dev.vigil.sims;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The part of the Elasticsearch query DSL {@link ElasticsearchSim} evaluates against its documents: {@code match_all},
 * {@code term}, {@code terms}, {@code match}, {@code match_phrase}, {@code range} (numbers and ISO text),
 * {@code exists}, {@code ids} and {@code bool}. Query types it does not evaluate (semantic, knn, query_string ...)
 * match every document, so workflows using them still get hits.
 */
final class ElasticsearchQueries {

    private ElasticsearchQueries() {
    }

    /** A stored document as search sees it. */
    record Doc(String index, String id, Map<String, Object> source) {
    }

    static boolean matches(Object query, Doc doc) {
        if (!(query instanceof Map<?, ?> q) || q.isEmpty()) {
            return true;
        }
        Map.Entry<?, ?> clause = q.entrySet().iterator().next();
        String type = String.valueOf(clause.getKey());
        Object body = clause.getValue();
        return switch (type) {
            case "match_all" -> true;
            case "match_none" -> false;
            case "term" -> fieldClause(body, doc, (values, wanted) -> values.stream().anyMatch(v -> same(v, wanted)));
            case "terms" -> fieldClause(body, doc, (values, wanted) -> wanted instanceof List<?> list
                    && values.stream().anyMatch(v -> list.stream().anyMatch(w -> same(v, w))));
            case "match" -> fieldClause(body, doc, (values, wanted) -> {
                List<String> words = words(String.valueOf(wanted instanceof Map<?, ?> m ? m.get("query") : wanted));
                return values.stream().anyMatch(v -> words(String.valueOf(v)).stream().anyMatch(words::contains));
            });
            case "match_phrase" -> fieldClause(body, doc, (values, wanted) -> {
                String phrase = String.valueOf(wanted instanceof Map<?, ?> m ? m.get("query") : wanted)
                        .toLowerCase(Locale.ROOT);
                return values.stream().anyMatch(v -> String.valueOf(v).toLowerCase(Locale.ROOT).contains(phrase));
            });
            case "range" -> fieldClause(body, doc, (values, bounds) -> bounds instanceof Map<?, ?> b
                    && values.stream().anyMatch(v -> inRange(v, b)));
            case "exists" -> body instanceof Map<?, ?> m && !values(doc.source(), String.valueOf(m.get("field"))).isEmpty();
            case "ids" -> body instanceof Map<?, ?> m && m.get("values") instanceof List<?> ids
                    && ids.contains(doc.id());
            case "bool" -> bool(body, doc);
            default -> true;
        };
    }

    private interface FieldTest {
        boolean test(List<Object> values, Object wanted);
    }

    /** {@code {"field": value}} or {@code {"field": {"value": v}}}; a {@code .keyword} sub-field is the field. */
    private static boolean fieldClause(Object body, Doc doc, FieldTest test) {
        if (!(body instanceof Map<?, ?> m) || m.isEmpty()) {
            return true;
        }
        Map.Entry<?, ?> e = m.entrySet().iterator().next();
        return test.test(values(doc.source(), String.valueOf(e.getKey())), e.getValue());
    }

    private static boolean bool(Object body, Doc doc) {
        if (!(body instanceof Map<?, ?> b)) {
            return true;
        }
        for (String all : List.of("must", "filter")) {
            for (Object clause : clauses(b.get(all))) {
                if (!matches(clause, doc)) {
                    return false;
                }
            }
        }
        for (Object clause : clauses(b.get("must_not"))) {
            if (matches(clause, doc)) {
                return false;
            }
        }
        List<Object> should = clauses(b.get("should"));
        if (should.isEmpty()) {
            return true;
        }
        long minimum = b.get("minimum_should_match") instanceof Number n ? n.longValue()
                : clauses(b.get("must")).isEmpty() && clauses(b.get("filter")).isEmpty() ? 1 : 0;
        return should.stream().filter(c -> matches(c, doc)).count() >= minimum;
    }

    private static List<Object> clauses(Object value) {
        return switch (value) {
            case null -> List.of();
            case List<?> list -> new ArrayList<>(list);
            default -> List.of(value);
        };
    }

    private static boolean same(Object stored, Object wanted) {
        Object w = wanted instanceof Map<?, ?> m && m.containsKey("value") ? m.get("value") : wanted;
        if (stored instanceof Number a && w instanceof Number b) {
            return a.doubleValue() == b.doubleValue();
        }
        return String.valueOf(stored).equals(String.valueOf(w));
    }

    private static boolean inRange(Object value, Map<?, ?> bounds) {
        for (Map.Entry<?, ?> bound : bounds.entrySet()) {
            String op = String.valueOf(bound.getKey());
            Object limit = bound.getValue();
            if (!List.of("gt", "gte", "lt", "lte").contains(op) || limit == null
                    || limit instanceof String s && s.startsWith("now")) {
                continue;           // date math and options are not evaluated: they do not narrow
            }
            int c = compare(value, limit);
            boolean ok = switch (op) {
                case "gt" -> c > 0;
                case "gte" -> c >= 0;
                case "lt" -> c < 0;
                default -> c <= 0;
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    static int compare(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return Double.compare(x.doubleValue(), y.doubleValue());
        }
        return String.valueOf(a).compareTo(String.valueOf(b));
    }

    private static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (!w.isEmpty()) {
                out.add(w);
            }
        }
        return out;
    }

    /**
     * The values of a field: {@code a.b} reads nested objects or a key written with the dot; arrays give each
     * element. A {@code .keyword} suffix reads the field itself.
     */
    static List<Object> values(Map<String, Object> source, String field) {
        String f = field.endsWith(".keyword") ? field.substring(0, field.length() - ".keyword".length()) : field;
        List<Object> out = new ArrayList<>();
        collect(source, f, out);
        return out;
    }

    private static void collect(Object node, String field, List<Object> out) {
        if (node instanceof List<?> list) {
            list.forEach(item -> collect(item, field, out));
            return;
        }
        if (!(node instanceof Map<?, ?> map)) {
            return;
        }
        if (map.containsKey(field)) {
            Object v = map.get(field);
            if (v instanceof List<?> list) {
                list.stream().filter(java.util.Objects::nonNull).forEach(out::add);
            } else if (v != null) {
                out.add(v);
            }
        }
        for (int dot = field.indexOf('.'); dot > 0; dot = field.indexOf('.', dot + 1)) {
            Object child = map.get(field.substring(0, dot));
            if (child != null) {
                collect(child, field.substring(dot + 1), out);
            }
        }
    }

    /** Sorts by {@code [{"f": {"order": "desc"}}, {"g": "asc"}, "h"]}; documents without the field go last. */
    static Comparator<Doc> order(Object sort) {
        Comparator<Doc> order = (a, b) -> 0;
        for (Object key : clauses(sort)) {
            String field;
            boolean desc;
            if (key instanceof Map<?, ?> m && !m.isEmpty()) {
                Map.Entry<?, ?> e = m.entrySet().iterator().next();
                field = String.valueOf(e.getKey());
                Object o = e.getValue() instanceof Map<?, ?> spec ? spec.get("order") : e.getValue();
                desc = "desc".equalsIgnoreCase(String.valueOf(o));
            } else {
                field = String.valueOf(key);
                desc = false;
            }
            if (field.equals("_score") || field.equals("_doc")) {
                continue;
            }
            Comparator<Doc> byField = (a, b) -> {
                Object x = first(a.source(), field);
                Object y = first(b.source(), field);
                if (x == null || y == null) {
                    return x == null ? (y == null ? 0 : 1) : -1;
                }
                return desc ? compare(y, x) : compare(x, y);
            };
            order = order.thenComparing(byField);
        }
        return order;
    }

    static Object first(Map<String, Object> source, String field) {
        List<Object> values = values(source, field);
        return values.isEmpty() ? null : values.getFirst();
    }

    /** A document flattened to dotted keys, as ES|QL shows fields. */
    static Map<String, Object> flatten(Map<String, Object> source) {
        Map<String, Object> out = new LinkedHashMap<>();
        flatten("", source, out);
        return out;
    }

    @SuppressWarnings("unchecked")
    private static void flatten(String prefix, Map<String, Object> map, Map<String, Object> out) {
        map.forEach((k, v) -> {
            if (v instanceof Map<?, ?> child) {
                flatten(prefix + k + ".", (Map<String, Object>) child, out);
            } else {
                out.put(prefix + k, v);
            }
        });
    }
}
