package dev.vigil.schedule;

import dev.vigil.queue.Saturated;
import dev.vigil.store.ScheduleSlots;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runs of slots this node claimed: each is submitted, and one the queue did not accept is kept and submitted
 * again. At most one per workflow is kept: a newer claimed slot replaces it, since catch-up only wants the latest.
 * Kept in memory only; see {@link Scheduler} for why a slot whose node dies before its run is accepted is lost.
 */
final class ClaimedRuns {

    private static final Logger LOG = LoggerFactory.getLogger(ClaimedRuns.class);

    /**
     * @param failures submissions that failed other than by a full queue, counted against {@code maxAttempts}
     * @param due      when to submit again
     */
    private record Pending(Instant slot, int failures, Instant due) {
    }

    private final Submitter submitter;
    private final ScheduleSlots slots;
    private final Duration retryDelay;
    private final int maxAttempts;
    private final Map<String, Pending> pending = new HashMap<>();

    ClaimedRuns(Submitter submitter, ScheduleSlots slots, Duration retryDelay, int maxAttempts) {
        this.submitter = submitter;
        this.slots = slots;
        this.retryDelay = retryDelay;
        this.maxAttempts = maxAttempts;
    }

    /** Submits the run of a slot just claimed, replacing a kept run of an older slot of the workflow. */
    void submitClaimed(ScheduledWorkflow wf, Instant slot, Instant now) {
        Pending replaced = pending.remove(wf.workflowId());
        if (replaced != null) {
            replaced(wf.workflowId(), replaced, slot);
        }
        submit(wf, slot, 0, now);
    }

    /** Submits the workflow's kept run again if it is due, unless a newer slot was claimed meanwhile (any node). */
    void retryIfDue(ScheduledWorkflow wf, Instant now) {
        String id = wf.workflowId();
        Pending run = pending.get(id);
        if (run == null || now.isBefore(run.due())) {
            return;
        }
        Optional<Instant> last = slots.lastSlot(id);
        if (last.isPresent() && last.get().isAfter(run.slot())) {
            pending.remove(id);
            replaced(id, run, last.get());
            return;
        }
        submit(wf, run.slot(), run.failures(), now);
    }

    /** When the workflow's kept run is due; {@link Instant#MAX} when none is kept. */
    Instant nextRetry(String workflowId) {
        Pending run = pending.get(workflowId);
        return run == null ? Instant.MAX : run.due();
    }

    /** Drops the kept runs of workflows that are no longer active: they must not run any more. */
    void keepOnly(Set<String> activeIds) {
        pending.entrySet().removeIf(e -> {
            boolean gone = !activeIds.contains(e.getKey());
            if (gone) {
                LOG.info("workflow {} is no longer active; its run for slot {} is dropped", e.getKey(),
                        e.getValue().slot());
            }
            return gone;
        });
    }

    private void submit(ScheduledWorkflow wf, Instant slot, int failures, Instant now) {
        String id = wf.workflowId();
        try {
            submitter.submit(wf.workflow(), wf.source(), wf.runFor(slot));
            pending.remove(id);
            LOG.info("workflow {} fired for slot {}", id, slot);
        } catch (Saturated e) {
            pending.put(id, new Pending(slot, failures, now.plus(e.retryAfter())));
            LOG.warn("workflow {}: the queue is full; submitting the run for slot {} again in {} s", id, slot,
                    e.retryAfter().toSeconds());
        } catch (RuntimeException e) {
            if (failures + 1 >= maxAttempts) {
                pending.remove(id);
                LOG.error("workflow {}: the run for slot {} failed {} times and is dropped", id, slot, failures + 1, e);
            } else {
                pending.put(id, new Pending(slot, failures + 1, now.plus(retryDelay)));
                LOG.warn("workflow {}: submitting the run for slot {} failed; trying again in {}", id, slot,
                        retryDelay, e);
            }
        }
    }

    private static void replaced(String workflowId, Pending run, Instant newer) {
        LOG.warn("workflow {}: the run for slot {} was never accepted; slot {} replaces it", workflowId, run.slot(),
                newer);
    }
}
