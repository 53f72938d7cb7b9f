package dev.vigil.parse;

import dev.vigil.model.Step;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/** Reads a {@code parallel} step (WORKFLOW_FORMAT.md §3.1): static branches or a dynamic foreach. */
final class ParallelParser {

    static final int MAX_CONCURRENCY = 20;
    static final int DEFAULT_CONCURRENCY = 5;

    private final ParseContext ctx;
    private final StepParser steps;

    ParallelParser(ParseContext ctx, StepParser steps) {
        this.ctx = ctx;
        this.steps = steps;
    }

    Step parse(Fields f, Step.Header header) {
        for (String key : List.of("on-failure", "if")) {
            if (f.has(key)) {
                ctx.problems.add("not-allowed", f.path(key), f.keyNode(key), "'" + key
                        + "' is not supported on a parallel step; put it on the steps inside the branches");
            }
        }
        Object items = null;
        List<Step.Parallel.Branch> branches = List.of();
        List<Step> body = List.of();
        if (f.has("branches")) {
            branches = branches(f);
        } else if (f.node("foreach") != null) {
            items = steps.items(f);
            body = steps.list(f, "steps", true, false);
        } else {
            ctx.problems.add("required", f.path("branches"), f.map(), f.owner()
                    + " needs 'branches' (at least 2, each with name and steps) or 'foreach' with 'steps'");
        }
        int concurrency = concurrency(f);
        String mode = f.oneOf("mode", List.of("fail-fast", "settled"), "fail-fast");
        String branchTimeout = f.duration("branch-timeout", false);
        return new Step.Parallel(header, items, branches, body, concurrency, mode, branchTimeout);
    }

    private List<Step.Parallel.Branch> branches(Fields f) {
        SequenceNode list = f.list("branches", "a list of branches, each with name and steps");
        if (list == null) {
            return List.of();
        }
        if (list.getValue().size() < 2) {
            f.problem("required", "branches", "'branches' of " + f.owner() + " must hold at least 2 branches; got "
                    + list.getValue().size() + " (use plain steps for one)");
        }
        List<Step.Parallel.Branch> result = new ArrayList<>();
        Map<String, Node> names = new HashMap<>();
        for (int i = 0; i < list.getValue().size(); i++) {
            String path = Nodes.index(f.path("branches"), i);
            Fields b = Fields.of(list.getValue().get(i), path, "a branch", "a mapping with name and steps",
                    ctx.problems);
            if (b == null) {
                continue;
            }
            String name = b.requiredString("name");
            if (name != null) {
                b.owner("branch '" + name + "'");
                Node previous = names.putIfAbsent(name, b.node("name"));
                if (previous != null) {
                    b.problem("duplicate-branch-name", "name", "branch name '" + name + "' is used twice (first at "
                            + Nodes.pos(previous) + "); branch names must be unique within a parallel step");
                }
            }
            List<Step> body = steps.list(b, "steps", true, false);
            if (name != null) {
                result.add(new Step.Parallel.Branch(name, body));
            }
        }
        return result;
    }

    private int concurrency(Fields f) {
        Node node = f.node("concurrency");
        if (node == null) {
            return DEFAULT_CONCURRENCY;
        }
        if (node instanceof ScalarNode) {
            Long n = f.integer("concurrency", 1, MAX_CONCURRENCY);
            return n == null ? DEFAULT_CONCURRENCY : n.intValue();
        }
        Fields c = Fields.of(node, f.path("concurrency"), "'concurrency'", "a number or a mapping with max",
                ctx.problems);
        if (c == null) {
            return DEFAULT_CONCURRENCY;
        }
        c.bool("count-waiting");
        Long max = c.integer("max", 1, MAX_CONCURRENCY);
        return max == null ? DEFAULT_CONCURRENCY : max.intValue();
    }
}
