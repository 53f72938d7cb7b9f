package dev.vigil.parse;

import dev.vigil.model.Workflow;
import java.util.List;

/**
 * What {@link WorkflowParser#parse} found.
 *
 * @param workflow the model, built on a best-effort basis even when there are problems (invalid parts are
 *                 left out or defaulted); null when the document is too broken to build (YAML syntax error,
 *                 not a mapping, too large)
 * @param problems every problem found, ordered by position
 */
public record ParseResult(Workflow workflow, List<Problem> problems) {

    public ParseResult {
        problems = List.copyOf(problems);
    }

    /** True when there is a workflow and no problem at all. */
    public boolean valid() {
        return workflow != null && problems.isEmpty();
    }
}
