package dev.vigil.connectors;

import dev.vigil.steps.StepFailure;
import java.util.Map;

/**
 * Kibana's case-management connectors ({@code .jira}, {@code .servicenow} ...) take one params object
 * {@code {subAction, subActionParams}}. The step form {@code jira} (no dot) passes that object as it is
 * (WORKFLOW_FORMAT.md §3.12), so a connector type that accepts it turns it into the call {@code jira.<subAction>}
 * would have been.
 */
public final class KibanaSubActions {

    private KibanaSubActions() {
    }

    /**
     * The call for {@code params.subAction} with {@code params.subActionParams} as its params.
     *
     * @throws StepFailure when {@code with.subAction} is missing or not a string
     */
    public static ConnectorCall unwrap(ConnectorCall call) throws StepFailure {
        String subAction = call.text("subAction");
        if (subAction == null) {
            throw call.failure("with.subAction is required (Kibana's {subAction, subActionParams} form), or name the"
                    + " sub-action in the step type: " + call.connector().type() + ".<subAction>");
        }
        Map<String, Object> params = call.map("subActionParams");
        return new ConnectorCall(call.connector(), subAction, params == null ? Map.of() : params, call.http(),
                call.logger(), call.idempotencyKey());
    }
}
