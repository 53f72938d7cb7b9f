package dev.vigil.workflows;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where workflows are kept (implemented by {@code dev.vigil.store.JdbcWorkflowStore}). The manager decides; the
 * store only keeps, each write in one transaction. Every write of a workflow's row refuses, with
 * {@link WorkflowNameTaken}, a name another live workflow has.
 */
public interface WorkflowStore {

    /** The workflow, soft-deleted ones included. */
    Optional<WorkflowRecord> workflow(String id);

    Optional<Draft> draft(String id);

    /** The id of the live workflow with this name. */
    Optional<String> idByName(String name);

    /** Every version, oldest first. */
    List<WorkflowVersion> versions(String id);

    Optional<WorkflowVersion> version(String id, int number);

    /** The live workflows matching the query, one page. */
    WorkflowPage<WorkflowRecord> list(WorkflowQuery query);

    /** The active version of every ACTIVE, live workflow. */
    List<WorkflowVersion> activeVersions();

    /** Stores a new workflow with its first draft; refuses an id that exists (even deleted) or a name taken. */
    void create(WorkflowRecord workflow, Draft draft);

    /** Updates the workflow's row. */
    void update(WorkflowRecord workflow);

    /** Updates the row and creates or replaces the draft. */
    void saveDraft(WorkflowRecord workflow, Draft draft);

    /** Updates the row and removes the draft. */
    void discardDraft(WorkflowRecord workflow);

    /**
     * Turns the draft into the next version and makes it the active one: the previous active version is marked
     * replaced, the draft removed, and the row (with its active version set) saved. Returns the new number.
     */
    int activateDraft(WorkflowRecord workflow, Instant at, String actor);

    /** Removes the workflow with its draft and every version. */
    void delete(String id);
}
