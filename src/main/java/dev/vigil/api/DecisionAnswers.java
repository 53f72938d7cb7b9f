package dev.vigil.api;

import dev.vigil.engine.Decision;
import dev.vigil.engine.StepExecution;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks an answer to a {@code decision} step before it is recorded, so a refused answer never wins: the caller
 * must be one of the step's approvers (when it lists any) and the choice one of its options. The step's recorded
 * input (the rendered {@code with}) holds both.
 */
final class DecisionAnswers {

    private DecisionAnswers() {
    }

    /** The payload to record: {@code {choice, channel, respondedAt}}; throws 403 or 400 when refused. */
    static Map<String, Object> check(Caller caller, StepExecution step, Map<String, Object> answer, Instant now) {
        List<String> approvers = Decision.approvers(step.input());
        if (!approvers.isEmpty() && !approves(approvers, caller)) {
            throw new ApiError(403, "forbidden", "the key '" + caller.name() + "' may not answer decision '"
                    + step.name() + "'; its approvers are " + String.join(", ", approvers),
                    Map.of("approvers", approvers));
        }
        List<String> options = Decision.optionIds(step.input());
        Object choice = answer.get("choice");
        if (!(choice instanceof String id) || !options.contains(id)) {
            throw ApiError.badRequest("decision '" + step.name() + "' takes a choice among " + String.join(", ",
                    options) + "; got " + (choice == null ? "none" : "'" + choice + "'"),
                    Map.of("field", "input.choice", "options", options));
        }
        Object channel = answer.get("channel");
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("choice", id);
        payload.put("channel", channel instanceof String c && !c.isBlank() ? c : Decision.API_CHANNEL);
        payload.put("respondedAt", now.toString());
        return payload;
    }

    /** Whether the caller is among the decision's approvers (any caller, when it lists none). */
    static boolean mayAnswer(StepExecution step, Caller caller) {
        List<String> approvers = Decision.approvers(step.input());
        return approvers.isEmpty() || approves(approvers, caller);
    }

    private static boolean approves(List<String> approvers, Caller caller) {
        return approvers.contains("apikey:" + caller.name()) || approvers.contains("user:" + caller.name())
                || approvers.contains("role:" + caller.role());
    }
}
