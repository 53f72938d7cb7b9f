package dev.vigil.workflows;

/** An action the workflow's state does not allow (see {@link Lifecycle}). */
public final class WorkflowConflict extends WorkflowException {

    private final String workflowId;
    private final WorkflowState state;
    private final WorkflowAction action;

    WorkflowConflict(String workflowId, WorkflowState state, WorkflowAction action, String message) {
        super(message);
        this.workflowId = workflowId;
        this.state = state;
        this.action = action;
    }

    public String workflowId() {
        return workflowId;
    }

    public WorkflowState state() {
        return state;
    }

    public WorkflowAction action() {
        return action;
    }
}
