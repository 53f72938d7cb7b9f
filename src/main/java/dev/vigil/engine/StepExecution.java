package dev.vigil.engine;

import java.time.Instant;
import java.util.Map;

/**
 * One run of one step (WORKFLOW_FORMAT.md §6.5). Immutable snapshot; the executor writes a new one to the
 * journal when the step starts, waits and finishes.
 *
 * @param path     scope path, unique in the execution: {@code loop[2]/enrich} (iteration 2 of loop), with
 *                 {@code #n} for retry attempt n ({@code enrich#1}); the replay key of the step
 * @param index    global execution index (order in which steps started)
 * @param attempt  0 for the first run, n for the n-th retry
 * @param state    container state (foreach items/index/total, while iteration, wait resumeAt ...), or null
 * @param mocked   true when the output came from a pin or an offline stand-in rather than the step's action
 */
public record StepExecution(String id, String executionId, String path, String name, String type,
                            ExecutionStatus status, int index, int attempt, Instant startedAt, Instant finishedAt,
                            Object input, Object output, Map<String, Object> error, Map<String, Object> state,
                            boolean mocked) {

    public Long durationMs() {
        return startedAt == null || finishedAt == null ? null : finishedAt.toEpochMilli() - startedAt.toEpochMilli();
    }

    StepExecution finish(ExecutionStatus newStatus, Instant at, Object newOutput, Map<String, Object> newError,
                         Map<String, Object> newState, boolean isMocked) {
        return new StepExecution(id, executionId, path, name, type, newStatus, index, attempt, startedAt, at,
                input, newOutput, newError, newState, isMocked);
    }

    StepExecution withInput(Object newInput) {
        return new StepExecution(id, executionId, path, name, type, status, index, attempt, startedAt, finishedAt,
                newInput, output, error, state, mocked);
    }

    StepExecution waiting(ExecutionStatus waitStatus, Map<String, Object> newState) {
        return new StepExecution(id, executionId, path, name, type, waitStatus, index, attempt, startedAt, null,
                input, null, null, newState, false);
    }
}
