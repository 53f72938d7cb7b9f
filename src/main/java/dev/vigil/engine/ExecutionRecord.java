package dev.vigil.engine;

import java.time.Instant;
import java.util.Map;

/**
 * One run of a workflow (WORKFLOW_FORMAT.md §6.5) as a snapshot. Step executions and logs are kept by the
 * journal beside it.
 *
 * @param triggeredBy manual, scheduled, alert, workflow-step or an event type
 * @param executedBy  who or what started it (user, API key name, "cli")
 * @param inputs      inputs after default filling
 * @param output      values set by {@code workflow.output}, or null
 */
public record ExecutionRecord(String id, String workflowId, String workflowName, ExecutionStatus status,
                              String triggeredBy, String executedBy, boolean testRun, Instant createdAt,
                              Instant startedAt, Instant finishedAt, Map<String, Object> inputs, Object event,
                              Object output, Map<String, Object> error, Map<String, Object> metadata) {

    public Long durationMs() {
        return startedAt == null || finishedAt == null ? null : finishedAt.toEpochMilli() - startedAt.toEpochMilli();
    }

    /** The record when a queued execution starts: {@code startedAt} is the moment work began, not creation. */
    ExecutionRecord started(ExecutionStatus newStatus, Instant at) {
        return new ExecutionRecord(id, workflowId, workflowName, newStatus, triggeredBy, executedBy, testRun,
                createdAt, at, null, inputs, event, output, error, metadata);
    }

    /** The record of an execution that could not start (e.g. its stored workflow no longer parses). */
    public ExecutionRecord failedBeforeStart(Instant at, String message) {
        return new ExecutionRecord(id, workflowId, workflowName, ExecutionStatus.FAILED, triggeredBy, executedBy,
                testRun, createdAt, startedAt, at, inputs, event, output,
                Map.of("type", "Error", "message", message), metadata);
    }

    ExecutionRecord with(ExecutionStatus newStatus, Instant finished, Object newOutput, Map<String, Object> newError) {
        return new ExecutionRecord(id, workflowId, workflowName, newStatus, triggeredBy, executedBy, testRun,
                createdAt, startedAt, finished, inputs, event, newOutput, newError, metadata);
    }
}
