package dev.vigil.workflows;

import dev.vigil.parse.Problem;
import java.time.Instant;
import java.util.List;

/**
 * The one editable copy of a workflow. It may be invalid (its problems are kept, each with line and column);
 * then it can be saved and edited, not activated.
 *
 * @param basedOn the version it was created from (a new draft of an active workflow, or a rollback); null for the
 *                first draft of a new workflow
 */
public record Draft(String source, Integer basedOn, List<Problem> problems, Instant createdAt, String createdBy,
                    Instant updatedAt, String updatedBy) {

    public Draft {
        problems = List.copyOf(problems);
    }

    public boolean valid() {
        return problems.isEmpty();
    }

    Draft edited(Described described, Instant at, String actor) {
        return new Draft(described.source(), basedOn, described.problems(), createdAt, createdBy, at, actor);
    }
}
