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

/**
 * Accepts runs: checks the inputs, refuses with {@link Saturated} when the backlog is full, and commits the new
 * execution before returning, so an accepted run is never lost. Workers take it from the store.
 */
public final class Intake {

    private final JobStore store;
    private final Executor executor;
    private final EngineClock clock;
    private final long maxBacklog;
    private final Runnable wakeWorkers;

    public Intake(JobStore store, Executor executor, EngineClock clock, long maxBacklog, Runnable wakeWorkers) {
        this.store = store;
        this.executor = executor;
        this.clock = clock;
        this.maxBacklog = maxBacklog;
        this.wakeWorkers = wakeWorkers;
    }

    /**
     * @param source the exact workflow text, stored with the execution so it runs on this version to the end
     * @throws Saturated when {@code maxBacklog} executions are already waiting to start
     * @throws Executor.InvalidInputs when the inputs do not fit the workflow
     */
    public ExecutionRecord submit(Workflow workflow, String source, RunRequest request) {
        long backlog = store.count(ExecutionStatus.PENDING, ExecutionStatus.QUEUED);
        if (backlog >= maxBacklog) {
            throw new Saturated(backlog, maxBacklog, Duration.ofSeconds(Math.max(1, backlog / 1000)));
        }
        ExecutionRecord record = executor.newExecution(workflow, request, ExecutionStatus.PENDING);
        ExecutionRecord stored = store.create(record, source, clock.now(), rule(workflow, record));
        if (stored.status() == ExecutionStatus.PENDING) {
            wakeWorkers.run();
        }
        return stored;
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
