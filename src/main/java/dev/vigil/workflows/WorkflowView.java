package dev.vigil.workflows;

import dev.vigil.parse.Problem;
import java.time.Instant;
import java.util.List;

/**
 * A workflow as the manager shows it.
 *
 * @param enabled  true when ACTIVE, as Kibana calls it
 * @param draft    the draft, or null when there is none
 * @param valid    whether what would be activated next (the draft, else the active version) has no problems
 * @param problems the draft's validation problems
 */
public record WorkflowView(String id, String name, String description, List<String> tags, WorkflowState state,
                          boolean enabled, Integer activeVersion, Draft draft, boolean valid, List<Problem> problems,
                          Instant createdAt, String createdBy, Instant updatedAt, String updatedBy) {

    public WorkflowView {
        tags = List.copyOf(tags);
        problems = List.copyOf(problems);
    }

    static WorkflowView of(WorkflowRecord w, Draft draft) {
        List<Problem> problems = draft == null ? List.of() : draft.problems();
        return new WorkflowView(w.id(), w.name(), w.description(), w.tags(), w.state(),
                w.state() == WorkflowState.ACTIVE, w.activeVersion(), draft, problems.isEmpty(), problems,
                w.createdAt(), w.createdBy(), w.updatedAt(), w.updatedBy());
    }
}
