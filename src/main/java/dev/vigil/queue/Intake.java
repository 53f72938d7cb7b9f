package dev.vigil.queue;

import dev.vigil.engine.EngineClock;
import dev.vigil.engine.ExecutionRecord;
import dev.vigil.engine.ExecutionStatus;
import dev.vigil.engine.Executor;
import dev.vigil.engine.RunRequest;
import dev.vigil.model.Settings;
import dev.vigil.model.Workflow;
import dev.vigil.store.JobStore;
import java.time.Duration;
import java.time.Instant;

/**
 * Accepts runs: checks the inputs, refuses with {@link Saturated} when the backlog is full, and commits the new
 * execution before returning, so an accepted run is never lost. Workers take it from the store.
 */
public final class Intake {

    private final java.util.List<java.util.function.Consumer<ExecutionRecord>> acceptedListeners =
            new java.util.concurrent.CopyOnWriteArrayList<>();

    /** How long a backlog count serves before it is read again: a count per accepted run would cost a query each. */
    private static final Duration COUNT_TTL = Duration.ofMillis(100);

    private final JobStore store;
    private final Executor executor;
    private final EngineClock clock;
    private final long maxBacklog;
    private final Runnable wakeWorkers;
    private final WorkerPool local;
    private volatile long backlog;
    private volatile Instant backlogReadAt = Instant.MIN;

    /** Accepted runs wait in the store for any node's workers ({@code wakeWorkers} tells this node's to look). */
    public Intake(JobStore store, Executor executor, EngineClock clock, long maxBacklog, Runnable wakeWorkers) {
        this(store, executor, clock, maxBacklog, wakeWorkers, null);
    }

    /**
     * Accepted runs start at once on {@code local} when one of its workers is free: the execution is created
     * already leased to this node, so no claim round trip or poll delay comes between acceptance and the first step.
     * Otherwise they wait in the store like any other.
     */
    public Intake(JobStore store, Executor executor, EngineClock clock, long maxBacklog, WorkerPool local) {
        this(store, executor, clock, maxBacklog, local::wake, local);
    }

    private Intake(JobStore store, Executor executor, EngineClock clock, long maxBacklog, Runnable wakeWorkers,
                   WorkerPool local) {
        this.store = store;
        this.executor = executor;
        this.clock = clock;
        this.maxBacklog = maxBacklog;
        this.wakeWorkers = wakeWorkers;
        this.local = local;
    }

    /**
     * @param source the exact workflow text, stored with the execution so it runs on this version to the end
     * @throws Saturated when {@code maxBacklog} executions are already waiting to start
     * @throws Executor.InvalidInputs when the inputs do not fit the workflow
     */
    /** Calls {@code listener} with every execution this intake accepted (committed), on the submitting thread. */
    public void onAccepted(java.util.function.Consumer<ExecutionRecord> listener) {
        acceptedListeners.add(listener);
    }

    public ExecutionRecord submit(Workflow workflow, String source, RunRequest request) {
        long waiting = backlog();
        if (waiting >= maxBacklog) {
            throw new Saturated(waiting, maxBacklog, Duration.ofSeconds(Math.max(1, waiting / 1000)));
        }
        // runs under a concurrency rule always go through admission and the claim: their place may not be free
        JobStore.HeldBy here = local != null && workflow.settings().concurrency() == null ? local.reserve() : null;
        try {
            ExecutionRecord record = executor.newExecution(workflow, request,
                    here != null ? ExecutionStatus.RUNNING : ExecutionStatus.PENDING);
            ExecutionRecord stored = store.create(record, source, clock.now(), rule(workflow, record), here);
            acceptedListeners.forEach(listener -> listener.accept(stored));
            if (here != null) {
                local.runReserved(stored);
                here = null;
            } else if (stored.status() == ExecutionStatus.PENDING) {
                backlog++;
                wakeWorkers.run();
            }
            return stored;
        } finally {
            if (here != null) {
                local.unreserve();
            }
        }
    }

    /**
     * Executions accepted but not started, read at most every {@link #COUNT_TTL} while far from the limit and on
     * every call near it, so the limit holds exactly where it matters.
     */
    private long backlog() {
        Instant now = clock.now();
        if (backlog >= maxBacklog * 9 / 10 || backlogReadAt.plus(COUNT_TTL).isBefore(now)) {
            backlog = store.count(ExecutionStatus.PENDING, ExecutionStatus.QUEUED);
            backlogReadAt = now;
        }
        return backlog;
    }

    /** The workflow's {@code settings.concurrency} for this execution, key rendered; null when it has none. */
    private JobStore.ConcurrencyRule rule(Workflow workflow, ExecutionRecord record) {
        Settings.Concurrency concurrency = workflow.settings().concurrency();
        if (concurrency == null) {
            return null;
        }
        // the parser filled the defaults (strategy drop, max 1, queue-size 100, queue-ttl 24h)
        return new JobStore.ConcurrencyRule(record.workflowId(), executor.concurrencyKey(workflow, record),
                concurrency.max(), concurrency.strategy(), concurrency.queueSize(), concurrency.queueTtl());
    }
}
