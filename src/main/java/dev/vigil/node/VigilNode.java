package dev.vigil.node;

import dev.vigil.Vigil;
import dev.vigil.engine.EngineClock;
import dev.vigil.engine.Executor;
import dev.vigil.engine.WorkflowResolver;
import dev.vigil.queue.Intake;
import dev.vigil.queue.WorkerPool;
import dev.vigil.store.JdbcJobStore;
import dev.vigil.store.JobStore;
import dev.vigil.store.HistoryRetention;
import dev.vigil.schedule.ScheduledWorkflow;
import dev.vigil.schedule.Scheduler;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * One Vigil node: the durable store, the executor writing through it, the intake that accepts runs, the pool of
 * workers that runs them, the scheduler of scheduled triggers and the background purge of old history. The
 * worker command runs one; the server adds its API on top. Several nodes may share one PostgreSQL database.
 */
public final class VigilNode implements AutoCloseable {

    /**
     * @param jdbcUrl    where jobs live: {@code jdbc:sqlite:FILE} (embedded) or {@code jdbc:postgresql://...}
     * @param maxBacklog runs accepted but not started beyond which intake answers "saturated"
     */
    public record Config(String jdbcUrl, String nodeId, int workers, Duration lease, Duration pollInterval,
                         long maxBacklog, HistoryRetention.Policy retention) {
    }

    private final JdbcJobStore store;
    private final ObservedJournal journal;
    private final Executor executor;
    private final WorkerPool workers;
    private final Intake intake;
    private final HistoryRetention retention;
    private final Scheduler scheduler;

    /** A node with no scheduled workflows (a worker; tests). */
    public VigilNode(Vigil vigil, Config config, EngineClock clock, WorkflowResolver resolver) {
        this(vigil, config, clock, resolver, List::of);
    }

    /**
     * @param scheduled the active workflows with scheduled triggers (the workflow manager's view), read on every
     *                  pass of the scheduler
     */
    public VigilNode(Vigil vigil, Config config, EngineClock clock, WorkflowResolver resolver,
                     Supplier<? extends Collection<ScheduledWorkflow>> scheduled) {
        JdbcJobStore jdbc = JdbcJobStore.open(config.jdbcUrl());
        this.store = jdbc;
        this.journal = new ObservedJournal(store);
        this.executor = vigil.executor(clock, journal, resolver);
        this.workers = new WorkerPool(store, executor, vigil.parser(), clock,
                new WorkerPool.Settings(config.nodeId(), config.workers(), config.lease(), config.pollInterval()));
        this.intake = new Intake(store, executor, clock, config.maxBacklog(), workers);
        this.retention = new HistoryRetention(store, clock, config.retention());
        this.scheduler = new Scheduler(scheduled, jdbc, (workflow, source, request) ->
                intake.submit(workflow, source, request), clock, Executors.newVirtualThreadPerTaskExecutor(),
                Scheduler.Settings.of(config.nodeId()));
    }

    public VigilNode start() {
        workers.start();
        retention.start();
        scheduler.start();
        return this;
    }

    public JobStore store() {
        return store;
    }

    /** The store as its JDBC self, for the other stores that share its database (workflows, keys, alerts). */
    public JdbcJobStore database() {
        return store;
    }

    /** Calls {@code listener} with every step this node's executor ends (completed, failed, skipped...). */
    public void onStepEnded(java.util.function.Consumer<dev.vigil.engine.StepExecution> listener) {
        journal.onStepEnded(listener);
    }

    /**
     * Calls {@code listener} with every step this node's executor saves waiting for a person (decision, approval,
     * input), after the save is durable. It runs on the worker's thread: keep it short.
     */
    public void onStepWaiting(java.util.function.Consumer<dev.vigil.engine.StepExecution> listener) {
        journal.onStepWaiting(listener);
    }

    public Executor executor() {
        return executor;
    }

    public Intake intake() {
        return intake;
    }

    public WorkerPool workers() {
        return workers;
    }

    @Override
    public void close() {
        scheduler.close();
        retention.close();
        workers.close();
        store.close();
    }
}
