package dev.vigil.connectors.elastic;

import dev.vigil.model.Values;
import dev.vigil.steps.StepFailure;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reading the {@code with} values the request builders share, with errors that name the step field. */
final class ElasticParams {

    private ElasticParams() {
    }

    static StepFailure invalid(String action, String name, String expected, Object got) {
        return new StepFailure("ConnectorExecutionError", action + ": with." + name + " must be " + expected + ", got "
                + Values.typeName(got), null);
    }

    static StepFailure failure(String action, String message) {
        return new StepFailure("ConnectorExecutionError", action + ": " + message, null);
    }

    static Map<String, Object> object(Map<?, ?> map) {
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }

    /** {@code with.headers}: an object of names to values (values taken as text). */
    static Map<String, String> headers(String action, Object value) throws StepFailure {
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw invalid(action, "headers", "an object of header names to values", value);
        }
        Map<String, String> out = new LinkedHashMap<>();
        map.forEach((k, v) -> {
            if (v != null) {
                out.put(String.valueOf(k), UrlText.text(v));
            }
        });
        return out;
    }

    /** {@code with.query}: an object of query parameters (lists joined by commas). */
    static Map<String, Object> query(String action, Object value) throws StepFailure {
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw invalid(action, "query", "an object of query parameters", value);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> {
            if (v != null) {
                out.put(String.valueOf(k), UrlText.text(v));
            }
        });
        return out;
    }

    static String requiredText(String action, Map<String, Object> with, String name) throws StepFailure {
        Object value = with.get(name);
        if (value == null || value instanceof String s && s.isBlank()) {
            throw failure(action, "with." + name + " is required");
        }
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            throw invalid(action, name, "text", value);
        }
        return String.valueOf(value);
    }

    /** A string or a list of strings as a list (the security steps take either). */
    static List<String> strings(String action, Map<String, Object> with, String name) throws StepFailure {
        Object value = with.get(name);
        return switch (value) {
            case null -> List.of();
            case String s when s.isBlank() -> List.of();
            case String s -> List.of(s);
            case List<?> list -> {
                java.util.ArrayList<String> out = new java.util.ArrayList<>();
                for (Object v : list) {
                    if (v instanceof Map<?, ?> || v instanceof List<?>) {
                        throw invalid(action, name, "a list of strings", v);
                    }
                    if (v != null && !String.valueOf(v).isBlank()) {
                        out.add(String.valueOf(v));
                    }
                }
                yield List.copyOf(out);
            }
            case Map<?, ?> map -> throw invalid(action, name, "a string or a list of strings", map);
            default -> List.of(String.valueOf(value));
        };
    }
}
