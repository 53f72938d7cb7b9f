package dev.vigil.schedule;

import dev.vigil.engine.RunRequest;
import dev.vigil.model.Workflow;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A workflow the scheduler watches, as the workflow manager supplies it.
 *
 * @param source      the exact workflow text, stored with each execution (Intake)
 * @param activeSince when this workflow (this version of it) became active: it never fires for an earlier slot, so
 *                    enabling or saving a workflow does not run it for a slot that passed before
 */
public record ScheduledWorkflow(String workflowId, Workflow workflow, String source, Instant activeSince) {

    public ScheduledWorkflow {
        Objects.requireNonNull(workflowId, "workflowId");
        Objects.requireNonNull(workflow, "workflow");
        Objects.requireNonNull(activeSince, "activeSince");
    }

    /** Who scheduled runs are executed by (the execution record's {@code executedBy}). */
    public static final String EXECUTED_BY = "scheduler";

    /**
     * The run for one slot. The event is the format's scheduled payload {@code {spaceId}} (WORKFLOW_FORMAT.md §6.4)
     * plus {@code type} and {@code scheduledAt}, the slot as an ISO instant: a run that started late (catch-up, a
     * full queue) still knows which slot it stands for.
     */
    RunRequest runFor(Instant slot) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("spaceId", "default");
        event.put("type", "scheduled");
        event.put("scheduledAt", slot.toString());
        return new RunRequest(workflowId, Map.of(), event, "scheduled", EXECUTED_BY, false, null, null, false, null);
    }
}
