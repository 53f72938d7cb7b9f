package dev.vigil.engine;

import dev.vigil.model.Values;
import dev.vigil.steps.StepFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks {@code workflow.output} values against the workflow's declared {@code outputs} (a JSON-schema object):
 * required names present and declared types matched. Full JSON-schema validation arrives with input schemas.
 */
final class OutputSchema {

    private OutputSchema() {
    }

    static void check(Map<String, Object> schema, Map<String, Object> values, String stepName) {
        if (schema == null || schema.isEmpty()) {
            return;
        }
        List<String> problems = new ArrayList<>();
        if (schema.get("required") instanceof List<?> required) {
            for (Object name : required) {
                if (!values.containsKey(String.valueOf(name))) {
                    problems.add("missing required output '" + name + "'");
                }
            }
        }
        if (schema.get("properties") instanceof Map<?, ?> properties) {
            values.forEach((name, value) -> {
                if (properties.get(name) instanceof Map<?, ?> property && property.get("type") instanceof String type
                        && value != null && !matches(type, value)) {
                    problems.add("output '" + name + "' should be " + type + " but is " + Values.typeName(value));
                }
            });
        }
        if (!problems.isEmpty()) {
            throw new Signal.Failed(new StepFailure("Error", "workflow.output step " + stepName + ": "
                    + String.join("; ", problems), null), stepName, null);
        }
    }

    static boolean matches(String type, Object value) {
        String actual = Values.typeName(value);
        return switch (type) {
            case "integer" -> value instanceof Long;
            case "number" -> value instanceof Number;
            default -> type.equals(actual);
        };
    }
}
