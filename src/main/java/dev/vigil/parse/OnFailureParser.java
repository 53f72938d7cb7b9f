package dev.vigil.parse;

import dev.vigil.model.Durations;
import dev.vigil.model.OnFailure;
import dev.vigil.model.Step;
import java.time.Duration;
import java.util.List;
import org.snakeyaml.engine.v2.nodes.Node;

/** Reads {@code on-failure} (WORKFLOW_FORMAT.md §2.2) of a step, a loop iteration or {@code settings}. */
final class OnFailureParser {

    private final ParseContext ctx;
    private final StepParser steps;

    OnFailureParser(ParseContext ctx, StepParser steps) {
        this.ctx = ctx;
        this.steps = steps;
    }

    /** Null when absent or unusable. */
    OnFailure parse(Node node, String path, boolean inLoop) {
        Fields f = Fields.of(node, path, "'on-failure'", "a mapping with retry, fallback and/or continue",
                ctx.problems);
        if (f == null) {
            return null;
        }
        OnFailure.Retry retry = retry(f);
        List<Step> fallback = List.of();
        if (f.has("fallback")) {
            fallback = steps.list(f, "fallback", true, inLoop);
        }
        Object continueWhen = continueWhen(f);
        return new OnFailure(retry, fallback, continueWhen);
    }

    private OnFailure.Retry retry(Fields parent) {
        Fields f = Fields.of(parent.node("retry"), parent.path("retry"), "'retry'",
                "a mapping with max-attempts and optional delay", ctx.problems);
        if (f == null) {
            return null;
        }
        f.owner("'retry'");
        Long maxAttempts = null;
        if (f.node("max-attempts") == null) {
            f.missing("max-attempts");
        } else {
            maxAttempts = f.integer("max-attempts", 1, Integer.MAX_VALUE);
        }
        String delay = f.duration("delay", false);
        String condition = f.string("condition");
        if (condition != null) {
            ctx.condition(f.node("condition"), f.path("condition"));
        }
        String strategy = f.oneOf("strategy", List.of("fixed", "exponential"), "fixed");
        Double multiplier = f.number("multiplier", 1);
        String maxDelay = f.duration("max-delay", false);
        Boolean jitter = f.bool("jitter");
        if (maxAttempts == null) {
            return null;
        }
        return new OnFailure.Retry(maxAttempts.intValue(), toDuration(delay), condition, strategy,
                multiplier == null ? 2.0 : multiplier, toDuration(maxDelay), Boolean.TRUE.equals(jitter));
    }

    private Object continueWhen(Fields f) {
        Node node = f.node("continue");
        if (node == null) {
            return null;
        }
        Object value = Nodes.value(node);
        if (value instanceof Boolean b) {
            return b ? Boolean.TRUE : null;
        }
        if (value instanceof String) {
            ctx.condition(node, f.path("continue"));
            return value;
        }
        f.wrongType("continue", "true, false or a condition string");
        return null;
    }

    static Duration toDuration(String text) {
        return text == null ? null : Durations.parse(text);
    }
}
