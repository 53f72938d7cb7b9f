package dev.vigil.workflows;

import dev.vigil.parse.Problem;
import java.util.List;

/**
 * A request the workflow cannot take as it is: a bad id, YAML without a name, or the activation of a draft with
 * problems (listed in the message, each with its line and column).
 */
public final class WorkflowInvalid extends WorkflowException {

    private final List<Problem> problems;

    public WorkflowInvalid(String message, List<Problem> problems) {
        super(message);
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
