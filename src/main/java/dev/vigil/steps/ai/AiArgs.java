package dev.vigil.steps.ai;

import dev.vigil.model.Json;
import dev.vigil.model.Values;
import dev.vigil.steps.StepFailure;
import java.util.List;
import java.util.Map;

/**
 * The rendered {@code with} of an AI step, read with errors that name the step type and the field. Rendered
 * {@code {{ }}} templates are text, so numbers and booleans are also taken as their text.
 */
record AiArgs(String stepType, Map<String, Object> with) {

    Object value(String name) {
        return with.get(name);
    }

    String text(String name) throws StepFailure {
        return switch (with.get(name)) {
            case null -> null;
            case String s -> s.isBlank() ? null : s;
            case Number n -> n instanceof Double d && d != Math.rint(d) ? String.valueOf(d) : String.valueOf(n.longValue());
            case Boolean b -> String.valueOf(b);
            case Object other -> throw bad(name, "a string", other);
        };
    }

    String required(String name) throws StepFailure {
        String value = text(name);
        if (value == null) {
            throw new StepFailure(stepType + ": with." + name + " is required");
        }
        return value;
    }

    /** Data for the model: text as it is, structures as JSON. Required. */
    Object data(String name) throws StepFailure {
        Object value = with.get(name);
        if (value == null || value instanceof String s && s.isBlank()) {
            throw new StepFailure(stepType + ": with." + name + " is required");
        }
        return value;
    }

    boolean bool(String name) throws StepFailure {
        return switch (with.get(name)) {
            case null -> false;
            case Boolean b -> b;
            case String s when s.strip().equalsIgnoreCase("true") -> true;
            case String s when s.isBlank() || s.strip().equalsIgnoreCase("false") -> false;
            case Object other -> throw bad(name, "true or false", other);
        };
    }

    /** {@code temperature}: 0 to 1 as in Kibana's AI steps; null lets the connector decide. */
    Double temperature() throws StepFailure {
        Double value = number("temperature");
        if (value != null && (value < 0 || value > 1)) {
            throw new StepFailure(stepType + ": with.temperature must be between 0 and 1, got " + value);
        }
        return value;
    }

    /** A whole number above zero, or null. */
    Long positive(String name) throws StepFailure {
        Double value = number(name);
        if (value == null) {
            return null;
        }
        if (value != Math.rint(value) || value < 1) {
            throw bad(name, "a whole number above 0", with.get(name));
        }
        return value.longValue();
    }

    /** A list of strings: a single string is a list of one. */
    List<String> strings(String name) throws StepFailure {
        return switch (with.get(name)) {
            case null -> List.of();
            case String s -> s.isBlank() ? List.of() : List.of(s);
            case List<?> list -> {
                for (Object item : list) {
                    if (!(item instanceof String)) {
                        throw bad(name, "a list of strings", item);
                    }
                }
                yield list.stream().map(String.class::cast).toList();
            }
            case Object other -> throw bad(name, "a list of strings", other);
        };
    }

    /** A value as the model reads it: text as it is, anything else as JSON. */
    static String shown(Object value) {
        return value instanceof String s ? s : Json.write(value);
    }

    private Double number(String name) throws StepFailure {
        return switch (with.get(name)) {
            case null -> null;
            case Number n -> n.doubleValue();
            case String s when s.isBlank() -> null;
            case String s -> {
                try {
                    yield Double.parseDouble(s.strip());
                } catch (NumberFormatException e) {
                    throw bad(name, "a number", s);
                }
            }
            case Object other -> throw bad(name, "a number", other);
        };
    }

    private StepFailure bad(String name, String expected, Object got) {
        return new StepFailure(stepType + ": with." + name + " must be " + expected + ", got " + Values.typeName(got)
                + (got instanceof String s ? " '" + s + "'" : ""));
    }
}
