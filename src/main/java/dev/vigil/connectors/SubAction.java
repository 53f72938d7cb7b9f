package dev.vigil.connectors;

import dev.vigil.steps.StepFailure;
import java.util.Map;

/** One sub-action of a connector type ({@code Y} of {@code X.Y}): the call in, the step's output back. */
@FunctionalInterface
public interface SubAction {

    Object run(ConnectorCall call) throws StepFailure;

    /** Runs the call's sub-action from a type's table, or fails naming the ones {@code service} has. */
    static Object dispatch(Map<String, SubAction> actions, ConnectorCall call, String service)
            throws StepFailure {
        SubAction action = actions.get(call.subAction());
        if (action == null) {
            throw call.failure("unknown sub-action '" + call.subAction() + "'; " + service + " has "
                    + String.join(", ", actions.keySet()));
        }
        return action.run(call);
    }
}
