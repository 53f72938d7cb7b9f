package dev.vigil.engine;

import dev.vigil.model.Values;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fills absent inputs from the declared schema (WORKFLOW_FORMAT.md §1.2): a property's {@code default}, nested
 * object defaults, {@code []} for an absent array, local {@code $ref}s resolved; and reports what is wrong
 * (missing required inputs, values of the wrong type, choices outside the enum).
 */
public final class InputDefaults {

    private InputDefaults() {
    }

    public record Filled(Map<String, Object> inputs, List<String> problems) {
    }

    public static Filled fill(Map<String, Object> schema, Map<String, Object> given) {
        List<String> problems = new ArrayList<>();
        Map<String, Object> inputs = fillObject(schema, schema, Values.normalizeMap(given), "", problems);
        return new Filled(inputs, problems);
    }

    private static Map<String, Object> fillObject(Map<String, Object> root, Map<?, ?> schema,
                                                  Map<String, Object> given, String prefix, List<String> problems) {
        Map<String, Object> result = new LinkedHashMap<>(given);
        if (!(schema.get("properties") instanceof Map<?, ?> properties)) {
            return result;
        }
        List<?> required = schema.get("required") instanceof List<?> r ? r : List.of();
        properties.forEach((key, raw) -> {
            String name = String.valueOf(key);
            Map<?, ?> property = resolve(root, raw);
            Object value = result.get(name);
            if (value == null && !result.containsKey(name)) {
                if (property.containsKey("default")) {
                    value = Values.normalize(property.get("default"));
                    result.put(name, value);
                } else if ("object".equals(property.get("type")) && property.get("properties") instanceof Map<?, ?>) {
                    value = new LinkedHashMap<String, Object>();
                    result.put(name, value);
                } else if ("array".equals(property.get("type"))) {
                    value = new ArrayList<>();
                    result.put(name, value);
                } else if (required.contains(name)) {
                    problems.add("missing required input '" + prefix + name + "'");
                    return;
                } else {
                    return;
                }
            }
            if (value instanceof Map<?, ?> nested && "object".equals(property.get("type"))) {
                result.put(name, fillObject(root, property, Values.normalizeMap(nested), prefix + name + ".", problems));
            }
            check(property, value, prefix + name, problems);
        });
        return result;
    }

    private static void check(Map<?, ?> property, Object value, String name, List<String> problems) {
        if (value == null) {
            return;
        }
        if (property.get("type") instanceof String type && !OutputSchema.matches(type, value)) {
            problems.add("input '" + name + "' should be " + type + " but is " + Values.typeName(value)
                    + " " + Values.preview(value, 60));
        } else if (property.get("enum") instanceof List<?> options && !options.contains(value)) {
            problems.add("input '" + name + "' is " + Values.preview(value, 60) + "; expected one of " + options);
        }
    }

    private static Map<?, ?> resolve(Map<String, Object> root, Object raw) {
        if (raw instanceof Map<?, ?> property && property.get("$ref") instanceof String ref && ref.startsWith("#/")) {
            Object target = root;
            for (String part : ref.substring(2).split("/")) {
                target = target instanceof Map<?, ?> m ? m.get(part) : null;
            }
            return target instanceof Map<?, ?> m ? m : Map.of();
        }
        return raw instanceof Map<?, ?> m ? m : Map.of();
    }
}
