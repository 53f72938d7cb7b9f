package dev.vigil.steps;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The one place where action step types are registered. Flow-control types (if, foreach, while, switch,
 * parallel, loop.*, wait, waitForApproval, waitForInput, workflow.*) belong to the executor and are listed in
 * {@link #FLOW_TYPES} so validation knows them.
 */
public final class StepRegistry {

    /** Types the executor implements itself. */
    public static final java.util.Set<String> FLOW_TYPES = java.util.Set.of(
            "if", "foreach", "while", "switch", "parallel", "merge", "loop.break", "loop.continue",
            "wait", "waitForApproval", "waitForInput",
            "workflow.execute", "workflow.executeAsync", "workflow.output", "workflow.fail");

    private final Map<String, StepDefinition> definitions;

    private StepRegistry(Map<String, StepDefinition> definitions) {
        this.definitions = Map.copyOf(definitions);
    }

    public Optional<StepDefinition> find(String type) {
        return Optional.ofNullable(definitions.get(type));
    }

    public boolean knows(String type) {
        return FLOW_TYPES.contains(type) || definitions.containsKey(type);
    }

    public Collection<StepDefinition> all() {
        return definitions.values();
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final Map<String, StepDefinition> definitions = new LinkedHashMap<>();

        public Builder add(StepDefinition definition) {
            if (definitions.putIfAbsent(definition.type(), definition) != null) {
                throw new IllegalStateException("step type registered twice: " + definition.type());
            }
            return this;
        }

        public StepRegistry build() {
            return new StepRegistry(definitions);
        }
    }
}
