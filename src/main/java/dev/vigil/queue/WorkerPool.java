package dev.vigil.queue;

import dev.vigil.engine.EngineClock;
import dev.vigil.engine.ExecutionRecord;
import dev.vigil.engine.ExecutionStatus;
import dev.vigil.engine.Executor;
import dev.vigil.engine.StepExecution;
import dev.vigil.model.Workflow;
import dev.vigil.parse.ParseResult;
import dev.vigil.parse.WorkflowParser;
import dev.vigil.store.JobStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bounded pool of workers on one node. One loop claims due executions from the store (as many as there are free
 * workers), each runs on its own virtual thread under a lease that a heartbeat extends, and when it ends or
 * pauses the lease is released with the time it is due again. Nothing here assumes a single node: the store's
 * claim hands an execution to one node at a time, and an expired lease (a dead node) makes it due again.
 */
public final class WorkerPool implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WorkerPool.class);

    /**
     * @param workers      executions run at once on this node
     * @param lease        how long a claim holds without a heartbeat (heartbeats every third of it)
     * @param pollInterval how often the loop looks for due work when nobody woke it
     */
    public record Settings(String nodeId, int workers, Duration lease, Duration pollInterval) {
    }

    private final JobStore store;
    private final Executor executor;
    private final WorkflowCache workflows;
    private final EngineClock clock;
    private final Settings settings;
    private final Semaphore free;
    private final Semaphore wakeUp = new Semaphore(0);
    private final List<Consumer<ExecutionRecord>> finishedListeners = new CopyOnWriteArrayList<>();
    private volatile boolean closed;
    private Thread loop;

    public WorkerPool(JobStore store, Executor executor, WorkflowParser parser, EngineClock clock, Settings settings) {
        this.store = store;
        this.executor = executor;
        this.workflows = new WorkflowCache(parser);
        this.clock = clock;
        this.settings = settings;
        this.free = new Semaphore(settings.workers());
    }

    public synchronized void start() {
        if (loop == null) {
            loop = Thread.ofVirtual().name("vigil-claims-" + settings.nodeId()).start(this::claimLoop);
        }
    }

    /**
     * Calls {@code listener} with the final record of every execution that ends on this node (a synchronous
     * webhook answer, metrics). It runs on the worker's thread after the lease is released: keep it short.
     */
    public void onFinished(Consumer<ExecutionRecord> listener) {
        finishedListeners.add(listener);
    }

    /**
     * Takes a free worker for an execution this node is accepting, with the lease to create it under; null when
     * every worker is busy. Follow with {@link #runReserved} once it is stored, or {@link #unreserve}.
     */
    public JobStore.HeldBy reserve() {
        if (closed || !free.tryAcquire()) {
            return null;
        }
        return new JobStore.HeldBy(settings.nodeId(), clock.now().plus(settings.lease()));
    }

    public void unreserve() {
        free.release();
    }

    /** Runs an execution created under this node's lease on the reserved worker. */
    public void runReserved(ExecutionRecord stored) {
        Thread.ofVirtual().name("vigil-run-" + stored.id()).start(() -> {
            try {
                work(stored);
            } finally {
                free.release();
            }
        });
    }

    /** Look for work now (after a submit or an answer) instead of at the next poll. */
    public void wake() {
        wakeUp.release();
    }

    /** Executions running on this node right now. */
    public int busy() {
        return settings.workers() - free.availablePermits();
    }

    private void claimLoop() {
        while (!closed) {
            int claimed = 0;
            try {
                claimed = claimOnce();
            } catch (RuntimeException e) {
                LOG.warn("claiming work failed; retrying", e);
            }
            if (claimed == 0) {
                try {
                    wakeUp.tryAcquire(settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                    wakeUp.drainPermits();
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /** One claim: as many due executions as there are free workers; returns how many started. */
    int claimOnce() {
        int available = free.availablePermits();
        if (available == 0) {
            try {
                free.acquire();
                free.release();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return 0;
        }
        List<ExecutionRecord> due = store.claim(settings.nodeId(), available, clock.now(), settings.lease());
        for (ExecutionRecord execution : due) {
            free.acquireUninterruptibly();
            Thread.ofVirtual().name("vigil-run-" + execution.id()).start(() -> {
                try {
                    work(execution);
                } finally {
                    free.release();
                }
            });
        }
        return due.size();
    }

    private void work(ExecutionRecord claimed) {
        Duration beat = settings.lease().dividedBy(3);
        EngineClock.Scheduled[] heartbeat = new EngineClock.Scheduled[1];
        Runnable beatOnce = new Runnable() {
            @Override
            public void run() {
                switch (store.heartbeat(claimed.id(), settings.nodeId(), clock.now().plus(settings.lease()))) {
                    case HELD -> heartbeat[0] = clock.schedule(beat, this);
                    case CANCEL_REQUESTED -> {
                        executor.cancel(claimed.id());
                        heartbeat[0] = clock.schedule(beat, this);
                    }
                    case LOST -> {
                        LOG.warn("lost the lease of execution {}; another node owns it now", claimed.id());
                        executor.abandon(claimed.id());
                    }
                }
            }
        };
        heartbeat[0] = clock.schedule(beat, beatOnce);
        Instant runAfter = null;
        boolean grouped = false;
        ExecutionRecord finished = null;
        try {
            Ran ran = run(claimed);
            runAfter = wakeTime(ran.result());
            if (ran.result().status().terminal()) {
                finished = ran.result();
                grouped = ran.workflow() != null && ran.workflow().settings().concurrency() != null;
            }
        } catch (RuntimeException e) {
            LOG.error("execution {} could not run", claimed.id(), e);
            runAfter = clock.now().plus(settings.lease());
        } finally {
            heartbeat[0].cancel();
            if (finished == null) {
                store.release(claimed.id(), settings.nodeId(), runAfter);
            }   // else the save of the final record ended the lease
        }
        if (grouped) {
            wake();     // its end may have promoted a queued execution of the same concurrency group
        }
        if (finished != null) {
            for (Consumer<ExecutionRecord> listener : finishedListeners) {
                try {
                    listener.accept(finished);
                } catch (RuntimeException e) {
                    LOG.warn("a listener failed on the end of execution {}", finished.id(), e);
                }
            }
        }
    }

    private record Ran(ExecutionRecord result, Workflow workflow) {
    }

    private Ran run(ExecutionRecord claimed) {
        ParseResult parsed = workflows.get(store.workflowSource(claimed.id()));
        Workflow workflow = WorkflowCache.valid(parsed);
        if (workflow == null) {
            ExecutionRecord failed = claimed.failedBeforeStart(clock.now(), "the stored workflow is not valid: "
                    + WorkflowCache.problems(parsed));
            store.saveExecution(failed);
            return new Ran(failed, null);
        }
        Optional<JobStore.Answer> answer = Optional.empty();
        if (claimed.status() == ExecutionStatus.WAITING_FOR_INPUT) {
            answer = waitingStep(claimed).flatMap(step -> store.answerFor(claimed.id(), step.path()));
        }
        Map<String, Object> payload = answer.map(JobStore.Answer::payload).orElse(null);
        String respondedBy = answer.map(JobStore.Answer::respondedBy).orElse(null);
        return new Ran(executor.continueStored(workflow, claimed, payload, respondedBy), workflow);
    }

    private Optional<StepExecution> waitingStep(ExecutionRecord execution) {
        return store.steps(execution.id()).stream()
                .filter(s -> s.status() == ExecutionStatus.WAITING_FOR_INPUT).findFirst();
    }

    /** When a paused execution is due again: the earliest wait end or human deadline; null when it ended. */
    private Instant wakeTime(ExecutionRecord execution) {
        if (execution.status().terminal()) {
            return null;
        }
        return store.steps(execution.id()).stream()
                .filter(s -> s.status() == ExecutionStatus.WAITING || s.status() == ExecutionStatus.WAITING_FOR_INPUT)
                .map(s -> s.state() == null ? null : s.state().getOrDefault("resumeAt", s.state().get("deadline")))
                .filter(java.util.Objects::nonNull)
                .map(v -> Instant.parse(String.valueOf(v)))
                .min(Instant::compareTo)
                .orElse(execution.status() == ExecutionStatus.RUNNING ? clock.now() : null);
    }

    @Override
    public void close() {
        closed = true;
        wake();
        if (loop != null) {
            loop.interrupt();
        }
    }
}
