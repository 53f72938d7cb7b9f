package dev.vigil.workflows;

/** Where a workflow is in its lifecycle (docs/architecture.md, "Workflow lifecycle"). */
public enum WorkflowState {
    /** Never activated: only a draft exists. */
    DRAFT("a draft"),
    /** Has an active version, which creates jobs when triggered. */
    ACTIVE("active"),
    /** Retired; its last active version can be reactivated. */
    INACTIVE("inactive");

    /** How a refusal describes the state: "it is a draft", "it is active". */
    final String description;

    WorkflowState(String description) {
        this.description = description;
    }
}
