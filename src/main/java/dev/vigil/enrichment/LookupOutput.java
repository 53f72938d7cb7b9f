package dev.vigil.enrichment;

import dev.vigil.engine.ExecutionRecord;
import dev.vigil.engine.StepExecution;
import java.util.List;

/**
 * The output an enrichment keeps of a run, by the rule {@code workflow.execute} uses for a child's result
 * (WORKFLOW_FORMAT.md §3.7): the values of {@code workflow.output}, else the output of the last top-level step. An
 * indicator workflow that is one {@code http} step needs no {@code workflow.output} to be useful.
 */
final class LookupOutput {

    private LookupOutput() {
    }

    /** @param steps the run's step executions in start order */
    static Object of(ExecutionRecord job, List<StepExecution> steps) {
        if (job.output() != null) {
            return job.output();
        }
        for (StepExecution step : steps.reversed()) {
            if (!step.path().contains("/")) { // nested paths hold a '/': loop[2]/enrich
                return step.output();
            }
        }
        return null;
    }
}
