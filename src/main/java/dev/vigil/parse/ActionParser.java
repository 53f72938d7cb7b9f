package dev.vigil.parse;

import dev.vigil.model.Step;
import dev.vigil.steps.StepDefinition;
import dev.vigil.steps.StepRegistry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Reads every step that is not a container: {@code with}, the other top-level {@code fields}, the type check
 * against the registry and the per-type requirements of §3.2–§3.7 and of registered definitions.
 */
final class ActionParser {

    /** Keys every step may carry; anything else at the top level is a type-specific field. */
    static final Set<String> COMMON = Set.of("name", "type", "with", "if", "foreach", "timeout", "max-step-size",
            "on-failure", "connector-id", "max-iterations", "iteration-timeout", "iteration-on-failure");

    /** Steps whose {@code with.condition} is KQL over {@code {item, index}}. */
    private static final Set<String> ITEM_CONDITION = Set.of("data.filter", "data.find");

    private final ParseContext ctx;

    ActionParser(ParseContext ctx) {
        this.ctx = ctx;
    }

    Step parse(Fields f, Step.Header header, boolean inLoop) {
        String type = header.type();
        StepRegistry.Kind kind = ctx.registry.kindOf(type, header.connectorId() != null);
        if (kind == StepRegistry.Kind.UNKNOWN) {
            unknownType(f, type);
        }
        MappingNode withNode = f.mapping("with", "a mapping of step parameters");
        Map<String, Object> with = withNode == null ? null : castMap(Nodes.value(withNode));
        if (withNode != null) {
            withTemplates(f, withNode, type);
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        for (String key : f.keys()) {
            if (!COMMON.contains(key)) {
                Node node = f.node(key);
                fields.put(key, node == null ? null : Nodes.value(node));
                ctx.templates(node, f.path(key));
            }
        }
        switch (type) {
            case "loop.break", "loop.continue" -> {
                if (!inLoop) {
                    ctx.problems.add("loop-control-outside-loop", f.path("type"), f.node("type"), "'" + type
                            + "' is only allowed inside the steps of a foreach or while loop");
                }
            }
            case "wait" -> waitDuration(f, withNode);
            case "decision" -> new DecisionParser(ctx).check(f, withNode);
            case "workflow.execute", "workflow.executeAsync" -> requireWith(f, withNode, "workflow-id");
            case "workflow.output" -> {
                if (f.node("with") == null) {
                    f.missing("with");
                }
                f.oneOf("status", List.of("completed", "cancelled", "failed"), "completed");
            }
            default -> {
                if (kind == StepRegistry.Kind.BUILT_IN) {
                    ctx.registry.find(type).ifPresent(d -> required(f, withNode, d));
                }
            }
        }
        return new Step.Action(header, with, fields);
    }

    private void unknownType(Fields f, String type) {
        String suggestion = Suggest.closest(type, ctx.registry.knownTypes());
        String message = "unknown step type '" + type + "'" + (suggestion != null
                ? "; did you mean '" + suggestion + "'?"
                : "; expected a built-in step type, or a connector type (slack, jira.createIssue ...)"
                        + " together with connector-id");
        ctx.problems.add("unknown-step-type", f.path("type"), f.node("type"), message);
    }

    private void withTemplates(Fields f, MappingNode withNode, String type) {
        Fields with = new Fields(withNode, f.path("with"), "'with'", ctx.problems);
        for (String key : with.keys()) {
            if (ITEM_CONDITION.contains(type) && key.equals("condition")) {
                ctx.condition(with.node(key), with.path(key));
            } else {
                ctx.templates(with.node(key), with.path(key));
            }
        }
    }

    private void waitDuration(Fields f, MappingNode withNode) {
        if (!requireWith(f, withNode, "duration")) {
            return;
        }
        new Fields(withNode, f.path("with"), f.owner(), ctx.problems).duration("duration", true);
    }

    private void required(Fields f, MappingNode withNode, StepDefinition definition) {
        for (String key : definition.requiredWith()) {
            requireWith(f, withNode, key);
        }
        for (String key : definition.requiredFields()) {
            if (f.node(key) == null) {
                f.missing(key);
            }
        }
    }

    /** True when {@code with.<key>} is present; reports it missing otherwise. */
    private boolean requireWith(Fields f, MappingNode withNode, String key) {
        Optional<Node> value = Optional.ofNullable(withNode)
                .map(w -> new Fields(w, f.path("with"), f.owner(), ctx.problems).node(key));
        if (value.isPresent() || withNode == null && f.node("with") != null) {
            return true;
        }
        String path = Nodes.child(f.path("with"), key);
        ctx.problems.add("required", path, withNode == null ? f.map() : withNode, f.owner()
                + " is missing required field 'with." + key + "'");
        return false;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object value) {
        return (Map<String, Object>) value;
    }
}
