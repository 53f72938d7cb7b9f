package dev.vigil.store;

import java.time.Instant;
import java.util.Optional;

/**
 * The slots a scheduled workflow has fired for. Claiming a slot is an insert that only one caller can win (a
 * unique key on workflow and slot), so a slot fires once across restarts and across several nodes.
 */
public interface ScheduleSlots {

    /** Records that {@code workflowId} fires for {@code slot}; false when any node already claimed it. */
    boolean claimSlot(String workflowId, Instant slot, String nodeId);

    /** The latest slot claimed for the workflow, if any. */
    Optional<Instant> lastSlot(String workflowId);
}
