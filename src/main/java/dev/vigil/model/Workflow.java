package dev.vigil.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed workflow (WORKFLOW_FORMAT.md §1). Immutable; built by {@code dev.vigil.parse.WorkflowParser}.
 *
 * @param inputs  the manual trigger's (or legacy top-level) inputs, normalised to a JSON-schema object
 *                {@code {properties, required?, additionalProperties}}; empty map when none are declared
 * @param consts  static values exposed verbatim as {@code consts.*}
 * @param outputs declared outputs normalised to a JSON-schema object; empty map when none
 */
public record Workflow(
        String version,
        String name,
        String description,
        boolean enabled,
        List<String> tags,
        List<Trigger> triggers,
        Map<String, Object> inputs,
        Map<String, Object> consts,
        Map<String, Object> outputs,
        Settings settings,
        List<Step> steps) {

    public Workflow {
        tags = List.copyOf(tags);
        triggers = List.copyOf(triggers);
        steps = List.copyOf(steps);
    }

    public <T extends Trigger> Optional<T> trigger(Class<T> kind) {
        return triggers.stream().filter(kind::isInstance).map(kind::cast).findFirst();
    }
}
