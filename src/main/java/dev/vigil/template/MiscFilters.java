package dev.vigil.template;

import static dev.vigil.template.Filters.arg;
import static dev.vigil.template.Filters.str;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.model.Json;
import dev.vigil.model.Values;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** default, json/jsonify/inspect, to_integer, raw and Kibana's custom json_parse, entries, pick. */
final class MiscFilters {

    private static final ObjectMapper STRICT = Json.MAPPER.copy().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final Map<String, Expr> EXPRESSIONS = new ConcurrentHashMap<>();

    private MiscFilters() {
    }

    static void register(Filters f) {
        f.add("default", (v, a, st) -> {
            Object value = JsValues.toValue(v);
            Object fallback = arg(a, 0);
            if (value instanceof List<?> l) {
                return l.isEmpty() ? fallback : value;
            }
            if (value instanceof String s) {
                return s.isEmpty() ? fallback : value;
            }
            if (Boolean.FALSE.equals(value) && JsValues.truthy(Filters.keyword(a, "allow_false"))) {
                return false;
            }
            return JsValues.truthy(value) ? value : fallback;
        });
        Filter json = (v, a, st) -> {
            String text = JsJson.stringify(v, JsJson.indent(arg(a, 0)));
            if (text == null) {
                return Undefined.INSTANCE;
            }
            st.useMemory(text.length());
            return text;
        };
        f.add("json", json);
        f.add("jsonify", json);
        f.add("inspect", json);
        f.add("to_integer", (v, a, st) -> JsValues.toNumber(v));
        f.add("raw", (v, a, st) -> v);
        f.add("json_parse", (v, a, st) -> {
            if (!(JsValues.toValue(v) instanceof String s)) {
                return v;
            }
            try {
                return Values.normalize(STRICT.readValue(s, Object.class));
            } catch (JsonProcessingException | IllegalArgumentException invalid) {
                return s;
            }
        });
        f.add("entries", (v, a, st) -> {
            if (!(JsValues.toValue(v) instanceof Map<?, ?> map)) {
                return v;
            }
            List<Object> out = new ArrayList<>(map.size());
            map.forEach((k, value) -> {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("key", String.valueOf(k));
                entry.put("value", value);
                out.add(entry);
            });
            return out;
        });
        f.add("pick", MiscFilters::pick);
    }

    /** {@code pick: "a", "b.c"} or {@code pick: list}: a new object with only those paths, nesting kept. */
    private static Object pick(Object v, Object[] a, RenderState st) {
        if (!(JsValues.toValue(v) instanceof Map<?, ?> source)) {
            return v;
        }
        List<String> paths = new ArrayList<>();
        for (Object arg : a) {
            Object value = arg instanceof Filter.KeywordArg kw ? kw.value() : arg;
            if (JsValues.toValue(value) instanceof List<?> list) {
                list.forEach(p -> paths.add(str(p)));
            } else if (!JsValues.isNil(value)) {
                paths.add(str(value));
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (String path : paths) {
            String[] keys = path.split("\\.", -1);
            Object value = ArrayFilters.readPath(source, keys);
            if (value == Undefined.INSTANCE) {
                continue;
            }
            Map<String, Object> target = out;
            for (int i = 0; i < keys.length - 1; i++) {
                Object next = target.get(keys[i]);
                if (!(next instanceof LinkedHashMap<?, ?>)) {
                    next = new LinkedHashMap<String, Object>();
                    target.put(keys[i], next);
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> nested = (Map<String, Object>) next;
                target = nested;
            }
            target.put(keys[keys.length - 1], value);
        }
        return out;
    }

    /** A filtered value compiled from filter-argument text (where_exp and friends), cached by text. */
    static Expr expression(String text, RenderState st) {
        Expr expr = EXPRESSIONS.get(text);
        if (expr == null) {
            expr = new ExprParser(text, 0, text.length(), st.filters).readFilteredValue();
            if (EXPRESSIONS.size() > 2_000) {
                EXPRESSIONS.clear();
            }
            EXPRESSIONS.put(text, expr);
        }
        return expr;
    }
}
