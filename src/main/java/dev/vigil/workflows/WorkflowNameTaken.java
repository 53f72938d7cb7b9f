package dev.vigil.workflows;

/** Another workflow that is not deleted already has this name (or this id). */
public final class WorkflowNameTaken extends WorkflowException {

    public WorkflowNameTaken(String message) {
        super(message);
    }

    /** Another live workflow, {@code otherId}, is named {@code name}. */
    public static WorkflowNameTaken of(String name, String otherId) {
        return new WorkflowNameTaken("a workflow named '" + name + "' already exists (" + otherId
                + "): workflow names are unique; rename this one, or edit that one");
    }
}
