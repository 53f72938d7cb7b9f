package dev.vigil.parse;

import dev.vigil.model.OnFailure;
import dev.vigil.model.Position;
import dev.vigil.model.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Reads steps (WORKFLOW_FORMAT.md §2, §3.1): the common header and the flow-control containers; every other
 * type goes to {@link ActionParser}. {@code inLoop} tells whether the step stands inside a foreach/while body.
 */
final class StepParser {

    static final Set<String> HITL = Set.of("waitForApproval", "waitForInput", "decision");

    private final ParseContext ctx;
    private final OnFailureParser onFailure;
    private final ActionParser actions;

    StepParser(ParseContext ctx) {
        this.ctx = ctx;
        this.onFailure = new OnFailureParser(ctx, this);
        this.actions = new ActionParser(ctx);
    }

    OnFailureParser onFailure() {
        return onFailure;
    }

    /** The steps listed under {@code key}; reports a missing or empty list when {@code required}. */
    List<Step> list(Fields parent, String key, boolean required, boolean inLoop) {
        Node node = parent.node(key);
        if (node == null) {
            if (required) {
                parent.missing(key);
            }
            return List.of();
        }
        if (!(node instanceof SequenceNode seq)) {
            parent.wrongType(key, "a list of steps");
            return List.of();
        }
        if (seq.getValue().isEmpty() && required) {
            parent.problem("required", key, "'" + key + "' of " + parent.owner() + " must hold at least one step");
        }
        List<Step> result = new ArrayList<>();
        String path = parent.path(key);
        for (int i = 0; i < seq.getValue().size(); i++) {
            Step step = step(seq.getValue().get(i), Nodes.index(path, i), inLoop);
            if (step != null) {
                result.add(step);
            }
        }
        return result;
    }

    private Step step(Node node, String path, boolean inLoop) {
        if (!(node instanceof MappingNode map)) {
            ctx.problems.add("wrong-type", path, node, "a step must be a mapping with name and type; got "
                    + Nodes.describe(node));
            return null;
        }
        Fields f = new Fields(map, path, "the step", ctx.problems);
        String name = f.requiredString("name");
        if (name != null) {
            f.owner("step '" + name + "'");
        }
        String type = f.requiredString("type");
        f.owner((name == null ? "the step" : "step '" + name + "'") + (type == null ? "" : " (" + type + ")"));
        if (name != null) {
            ctx.stepName(name, f.path("name"), f.node("name"));
        }
        Step.Header header = header(f, name, type, inLoop);
        if (type == null) {
            return null;
        }
        return switch (type) {
            case "if" -> ifStep(f, header, inLoop);
            case "foreach" -> foreachStep(f, header);
            case "while" -> whileStep(f, header);
            case "switch" -> switchStep(f, header, inLoop);
            case "parallel" -> new ParallelParser(ctx, this).parse(f, header);
            default -> actions.parse(f, header, inLoop);
        };
    }

    private Step.Header header(Fields f, String name, String type, boolean inLoop) {
        String ifCondition = null;
        Node ifNode = f.node("if");
        if (ifNode != null) {
            Object value = Nodes.value(ifNode);
            if (value instanceof String || value instanceof Boolean) {
                ifCondition = String.valueOf(value);
                ctx.condition(ifNode, f.path("if"));
            } else {
                f.wrongType("if", "a condition string");
            }
        }
        boolean itemsField = "foreach".equals(type) || "parallel".equals(type);
        Object foreach = itemsField ? null : items(f);
        String timeout = f.duration("timeout", type != null && HITL.contains(type));
        Long maxStepSize = f.byteSize("max-step-size");
        OnFailure failure = onFailure.parse(f.node("on-failure"), f.path("on-failure"), inLoop);
        String connectorId = f.string("connector-id");
        ctx.template(f.node("connector-id"), f.path("connector-id"));
        Position position = Nodes.pos(f.map());
        return new Step.Header(name, type, f.path(), position, ifCondition, foreach, timeout, maxStepSize, failure,
                connectorId);
    }

    /** A {@code foreach} value: a template/expression string or a literal list. */
    Object items(Fields f) {
        Node node = f.node("foreach");
        if (node == null) {
            return null;
        }
        if (node instanceof SequenceNode || Nodes.string(node) != null) {
            ctx.templates(node, f.path("foreach"));
            return Nodes.value(node);
        }
        f.wrongType("foreach", "a template string or a list");
        return null;
    }

    private String condition(Fields f) {
        Node node = f.node("condition");
        if (node == null) {
            f.missing("condition");
            return null;
        }
        Object value = Nodes.value(node);
        if (value instanceof String || value instanceof Boolean) {
            ctx.condition(node, f.path("condition"));
            return String.valueOf(value);
        }
        f.wrongType("condition", "a condition string (KQL or a template)");
        return null;
    }

    private Step ifStep(Fields f, Step.Header header, boolean inLoop) {
        String condition = condition(f);
        List<Step> then = list(f, "steps", true, inLoop);
        List<Step> otherwise = list(f, "else", false, inLoop);
        return new Step.If(header, condition, then, otherwise);
    }

    private Step foreachStep(Fields f, Step.Header header) {
        Object items = items(f);
        if (f.node("foreach") == null) {
            f.missing("foreach");
        }
        List<Step> body = list(f, "steps", true, true);
        return new Step.Foreach(header, items, body, maxIterations(f), f.duration("iteration-timeout", false),
                onFailure.parse(f.node("iteration-on-failure"), f.path("iteration-on-failure"), true));
    }

    private Step whileStep(Fields f, Step.Header header) {
        String condition = condition(f);
        List<Step> body = list(f, "steps", true, true);
        return new Step.While(header, condition, body, maxIterations(f), f.duration("iteration-timeout", false),
                onFailure.parse(f.node("iteration-on-failure"), f.path("iteration-on-failure"), true));
    }

    private Step.MaxIterations maxIterations(Fields f) {
        Node node = f.node("max-iterations");
        if (node == null) {
            return Step.MaxIterations.DEFAULT;
        }
        if (node instanceof ScalarNode) {
            Long limit = f.integer("max-iterations", 1, Integer.MAX_VALUE);
            return limit == null ? Step.MaxIterations.DEFAULT : new Step.MaxIterations(limit.intValue(), false);
        }
        Fields m = Fields.of(node, f.path("max-iterations"), "'max-iterations'",
                "a whole number or a mapping with limit and on-limit", ctx.problems);
        if (m == null) {
            return Step.MaxIterations.DEFAULT;
        }
        if (m.node("limit") == null) {
            m.missing("limit");
        }
        Long limit = m.integer("limit", 1, Integer.MAX_VALUE);
        String onLimit = m.oneOf("on-limit", List.of("continue", "fail"), "continue");
        return new Step.MaxIterations(limit == null ? Step.MaxIterations.DEFAULT.limit() : limit.intValue(),
                "fail".equals(onLimit));
    }

    private Step switchStep(Fields f, Step.Header header, boolean inLoop) {
        String expression = f.requiredString("expression");
        ctx.template(f.node("expression"), f.path("expression"));
        List<Step.Switch.Case> cases = new ArrayList<>();
        SequenceNode list = f.list("cases", "a list of cases, each with match and steps");
        if (f.node("cases") == null) {
            f.missing("cases");
        } else if (list != null && list.getValue().isEmpty()) {
            f.problem("required", "cases", "'cases' of " + f.owner() + " must hold at least one case");
        }
        for (int i = 0; list != null && i < list.getValue().size(); i++) {
            String path = Nodes.index(f.path("cases"), i);
            Fields c = Fields.of(list.getValue().get(i), path, "a switch case", "a mapping with match and steps",
                    ctx.problems);
            if (c == null) {
                continue;
            }
            Object match = match(c);
            List<Step> steps = list(c, "steps", true, inLoop);
            if (match != null) {
                cases.add(new Step.Switch.Case(match, steps));
            }
        }
        List<Step> otherwise = list(f, "default", false, inLoop);
        return new Step.Switch(header, expression, cases, otherwise);
    }

    private Object match(Fields c) {
        Node node = c.node("match");
        if (node == null) {
            c.missing("match");
            return null;
        }
        Object value = node instanceof ScalarNode s ? Nodes.scalar(s) : null;
        if (value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        c.wrongType("match", "a string, number or boolean");
        return null;
    }
}
