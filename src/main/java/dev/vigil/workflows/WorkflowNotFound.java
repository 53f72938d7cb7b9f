package dev.vigil.workflows;

/** No workflow (or no such version of it) exists, or it was deleted. */
public final class WorkflowNotFound extends WorkflowException {

    public WorkflowNotFound(String message) {
        super(message);
    }
}
