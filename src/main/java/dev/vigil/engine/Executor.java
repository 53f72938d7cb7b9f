package dev.vigil.engine;

import dev.vigil.model.Workflow;
import dev.vigil.steps.StepRegistry;
import dev.vigil.template.TemplateEngine;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts, resumes and cancels executions. It knows nothing of how records are stored: everything goes through
 * the {@link ExecutionJournal}. A run executes on the calling thread (callers use virtual threads) until it
 * ends or pauses; a paused run holds no thread and resumes by {@link #resume}.
 */
public final class Executor {

    private static final Logger LOG = LoggerFactory.getLogger(Executor.class);

    final StepRegistry registry;
    final TemplateEngine templates;
    final Conditions conditions;
    final EngineClock clock;
    final ExecutionJournal journal;
    final WorkflowResolver resolver;
    private final Map<String, Run> live = new ConcurrentHashMap<>();

    public Executor(StepRegistry registry, TemplateEngine templates, EngineClock clock, ExecutionJournal journal,
                    WorkflowResolver resolver) {
        this.registry = registry;
        this.templates = templates;
        this.conditions = new Conditions(templates);
        this.clock = clock;
        this.journal = journal;
        this.resolver = resolver;
    }

    /** Inputs that do not fit the workflow's input schema; nothing was started. */
    public static final class InvalidInputs extends IllegalArgumentException {
        private final List<String> problems;

        public InvalidInputs(List<String> problems) {
            super("invalid inputs: " + String.join("; ", problems));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }

    /** Creates an execution and runs it until it ends or pauses. */
    public ExecutionRecord run(Workflow workflow, RunRequest request) {
        ExecutionRecord record = newExecution(workflow, request, ExecutionStatus.RUNNING);
        journal.saveExecution(record);
        return execute(new Run(this, workflow, request, record, List.of(), null));
    }

    /**
     * A new execution record for {@code request}, inputs checked and defaults filled, not yet saved: a queue
     * stores it ({@code pending}) and a worker runs it later with {@link #continueStored}.
     *
     * @throws InvalidInputs when the inputs do not fit the workflow's input schema
     */
    public ExecutionRecord newExecution(Workflow workflow, RunRequest request, ExecutionStatus status) {
        InputDefaults.Filled filled = InputDefaults.fill(workflow.inputs(), request.inputs());
        if (!filled.problems().isEmpty()) {
            throw new InvalidInputs(filled.problems());
        }
        var now = clock.now();
        return new ExecutionRecord(Ids.next(now.toEpochMilli()), request.workflowId(), workflow.name(), status,
                request.triggeredBy(), request.executedBy(), request.testRun(), now, now, null, filled.inputs(),
                request.event(), null, null, request.metadata());
    }

    /**
     * Runs a stored execution from where its records leave it (nothing done yet, a passed wait, an answered
     * question, or a node that died mid-run) until it ends or pauses again.
     */
    public ExecutionRecord continueStored(Workflow workflow, ExecutionRecord stored, Map<String, Object> answer,
                                          String respondedBy) {
        if (stored.status().terminal()) {
            return stored;
        }
        ExecutionRecord running = switch (stored.status()) {
            case PENDING, QUEUED -> stored.started(ExecutionStatus.RUNNING, clock.now());
            case RUNNING -> stored;     // accepted running on this node, or a dead node's run: already saved as running
            default -> stored.with(ExecutionStatus.RUNNING, null, null, null);
        };
        if (running != stored) {
            journal.saveExecution(running);
        }
        Run.Resume resume = answer == null ? null : new Run.Resume(answer, respondedBy);
        return execute(new Run(this, workflow, RunRequest.of(running), running, journal.steps(stored.id()), resume));
    }

    /**
     * Runs in this process until the execution ends or waits for a person: timer waits (long {@code wait}s,
     * retry delays) are slept through on the engine clock. For the CLI and tests; the server's scheduler wakes
     * paused runs instead.
     */
    public ExecutionRecord runInProcess(Workflow workflow, RunRequest request) {
        ExecutionRecord record = run(workflow, request);
        while (record.status() == ExecutionStatus.WAITING) {
            java.time.Instant wake = journal.steps(record.id()).stream()
                    .filter(s -> s.status() == ExecutionStatus.WAITING && s.state() != null)
                    .map(s -> java.time.Instant.parse(String.valueOf(s.state().get("resumeAt"))))
                    .min(java.util.Comparator.naturalOrder())
                    .orElse(clock.now());
            try {
                clock.sleep(java.time.Duration.between(clock.now(), wake));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return record;
            }
            record = resume(workflow, request, record.id(), null, null);
        }
        return record;
    }

    /** Continues a paused execution: a passed wait, or a human answer to the step waiting for input. */
    public ExecutionRecord resume(Workflow workflow, RunRequest request, String executionId,
                                  Map<String, Object> answer, String respondedBy) {
        ExecutionRecord record = journal.execution(executionId)
                .orElseThrow(() -> new IllegalArgumentException("no execution " + executionId));
        if (record.status().terminal()) {
            return record;
        }
        Run.Resume resume = answer == null ? null : new Run.Resume(answer, respondedBy);
        ExecutionRecord running = record.with(ExecutionStatus.RUNNING, null, null, null);
        journal.saveExecution(running);
        return execute(new Run(this, workflow, request, running, journal.steps(executionId), resume));
    }

    /**
     * The rendered {@code settings.concurrency.key} of a new execution, against the same context its steps will
     * see (event, inputs, workflow, execution). Missing variables and template errors give {@code ""}, as Kibana
     * does, so a bad key groups runs together rather than losing them.
     */
    public String concurrencyKey(Workflow workflow, ExecutionRecord record) {
        var concurrency = workflow.settings().concurrency();
        if (concurrency == null || concurrency.key() == null) {
            return "";
        }
        Run run = new Run(this, workflow, RunRequest.of(record), record, List.of(), null);
        try {
            return templates.render(concurrency.key(), run.context(Scope.root(Thread.currentThread())), run.limits);
        } catch (dev.vigil.template.TemplateException e) {
            LOG.warn("concurrency key of workflow {} did not render ({}); using \"\"", workflow.name(), e.getMessage());
            return "";
        }
    }

    /** Asks a live run to stop; its running step is interrupted and the execution ends cancelled. */
    public boolean cancel(String executionId) {
        Run run = live.get(executionId);
        if (run == null) {
            return false;
        }
        run.cancelRequested = true;
        Thread thread = run.thread;
        if (thread != null) {
            thread.interrupt();
        }
        return true;
    }

    /**
     * Stops a live run without writing anything more: another node owns the execution now (this node lost its
     * lease), and whatever this node would write could overwrite that node's records.
     */
    public boolean abandon(String executionId) {
        Run run = live.get(executionId);
        if (run == null) {
            return false;
        }
        run.abandoned = true;
        return cancel(executionId);
    }

    /** Ids of the runs executing in this process right now. */
    public java.util.Set<String> liveIds() {
        return java.util.Set.copyOf(live.keySet());
    }

    record Outcome(ExecutionRecord record, Object lastOutput) {
    }

    Outcome runChild(Workflow child, RunRequest request) {
        Run run = new Run(this, child, request, create(child, request), List.of(), null);
        ExecutionRecord record = execute(run);
        return new Outcome(record, run.lastTopLevelOutput());
    }

    ExecutionRecord startAsync(Workflow child, RunRequest request) {
        ExecutionRecord record = create(child, request);
        Thread.ofVirtual().name("vigil-run-" + record.id()).start(() ->
                execute(new Run(this, child, request, record, List.of(), null)));
        return record;
    }

    private ExecutionRecord create(Workflow workflow, RunRequest request) {
        ExecutionRecord record = newExecution(workflow, request, ExecutionStatus.RUNNING);
        journal.saveExecution(record);
        return record;
    }

    private ExecutionRecord execute(Run run) {
        live.put(run.record.id(), run);
        try {
            return run.execute();
        } finally {
            live.remove(run.record.id());
        }
    }

    void log(Run run, String level, String message, String stepPath, String stepName) {
        journal.log(run.record.id(), new LogEntry(clock.now(), level, message, stepPath, stepName));
        if (LOG.isDebugEnabled()) {
            LOG.debug("[{}] {} {}", run.record.id(), level, message);
        }
    }
}
