package dev.vigil.steps.data;

import dev.vigil.steps.StepAction;
import dev.vigil.steps.StepDefinition;
import dev.vigil.steps.StepFailure;
import dev.vigil.steps.StepInvocation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code data.map}: top-level {@code items} (array or object), {@code with.fields} rendered per item with the
 * extra variables {@code item} and {@code index}. {@code with} arrives raw because only this step knows the per
 * item variables. A field object holding {@code $map: {items, item?, index?}} maps a nested array: its other
 * keys are the template for each element, which sees the outer variables too. Optional {@code with.transform.pick}
 * keeps only the listed keys of every mapped object, in the listed order.
 */
public final class DataMapStep implements StepAction {

    public static final String TYPE = "data.map";
    static final int MAX_DEPTH = 10;
    private static final String MAP_KEY = "$map";

    public static StepDefinition definition() {
        return StepDefinition.of(TYPE, "Maps each item of items to an object built from with.fields",
                        new DataMapStep(), "fields")
                .withFields(List.of("items"), List.of("items"))
                .withRawWith();
    }

    record Params(Object items, Map<String, Object> fields, List<String> pick) {
        static Params of(StepInvocation call) throws StepFailure {
            Object fields = call.with().get("fields");
            if (!(fields instanceof Map<?, ?>)) {
                throw DataArgs.bad(TYPE, "with.fields", "an object", fields);
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> typed = (Map<String, Object>) fields;
            List<String> pick = null;
            if (call.with().get("transform") != null) {
                Object transform = call.render(call.with().get("transform"), Map.of());
                if (!(transform instanceof Map<?, ?> t)) {
                    throw DataArgs.bad(TYPE, "with.transform", "an object", transform);
                }
                pick = t.containsKey("pick") ? DataArgs.strings(TYPE, "with.transform.pick", t.get("pick")) : null;
            }
            return new Params(call.field("items"), typed, pick);
        }
    }

    @Override
    public Object run(StepInvocation call) throws StepFailure {
        Params params = Params.of(call);
        return switch (params.items()) {
            case List<?> list -> {
                List<Object> out = new ArrayList<>(list.size());
                for (int i = 0; i < list.size(); i++) {
                    out.add(mapOne(call, params, list.get(i), i));
                }
                yield out;
            }
            case Map<?, ?> object -> mapOne(call, params, object, 0);
            case null, default -> throw DataArgs.bad(TYPE, "items", "an array or an object", params.items());
        };
    }

    private static Object mapOne(StepInvocation call, Params params, Object item, long index) throws StepFailure {
        Map<String, Object> mapped = renderObject(call, params.fields(), DataArgs.vars("item", item, "index", index), 0);
        if (params.pick() == null) {
            return mapped;
        }
        Map<String, Object> picked = new LinkedHashMap<>();
        for (String key : params.pick()) {
            if (mapped.containsKey(key)) {
                picked.put(key, mapped.get(key));
            }
        }
        return picked;
    }

    private static Object render(StepInvocation call, Object template, Map<String, Object> vars, int depth)
            throws StepFailure {
        return switch (template) {
            case Map<?, ?> map when map.containsKey(MAP_KEY) -> nestedMap(call, map, vars, depth + 1);
            case Map<?, ?> map -> renderObject(call, map, vars, depth);
            case List<?> list -> {
                List<Object> out = new ArrayList<>(list.size());
                for (Object element : list) {
                    out.add(render(call, element, vars, depth));
                }
                yield out;
            }
            case null -> null;
            default -> call.render(template, vars);
        };
    }

    private static Map<String, Object> renderObject(StepInvocation call, Map<?, ?> template, Map<String, Object> vars,
                                                    int depth) throws StepFailure {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : template.entrySet()) {
            out.put(String.valueOf(entry.getKey()), render(call, entry.getValue(), vars, depth));
        }
        return out;
    }

    /** One {@code $map} object: renders its items, then its other keys once per element. */
    private static List<Object> nestedMap(StepInvocation call, Map<?, ?> template, Map<String, Object> vars, int depth)
            throws StepFailure {
        if (depth > MAX_DEPTH) {
            throw new StepFailure(TYPE + ": $map is nested deeper than " + MAX_DEPTH + " levels");
        }
        if (!(template.get(MAP_KEY) instanceof Map<?, ?> spec)) {
            throw DataArgs.bad(TYPE, "$map", "an object with items", template.get(MAP_KEY));
        }
        String itemName = name(spec, "item");
        String indexName = name(spec, "index");
        Object nestedItems = call.render(spec.get("items"), vars);
        if (!(nestedItems instanceof List<?> list)) {
            return new ArrayList<>();       // a missing or non-array nested list maps to [] rather than failing
        }
        Map<Object, Object> elementTemplate = new LinkedHashMap<>(template);
        elementTemplate.remove(MAP_KEY);
        List<Object> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            Map<String, Object> inner = new HashMap<>(vars);
            inner.put(itemName, list.get(i));
            inner.put(indexName, (long) i);
            out.add(renderObject(call, elementTemplate, inner, depth));
        }
        return out;
    }

    private static String name(Map<?, ?> spec, String key) throws StepFailure {
        Object value = spec.get(key);
        if (value == null) {
            return key;
        }
        if (!(value instanceof String s) || s.isBlank()) {
            throw DataArgs.bad(TYPE, "$map." + key, "a variable name", value);
        }
        return s;
    }
}
