package dev.vigil.steps;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The one place where action step types are registered. Flow-control types (if, foreach, while, switch,
 * parallel, loop.*, wait, waitForApproval, waitForInput, decision, workflow.*) belong to the executor and are listed in
 * {@link #FLOW_TYPES} so validation knows them.
 */
public final class StepRegistry {

    /** Types the executor implements itself. */
    public static final java.util.Set<String> FLOW_TYPES = java.util.Set.of(
            "if", "foreach", "while", "switch", "parallel", "merge", "loop.break", "loop.continue",
            "wait", "waitForApproval", "waitForInput", "decision",
            "workflow.execute", "workflow.executeAsync", "workflow.output", "workflow.fail");

    /**
     * Families of types that reach Elastic-stack or AI services; they run through their own handlers when
     * registered, else as connector steps. {@code --offline} never sends them.
     */
    public static final java.util.List<String> EXTERNAL_FAMILIES = java.util.List.of(
            "elasticsearch.", "kibana.", "cases.", "ai.", "security.", "search.", "entityStore.");

    /** What a type string names. */
    public enum Kind { FLOW, BUILT_IN, EXTERNAL_FAMILY, CONNECTOR, UNKNOWN }

    /** Connector types are {@code X} or {@code X.Y} with identifier-like parts ({@code slack}, {@code github.getIssue}). */
    private static final java.util.regex.Pattern CONNECTOR_TYPE =
            java.util.regex.Pattern.compile("[A-Za-z][A-Za-z0-9_-]*(\\.[A-Za-z][A-Za-z0-9_]*)?");

    private final Map<String, StepDefinition> definitions;
    private final StepDefinition connectors;

    private StepRegistry(Map<String, StepDefinition> definitions, StepDefinition connectors) {
        this.definitions = Map.copyOf(definitions);
        this.connectors = connectors;
    }

    public Optional<StepDefinition> find(String type) {
        return Optional.ofNullable(definitions.get(type));
    }

    /**
     * What runs a step of this type: its own definition, else, for connector steps and external families
     * ({@code elasticsearch.search}, {@code slack}), the connector dispatcher when one is registered.
     */
    public Optional<StepDefinition> resolve(String type, Kind kind) {
        StepDefinition own = definitions.get(type);
        if (own != null) {
            return Optional.of(own);
        }
        return kind == Kind.CONNECTOR || kind == Kind.EXTERNAL_FAMILY ? Optional.ofNullable(connectors)
                : Optional.empty();
    }

    public boolean knows(String type) {
        return FLOW_TYPES.contains(type) || definitions.containsKey(type);
    }

    /**
     * Classifies a step type. An unregistered {@code X} / {@code X.Y} is a connector step only when the step
     * names a {@code connector-id}; without one it is unknown (which catches typos like {@code htp}).
     */
    public Kind kindOf(String type, boolean hasConnectorId) {
        if (FLOW_TYPES.contains(type)) {
            return Kind.FLOW;
        }
        if (definitions.containsKey(type)) {
            return Kind.BUILT_IN;
        }
        for (String family : EXTERNAL_FAMILIES) {
            if (type.startsWith(family) && type.length() > family.length()) {
                return Kind.EXTERNAL_FAMILY;
            }
        }
        if (hasConnectorId && CONNECTOR_TYPE.matcher(type).matches()) {
            return Kind.CONNECTOR;
        }
        return Kind.UNKNOWN;
    }

    /** All type names known without a connector, for "did you mean" suggestions. */
    public java.util.Set<String> knownTypes() {
        java.util.Set<String> all = new java.util.TreeSet<>(FLOW_TYPES);
        all.addAll(definitions.keySet());
        return all;
    }

    public Collection<StepDefinition> all() {
        return definitions.values();
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final Map<String, StepDefinition> definitions = new LinkedHashMap<>();
        private StepDefinition connectors;

        /** The dispatcher for connector steps and external families without a definition of their own. */
        public Builder connectors(StepDefinition dispatcher) {
            this.connectors = dispatcher;
            return this;
        }

        public Builder add(StepDefinition definition) {
            if (definitions.putIfAbsent(definition.type(), definition) != null) {
                throw new IllegalStateException("step type registered twice: " + definition.type());
            }
            return this;
        }

        public Builder addAll(Collection<StepDefinition> definitions) {
            definitions.forEach(this::add);
            return this;
        }

        public StepRegistry build() {
            return new StepRegistry(definitions, connectors);
        }
    }
}
