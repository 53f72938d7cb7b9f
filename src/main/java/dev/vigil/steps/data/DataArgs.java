package dev.vigil.steps.data;

import dev.vigil.model.Values;
import dev.vigil.steps.StepFailure;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and checks the parameters of data steps. Rendered {@code {{ }}} templates always yield strings, so
 * booleans and integers are also accepted as their text ({@code "true"}, {@code "10"}). Every failure names the
 * step type, the parameter and the type of the bad value.
 */
final class DataArgs {

    private DataArgs() {
    }

    static StepFailure bad(String stepType, String what, String expected, Object got) {
        return new StepFailure(stepType + ": " + what + " must be " + expected + ", got " + Values.typeName(got));
    }

    static List<Object> array(String stepType, String name, Object value) throws StepFailure {
        if (value instanceof List<?> list) {
            @SuppressWarnings("unchecked")
            List<Object> items = (List<Object>) list;
            return items;
        }
        throw bad(stepType, name, "an array", value);
    }

    static String string(String stepType, String name, Object value, boolean required) throws StepFailure {
        return switch (value) {
            case null -> {
                if (required) {
                    throw new StepFailure(stepType + ": " + name + " is required");
                }
                yield null;
            }
            case String s -> s;
            default -> throw bad(stepType, name, "a string", value);
        };
    }

    static boolean bool(String stepType, String name, Object value, boolean fallback) throws StepFailure {
        return switch (value) {
            case null -> fallback;
            case Boolean b -> b;
            case String s when s.isBlank() -> fallback;
            case String s when s.trim().equalsIgnoreCase("true") -> true;
            case String s when s.trim().equalsIgnoreCase("false") -> false;
            default -> throw bad(stepType, name, "a boolean", value);
        };
    }

    /** An integer, or null when absent; fractional numbers and non-numeric text fail. */
    static Long integer(String stepType, String name, Object value) throws StepFailure {
        return switch (value) {
            case null -> null;
            case Long l -> l;
            case Number n when n.doubleValue() == Math.rint(n.doubleValue()) -> n.longValue();
            case String s when s.isBlank() -> null;
            case String s when s.trim().matches("-?\\d{1,18}") -> Long.parseLong(s.trim());
            default -> throw bad(stepType, name, "an integer", value);
        };
    }

    /** A list of strings; a single string counts as a list of one. Null gives an empty list. */
    static List<String> strings(String stepType, String name, Object value) throws StepFailure {
        return switch (value) {
            case null -> List.of();
            case String s -> List.of(s);
            case List<?> list -> {
                List<String> out = new ArrayList<>(list.size());
                for (int i = 0; i < list.size(); i++) {
                    out.add(string(stepType, name + "[" + i + "]", list.get(i), true));
                }
                yield out;
            }
            default -> throw bad(stepType, name, "an array of strings", value);
        };
    }

    /**
     * The value at a dotted path ({@code host.name}, {@code tags.0}): map keys, and numeric segments index lists.
     * An exact key containing dots ({@code "host.name"} as one key) wins over the nested path. Missing → null.
     */
    static Object path(Object root, String dotted) {
        if (root instanceof Map<?, ?> map && map.containsKey(dotted)) {
            return map.get(dotted);
        }
        Object current = root;
        for (String segment : dotted.split("\\.", -1)) {
            current = switch (current) {
                case Map<?, ?> map -> map.get(segment);
                case List<?> list when segment.matches("\\d{1,9}") && Integer.parseInt(segment) < list.size() ->
                        list.get(Integer.parseInt(segment));
                case null, default -> null;
            };
            if (current == null) {
                return null;
            }
        }
        return current;
    }

    /** Extra template variables; unlike {@code Map.of} it accepts null values (an item may be null). */
    static Map<String, Object> vars(String k1, Object v1, String k2, Object v2) {
        Map<String, Object> vars = new HashMap<>();
        vars.put(k1, v1);
        vars.put(k2, v2);
        return vars;
    }
}
