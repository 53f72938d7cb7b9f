package dev.vigil.schedule;

import dev.vigil.engine.EngineClock;
import dev.vigil.model.Trigger;
import dev.vigil.store.ScheduleSlots;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fires scheduled workflows, each slot once across all nodes. One per node.
 *
 * <p><b>A slot fires</b> when a pass finds a workflow's latest slot at or before now, that slot is after the last
 * one claimed for the workflow and not before its {@code activeSince}, and this node wins the store's claim of it
 * (an insert only one node can make). Only the winner submits. A node, or a whole cluster, that was down therefore
 * fires once, for the latest slot it missed, not once per missed slot.
 *
 * <p><b>At most once per slot.</b> The claim is written before the run is submitted. When the queue is full
 * ({@link dev.vigil.queue.Saturated}) the node keeps the run and submits it again after the queue's
 * {@code retryAfter}, until it is accepted, a newer slot of the workflow is claimed (catch-up only wants the latest,
 * so that run replaces it), or the workflow stops being active; other failures are tried
 * {@link Settings#maxAttempts} times. If the node dies meanwhile, the slot is claimed and has no run: it is lost.
 * Submitting first and claiming after would instead let two racing nodes both run a slot; a lost run is a visible
 * gap and the next slot still comes. Exactly once would need the claim and the new execution in one transaction.
 *
 * <p><b>Time</b> is the injected clock: each pass schedules the next at the earliest coming slot or pending retry,
 * and at most {@link Settings#reread} later, so new and changed workflows are seen that soon even without
 * {@link #wake()}. Passes run on the {@code passes} executor, never on the clock's timer thread, which must not
 * block (SystemClock has one), while a pass talks to the store.
 */
public final class Scheduler implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);

    /**
     * @param nodeId      recorded with each slot this node claims
     * @param reread      the longest time between two reads of the workflow supplier
     * @param retryDelay  wait after a failed pass or a submission that failed other than by a full queue
     * @param maxAttempts submissions of one slot's run that may fail other than by a full queue before it is dropped
     */
    public record Settings(String nodeId, Duration reread, Duration retryDelay, int maxAttempts) {

        public static Settings of(String nodeId) {
            return new Settings(nodeId, Duration.ofSeconds(5), Duration.ofSeconds(5), 5);
        }
    }

    /** What decides a workflow's slots; when it changes, the schedule is built again and looked at at once. */
    private record ScheduleKey(List<Trigger> triggers, String timezone, Instant activeSince) {

        static ScheduleKey of(ScheduledWorkflow wf) {
            String timezone = wf.workflow().settings() == null ? null : wf.workflow().settings().timezone();
            return new ScheduleKey(wf.workflow().triggers(), timezone, wf.activeSince());
        }
    }

    /** A workflow between passes: its schedule (null when it cannot fire) and when its next slot comes. */
    private record Watched(ScheduleKey key, Schedule schedule, Instant checkAt) {
    }

    private final Supplier<? extends Collection<ScheduledWorkflow>> workflows;
    private final ScheduleSlots slots;
    private final EngineClock clock;
    private final Executor passes;
    private final Settings settings;
    private final Map<String, Watched> watched = new HashMap<>();
    private final ClaimedRuns runs;
    private final AtomicBoolean passRequested = new AtomicBoolean();
    private volatile boolean started;
    private volatile boolean closed;
    private EngineClock.Scheduled timer;

    /**
     * @param workflows the active workflows (the workflow manager's view); read on every pass
     * @param passes    where passes run: a virtual thread per task on a server, the calling thread in tests
     */
    public Scheduler(Supplier<? extends Collection<ScheduledWorkflow>> workflows, ScheduleSlots slots,
                     Submitter submitter, EngineClock clock, Executor passes, Settings settings) {
        this.workflows = workflows;
        this.slots = slots;
        this.runs = new ClaimedRuns(submitter, slots, settings.retryDelay(), settings.maxAttempts());
        this.clock = clock;
        this.passes = passes;
        this.settings = settings;
    }

    public void start() {
        started = true;
        wake();
    }

    /** Look at the workflows now (one was saved or enabled) instead of at the next planned pass. */
    public void wake() {
        if (started && !closed && passRequested.compareAndSet(false, true)) {
            passes.execute(this::pass);
        }
    }

    private synchronized void pass() {
        passRequested.set(false);
        if (closed) {
            return;
        }
        Instant now = clock.now();
        Instant wakeAt = now.plus(settings.reread());
        try {
            Map<String, ScheduledWorkflow> active = new LinkedHashMap<>();
            for (ScheduledWorkflow wf : workflows.get()) {
                if (wf.workflow().enabled()) {
                    active.put(wf.workflowId(), wf);
                }
            }
            watched.keySet().retainAll(active.keySet());
            runs.keepOnly(active.keySet());
            for (ScheduledWorkflow wf : active.values()) {
                Instant next = visit(wf, now);
                if (next.isBefore(wakeAt)) {
                    wakeAt = next;
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("reading the scheduled workflows failed; trying again in {}", settings.reread(), e);
        }
        planPassAt(wakeAt);
    }

    /** Fires what is due for one workflow; returns when it needs looking at again. */
    private Instant visit(ScheduledWorkflow wf, Instant now) {
        Watched w = watched(wf);
        if (w.schedule() == null) {
            return Instant.MAX;
        }
        try {
            if (!now.isBefore(w.checkAt())) {
                Optional<Instant> latest = w.schedule().latestAtOrBefore(now);
                if (latest.isPresent()) {
                    fire(wf, latest.get(), now);
                }
                w = new Watched(w.key(), w.schedule(), w.schedule().nextAfter(now).orElse(Instant.MAX));
                watched.put(wf.workflowId(), w);
            }
            runs.retryIfDue(wf, now);
        } catch (RuntimeException e) {
            LOG.warn("scheduling workflow {} failed; trying again in {}", wf.workflowId(), settings.retryDelay(), e);
            return now.plus(settings.retryDelay());
        }
        Instant retry = runs.nextRetry(wf.workflowId());
        return retry.isBefore(w.checkAt()) ? retry : w.checkAt();
    }

    private Watched watched(ScheduledWorkflow wf) {
        ScheduleKey key = ScheduleKey.of(wf);
        Watched known = watched.get(wf.workflowId());
        if (known != null && known.key().equals(key)) {
            return known;
        }
        Schedule schedule = null;
        try {
            schedule = Schedule.of(wf.workflow());
        } catch (IllegalArgumentException e) {
            LOG.error("workflow {} has a schedule that cannot fire: {}", wf.workflowId(), e.getMessage());
        }
        Watched fresh = new Watched(key, schedule, Instant.MIN);
        watched.put(wf.workflowId(), fresh);
        return fresh;
    }

    private void fire(ScheduledWorkflow wf, Instant slot, Instant now) {
        String id = wf.workflowId();
        if (slot.isBefore(wf.activeSince())) {
            return;
        }
        // Not after the last claimed slot: fired already, or a node whose clock is ahead fired a later one (then
        // this older slot must not fire at all). Checking first also saves an insert that would fail.
        Optional<Instant> last = slots.lastSlot(id);
        if (last.isPresent() && !slot.isAfter(last.get())) {
            return;
        }
        if (slots.claimSlot(id, slot, settings.nodeId())) {
            runs.submitClaimed(wf, slot, now);
        }
    }

    private void planPassAt(Instant wakeAt) {
        if (timer != null) {
            timer.cancel();
        }
        if (closed) {
            return;
        }
        Duration delay = Duration.between(clock.now(), wakeAt);
        timer = clock.schedule(delay.isNegative() ? Duration.ZERO : delay, this::wake);
    }

    @Override
    public void close() {
        closed = true;
        synchronized (this) {
            if (timer != null) {
                timer.cancel();
            }
        }
    }
}
