package dev.vigil.engine;

import java.util.Map;

/**
 * What starts a run.
 *
 * @param workflowId  id of the stored workflow, or a file name for CLI runs
 * @param inputs      manual/child inputs before default filling (never null)
 * @param event       the trigger payload, or null for manual runs
 * @param triggeredBy manual, scheduled, alert, workflow-step, or an event type
 * @param executedBy  who or what started it
 * @param pins        pinned step results by step name
 * @param offline     when true no step that reaches an outside system is sent: pins, else a stand-in {@code {}}
 * @param parent      the calling execution for {@code workflow.execute}, or null
 */
public record RunRequest(String workflowId, Map<String, Object> inputs, Object event, String triggeredBy,
                         String executedBy, boolean testRun, Map<String, Object> metadata, Map<String, Pin> pins,
                         boolean offline, Parent parent) {

    public RunRequest {
        inputs = inputs == null ? Map.of() : inputs;
        metadata = metadata == null ? Map.of() : metadata;
        pins = pins == null ? Map.of() : Map.copyOf(pins);
    }

    public record Parent(String workflowId, String executionId, int depth) {
    }

    public static RunRequest manual(String workflowId, Map<String, Object> inputs, String executedBy) {
        return new RunRequest(workflowId, inputs, null, "manual", executedBy, false, null, null, false, null);
    }

    /** The request a stored execution was made from (pins and offline runs are never stored). */
    public static RunRequest of(ExecutionRecord record) {
        return new RunRequest(record.workflowId(), record.inputs(), record.event(), record.triggeredBy(),
                record.executedBy(), record.testRun(), record.metadata(), null, false, null);
    }

    public RunRequest withPins(Map<String, Pin> newPins, boolean newOffline) {
        return new RunRequest(workflowId, inputs, event, triggeredBy, executedBy, testRun, metadata, newPins,
                newOffline, parent);
    }

    public RunRequest withEvent(Object newEvent, String newTriggeredBy) {
        return new RunRequest(workflowId, inputs, newEvent, newTriggeredBy, executedBy, testRun, metadata, pins,
                offline, parent);
    }
}
