package dev.vigil.workflows;

import static dev.vigil.workflows.WorkflowAction.*;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The one table of allowed actions. A workflow's situation is its state and whether it has a draft: the draft of an
 * active or inactive workflow can be edited, discarded and activated, and only while it exists. Everything not in
 * the table is refused with a {@link WorkflowConflict} that names the state and what is allowed instead.
 */
final class Lifecycle {

    private record Row(Set<WorkflowAction> always, Set<WorkflowAction> withDraft) {
    }

    private static final Map<WorkflowState, Row> TABLE = new EnumMap<>(Map.of(
            // a DRAFT workflow always has its draft; "delete" deletes the workflow, there is no separate discard
            WorkflowState.DRAFT, new Row(EnumSet.of(EDIT_DRAFT, ACTIVATE, DELETE), EnumSet.noneOf(WorkflowAction.class)),
            WorkflowState.ACTIVE, new Row(EnumSet.of(RUN, CREATE_DRAFT, VIEW_ACTIVE, DEACTIVATE, DELETE),
                    EnumSet.of(EDIT_DRAFT, DISCARD_DRAFT, ACTIVATE)),
            WorkflowState.INACTIVE, new Row(EnumSet.of(REACTIVATE, CREATE_DRAFT, DELETE),
                    EnumSet.of(EDIT_DRAFT, DISCARD_DRAFT, ACTIVATE))));

    private Lifecycle() {
    }

    /** The actions allowed on a workflow in {@code state}, with or without a draft beside it. */
    static Set<WorkflowAction> allowed(WorkflowState state, boolean hasDraft) {
        Row row = TABLE.get(state);
        Set<WorkflowAction> allowed = EnumSet.copyOf(row.always());
        if (hasDraft) {
            allowed.addAll(row.withDraft());
        }
        return allowed;
    }

    /** Returns the state after {@code action}, or refuses it. */
    static WorkflowState check(String id, WorkflowState state, boolean hasDraft, WorkflowAction action) {
        Set<WorkflowAction> allowed = allowed(state, hasDraft);
        if (!allowed.contains(action)) {
            String situation = state == WorkflowState.DRAFT || hasDraft ? state.description
                    : state.description + " and has no draft";
            String instead = allowed.stream().map(a -> a.label).collect(Collectors.joining(", "));
            throw new WorkflowConflict(id, state, action, "cannot " + action.verb + " workflow '" + id + "': it is "
                    + situation + "; allowed: " + instead);
        }
        return action.after(state);
    }
}
