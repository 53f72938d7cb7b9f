package dev.vigil.workflows;

/**
 * What a person (or the server) asks of a workflow. Which action is allowed in which state is {@link Lifecycle}'s
 * table, nowhere else.
 */
public enum WorkflowAction {
    RUN("run", "run", null),
    CREATE_DRAFT("create a draft of", "create a draft", null),
    EDIT_DRAFT("edit the draft of", "edit the draft", null),
    DISCARD_DRAFT("discard the draft of", "discard the draft", null),
    ACTIVATE("activate", "activate", WorkflowState.ACTIVE),
    VIEW_ACTIVE("view the active version of", "view the active version", null),
    DEACTIVATE("deactivate", "deactivate", WorkflowState.INACTIVE),
    REACTIVATE("reactivate", "reactivate", WorkflowState.ACTIVE),
    DELETE("delete", "delete", null);

    /** The verb as it reads in a refusal: "cannot {verb} workflow 'x'". */
    final String verb;
    /** The action as it reads in a list of what is allowed instead. */
    final String label;
    /** The state after the action, or null when the action leaves the state as it was. */
    final WorkflowState target;

    WorkflowAction(String verb, String label, WorkflowState target) {
        this.verb = verb;
        this.label = label;
        this.target = target;
    }

    /** The state after this action on a workflow in {@code from}. */
    public WorkflowState after(WorkflowState from) {
        return target == null ? from : target;
    }
}
