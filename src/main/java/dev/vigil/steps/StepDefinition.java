package dev.vigil.steps;

import java.util.List;

/**
 * How one action step type is validated and run.
 *
 * @param type           the stable short id used in YAML ({@code "http"}, {@code "data.set"})
 * @param action         what it does
 * @param requiredWith   keys that must be present in {@code with}
 * @param fields         top-level keys (besides the common ones) the type reads, e.g. {@code items}; rendered
 *                       before the run unless listed in {@code rawFields}
 * @param requiredFields top-level keys that must be present
 * @param rawWith        true when {@code with} is handed over unrendered (the type renders per item itself)
 * @param external       true when the step reaches an outside system; {@code --offline} replaces such steps
 * @param summary        one line for generated docs and the editor
 */
public record StepDefinition(String type, StepAction action, List<String> requiredWith, List<String> fields,
                             List<String> requiredFields, boolean rawWith, boolean external, String summary) {

    public StepDefinition {
        requiredWith = List.copyOf(requiredWith);
        fields = List.copyOf(fields);
        requiredFields = List.copyOf(requiredFields);
    }

    /** A plain step: rendered {@code with}, no top-level fields, internal. */
    public static StepDefinition of(String type, String summary, StepAction action, String... requiredWith) {
        return new StepDefinition(type, action, List.of(requiredWith), List.of(), List.of(), false, false, summary);
    }

    public StepDefinition withFields(List<String> fields, List<String> requiredFields) {
        return new StepDefinition(type, action, requiredWith, fields, requiredFields, rawWith, external, summary);
    }

    public StepDefinition withRawWith() {
        return new StepDefinition(type, action, requiredWith, fields, requiredFields, true, external, summary);
    }

    public StepDefinition asExternal() {
        return new StepDefinition(type, action, requiredWith, fields, requiredFields, rawWith, true, summary);
    }
}
