package dev.vigil.engine;

import dev.vigil.model.Durations;
import dev.vigil.model.Json;
import dev.vigil.model.OnFailure;
import dev.vigil.model.Settings.LiquidLimits;
import dev.vigil.model.Step;
import dev.vigil.model.Values;
import dev.vigil.model.Workflow;
import dev.vigil.steps.StepFailure;
import dev.vigil.template.TemplateEngine;
import dev.vigil.template.TemplateException;
import dev.vigil.template.Undefined;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One execution being interpreted: walks the step tree, applies the wrappers of WORKFLOW_FORMAT.md §2
 * (on-failure → if → foreach → timeout → step) and writes every step execution to the journal.
 *
 * <p>Resuming is replay: the walk starts again from the top and every step whose record at the same path is
 * already finished is not run again; its recorded input, output or error is put back in the context. Container
 * decisions (if, switch, foreach items) are replayed from their records too, so a resumed run takes the same
 * path. Only a step that was in flight runs again, with the same idempotency key.
 */
final class Run {

    /** Waits up to this long happen in-process; longer ones suspend the run (WORKFLOW_FORMAT.md §3.2). */
    static final Duration IN_PROCESS_WAIT = Duration.ofSeconds(5);

    final Executor engine;
    final Workflow workflow;
    final RunRequest request;
    final LiquidLimits limits;
    private final Map<String, Object> base = new HashMap<>();
    private final Map<String, Object> steps = Collections.synchronizedMap(new LinkedHashMap<>());
    private final Map<String, Object> variables = Collections.synchronizedMap(new LinkedHashMap<>());
    private final Map<String, StepExecution> replay;
    private final Resume resume;
    private final AtomicInteger index;
    private final ActionRunner actions;
    private final FlowRunner flow;
    private final OnFailureRunner failures;
    volatile ExecutionRecord record;
    volatile boolean cancelRequested;
    /** Stopped because another node owns the execution: write nothing more. */
    volatile boolean abandoned;
    volatile Thread thread;
    private volatile Object lastTopLevelOutput;

    /** A human answer to the step waiting for input. */
    record Resume(Map<String, Object> payload, String respondedBy) {
    }

    Run(Executor engine, Workflow workflow, RunRequest request, ExecutionRecord record, List<StepExecution> prior,
        Resume resume) {
        this.engine = engine;
        this.workflow = workflow;
        this.request = request;
        this.record = record;
        this.resume = resume;
        this.limits = workflow.settings().liquid() == null ? LiquidLimits.DEFAULTS : workflow.settings().liquid();
        Map<String, StepExecution> byPath = new HashMap<>();
        int maxIndex = -1;
        for (StepExecution s : prior) {
            byPath.put(s.path(), s);
            maxIndex = Math.max(maxIndex, s.index());
        }
        this.replay = byPath;
        this.index = new AtomicInteger(maxIndex + 1);
        this.actions = new ActionRunner(this);
        this.flow = new FlowRunner(this);
        this.failures = new OnFailureRunner(this);
        base.put("inputs", record.inputs());
        base.put("consts", workflow.consts());
        base.put("event", record.event() == null ? Undefined.INSTANCE : record.event());
        base.put("steps", steps);
        base.put("variables", variables);
        Map<String, Object> execution = new LinkedHashMap<>();
        execution.put("id", record.id());
        execution.put("isTestRun", record.testRun());
        execution.put("startedAt", TemplateEngine.timestamp(record.startedAt()));
        execution.put("executedBy", record.executedBy() == null ? "unknown" : record.executedBy());
        execution.put("triggeredBy", record.triggeredBy());
        base.put("execution", execution);
        Map<String, Object> wf = new LinkedHashMap<>();
        wf.put("id", record.workflowId());
        wf.put("name", workflow.name());
        wf.put("enabled", workflow.enabled());
        wf.put("spaceId", "default");
        base.put("workflow", wf);
        base.put("kibanaUrl", "");
        base.put("metadata", record.metadata());
        if (request.parent() != null) {
            base.put("parent", Map.of("workflowId", request.parent().workflowId(),
                    "executionId", request.parent().executionId(), "depth", (long) request.parent().depth()));
        }
    }

    /** Runs (or resumes) until the execution ends or pauses; returns the record as saved. */
    ExecutionRecord execute() {
        thread = Thread.currentThread();
        Scope root = Scope.root(thread);
        try {
            Duration timeout = workflow.settings().timeout();
            if (timeout != null) {
                Deadline deadline = new Deadline(Deadline.Kind.WORKFLOW, record.startedAt().plus(timeout), timeout, null);
                within(deadline, root, scope -> {
                    runTopLevel(scope);
                    return null;
                });
            } else {
                runTopLevel(root);
            }
            return finish(ExecutionStatus.COMPLETED, null, null);
        } catch (Signal.End end) {
            return finish(end.status, end.output, end.error);
        } catch (Signal.Failed failed) {
            if (failed.deadline != null && failed.deadline.kind == Deadline.Kind.WORKFLOW) {
                return finish(ExecutionStatus.TIMED_OUT, null, failed.failure.toValue());
            }
            Map<String, Object> error = failed.failure.toValue();
            if (failed.stepName != null) {
                error.put("stepName", failed.stepName);
            }
            return finish(ExecutionStatus.FAILED, null, error);
        } catch (Signal.Suspend suspend) {
            record = record.with(suspend.status, null, null, null);
            engine.journal.saveExecution(record);
            engine.log(this, "info", "execution paused (" + suspend.status.wire() + ")"
                    + (suspend.resumeAt == null ? "" : " until " + suspend.resumeAt), null, null);
            return record;
        } catch (Signal.Cancelled cancelled) {
            return finish(ExecutionStatus.CANCELLED, null, null);
        } catch (Signal.LoopBreak | Signal.LoopContinue misplaced) {
            return finish(ExecutionStatus.FAILED, null, new StepFailure("Error",
                    "loop.break/loop.continue ran outside a foreach or while body", null).toValue());
        } finally {
            thread = null;
            Thread.interrupted();
        }
    }

    private void runTopLevel(Scope root) {
        for (Step step : workflow.steps()) {
            run(step, root);
            Object entry = steps.get(step.name());
            lastTopLevelOutput = entry instanceof Map<?, ?> m ? m.get("output") : null;
        }
    }

    private ExecutionRecord finish(ExecutionStatus status, Object output, Map<String, Object> error) {
        if (abandoned) {
            return record;
        }
        record = record.with(status, engine.clock.now(), output, error);
        try {
            engine.journal.saveExecution(record);
        } catch (ValueTooLarge tooLarge) {
            // the workflow's output is what the journal refused: the execution fails on that, without it
            record = record.with(ExecutionStatus.FAILED, record.finishedAt(), null,
                    new StepFailure("ValueTooLarge", tooLarge.getMessage(), null).toValue());
            engine.journal.saveExecution(record);
        }
        engine.log(this, status == ExecutionStatus.COMPLETED ? "info" : "warn", "execution " + status.wire()
                + (error == null ? "" : ": " + error.get("message")), null, null);
        return record;
    }

    Object lastTopLevelOutput() {
        return lastTopLevelOutput;
    }

    // ---- the wrappers: on-failure → if → foreach → timeout → step ----

    interface Attempt {
        void run(int attempt);
    }

    /** Applies retry, then fallback, then continue to {@code body}; for loops' iteration-on-failure too. */
    void protect(OnFailure onFailure, Scope scope, String stepName, Attempt body) {
        failures.protect(onFailure, scope, stepName, body);
    }

    void runAll(List<Step> list, Scope scope) {
        for (Step step : list) {
            run(step, scope);
        }
    }

    void run(Step step, Scope scope) {
        checkAlive(scope);
        OnFailure onFailure = failures.handlerFor(step, scope);
        if (onFailure == null) {
            guarded(step, scope, 0);
        } else {
            failures.protect(onFailure, scope, step.name(), attempt -> guarded(step, scope, attempt));
        }
    }

    private void guarded(Step step, Scope scope, int attempt) {
        String path = scope.prefix() + step.name() + (attempt > 0 ? "#" + attempt : "");
        String guard = step.header().ifCondition();
        if (guard != null) {
            StepExecution prior = replay.get(path + "?");
            boolean pass;
            if (prior != null && prior.input() instanceof Map<?, ?> in && in.get("conditionResult") instanceof Boolean b) {
                pass = b;
            } else {
                Map<String, Object> context = context(scope);
                pass = condition(guard, context, context, step.name());
                if (!pass) {
                    StepExecution skipped = begin(path + "?", step, attempt, Map.of("condition", guard, "conditionResult", false));
                    engine.journal.saveStep(skipped.finish(ExecutionStatus.SKIPPED, engine.clock.now(), null, null, null, false));
                }
            }
            if (!pass) {
                return;
            }
        }
        Object foreach = step.header().foreach();
        if (foreach != null && !(step instanceof Step.Foreach)) {
            List<Object> items = flow.items(foreach, scope, path, step.name());
            for (int i = 0; i < items.size(); i++) {
                checkAlive(scope);
                Map<String, Object> loop = loopState(items, i);
                timed(step, scope.with("foreach", loop), path + "[" + i + "]", attempt);
            }
            return;
        }
        timed(step, scope, path, attempt);
    }

    private void timed(Step step, Scope scope, String path, int attempt) {
        String timeout = step.header().timeout();
        boolean humanWait = step.type().equals("waitForApproval") || step.type().equals("waitForInput")
                || step.type().equals("decision");
        if (timeout == null || humanWait) {
            execute(step, scope, path, attempt);
            return;
        }
        Duration limit = duration(timeout, scope, step.name());
        Deadline deadline = new Deadline(Deadline.Kind.STEP, engine.clock.now().plus(limit), limit, step.name());
        within(deadline, scope, inner -> {
            execute(step, inner, path, attempt);
            return null;
        });
    }

    private void execute(Step step, Scope scope, String path, int attempt) {
        switch (step) {
            case Step.Action action -> actions.run(action, scope, path, attempt);
            default -> flow.run(step, scope, path, attempt);
        }
    }

    // ---- timeouts, cancellation, pauses ----

    interface Body<T> {
        T run(Scope scope);
    }

    <T> T within(Deadline deadline, Scope scope, Body<T> body) {
        Scope inner = scope.within(deadline);
        Thread thread = scope.thread();
        Duration left = Duration.between(engine.clock.now(), deadline.at);
        EngineClock.Scheduled watchdog = engine.clock.schedule(left, () -> {
            deadline.fired = true;
            thread.interrupt();
        });
        try {
            return body.run(inner);
        } catch (Signal.Failed failed) {
            if (deadline.fired && failed.deadline == null) {
                throw timeoutOf(deadline);
            }
            throw failed;
        } finally {
            watchdog.cancel();
            if (deadline.fired) {
                Thread.interrupted();
            }
        }
    }

    /** Throws when the run was cancelled or a timeout around {@code scope} has passed. */
    void checkAlive(Scope scope) {
        if (cancelRequested) {
            throw new Signal.Cancelled();
        }
        Instant now = engine.clock.now();
        for (Deadline d : scope.deadlines()) {
            if (d.fired || !now.isBefore(d.at)) {
                d.fired = true;
                throw timeoutOf(d);
            }
        }
    }

    /** After an interrupted or failed call: turns it into the timeout or cancellation that caused it. */
    void rethrowIfStopped(Scope scope) {
        if (cancelRequested) {
            Thread.interrupted();
            throw new Signal.Cancelled();
        }
        for (Deadline d : scope.deadlines()) {
            if (d.fired) {
                Thread.interrupted();
                throw timeoutOf(d);
            }
        }
    }

    Signal.Failed timeoutOf(Deadline d) {
        String message = switch (d.kind) {
            case WORKFLOW -> "Failed due to workflow timeout of " + Durations.format(d.configured) + ".";
            case ITERATION -> "TimeoutError: Iteration exceeded the configured iteration-timeout of "
                    + Durations.format(d.configured) + ".";
            case STEP -> "TimeoutError: Step execution exceeded the configured timeout of "
                    + Durations.format(d.configured) + ".";
        };
        return new Signal.Failed(new StepFailure("TimeoutError", message, null), d.stepName, d);
    }

    /**
     * Waits in-process when short, else records a waiting row and suspends; on replay a passed pause is done.
     * The pause row lets a timer (or the durable store's scheduler) wake the run without holding a thread.
     */
    void pause(String path, String stepName, Duration duration, Scope scope) {
        if (duration.isZero() || duration.isNegative()) {
            return;
        }
        StepExecution prior = replay.get(path);
        Instant now = engine.clock.now();
        if (prior != null) {
            Instant until = Instant.parse(String.valueOf(prior.state().get("resumeAt")));
            if (prior.status().terminal() || !now.isBefore(until)) {
                if (!prior.status().terminal()) {
                    engine.journal.saveStep(prior.finish(ExecutionStatus.COMPLETED, now, Map.of(), null, prior.state(), false));
                }
                return;
            }
            throw new Signal.Suspend(ExecutionStatus.WAITING, until);
        }
        if (duration.compareTo(IN_PROCESS_WAIT) <= 0) {
            sleep(duration, scope);
            return;
        }
        Instant until = now.plus(duration);
        StepExecution waiting = begin(path, stepName, "retry.delay", 0, Map.of("duration", Durations.format(duration)));
        engine.journal.saveStep(waiting.waiting(ExecutionStatus.WAITING, Map.of("resumeAt", until.toString())));
        throw new Signal.Suspend(ExecutionStatus.WAITING, until);
    }

    void sleep(Duration duration, Scope scope) {
        checkAlive(scope);
        try {
            engine.clock.sleep(duration);
        } catch (InterruptedException e) {
            rethrowIfStopped(scope);
            Thread.currentThread().interrupt();
            throw new Signal.Cancelled();
        }
        checkAlive(scope);
    }

    // ---- context, templates, conditions ----

    Map<String, Object> context(Scope scope) {
        Map<String, Object> context = new HashMap<>(base);
        context.put("now", TemplateEngine.timestamp(engine.clock.now()));
        context.putAll(scope.vars());
        return context;
    }

    Object render(Object raw, Map<String, Object> context, String stepName) {
        try {
            return engine.templates.renderValue(raw, context, limits);
        } catch (TemplateException e) {
            throw new Signal.Failed(new StepFailure("TemplateError", "Template error in step " + stepName + ": "
                    + e.getMessage(), null), stepName, null);
        }
    }

    String renderText(String raw, Scope scope, String stepName) {
        Object value = render(raw, context(scope), stepName);
        return value instanceof String s ? s : value == null || value instanceof Undefined ? "" : Json.write(value);
    }

    boolean condition(String condition, Map<String, Object> context, Object subject, String stepName) {
        try {
            return engine.conditions.evaluate(condition, context, subject, limits, engine.clock.now(), stepName);
        } catch (StepFailure failure) {
            throw new Signal.Failed(failure, stepName, null);
        }
    }

    Duration duration(String text, Scope scope, String stepName) {
        String rendered = TemplateEngine.containsTemplate(text) ? renderText(text, scope, stepName) : text;
        try {
            return Durations.parse(rendered);
        } catch (IllegalArgumentException e) {
            throw new Signal.Failed(new StepFailure("Error", "step " + stepName + ": " + e.getMessage(), null),
                    stepName, null);
        }
    }

    // ---- records ----

    StepExecution prior(String path) {
        return replay.get(path);
    }

    StepExecution begin(String path, Step step, int attempt, Object input) {
        return begin(path, step.name(), step.type(), attempt, input);
    }

    StepExecution begin(String path, String name, String type, int attempt, Object input) {
        StepExecution prior = replay.get(path);
        if (prior != null && (prior.status() == ExecutionStatus.WAITING || prior.status() == ExecutionStatus.WAITING_FOR_INPUT)) {
            return prior; // still waiting: its record (with resumeAt / deadline) stays as it is until the step ends
        }
        String id = prior != null ? prior.id() : Ids.next(engine.clock.now().toEpochMilli());
        int position = prior != null ? prior.index() : index.getAndIncrement();
        StepExecution started = new StepExecution(id, record.id(), path, name, type, ExecutionStatus.RUNNING,
                position, attempt, prior != null ? prior.startedAt() : engine.clock.now(), null, input, null, null,
                null, false);
        engine.journal.saveStep(started);
        return started;
    }

    /** Makes a step's result visible as {@code steps.<name>} (input, output, error, merged with its state). */
    void remember(String name, Object input, Object output, boolean hasOutput, Map<String, Object> error,
                  Map<String, Object> state) {
        Map<String, Object> entry = new LinkedHashMap<>();
        if (state != null) {
            entry.putAll(state);
        }
        entry.put("input", input);
        if (hasOutput) {
            entry.put("output", output);
        }
        if (error != null) {
            entry.put("error", error);
        }
        steps.put(name, entry);
    }

    void mergeVariables(Object output) {
        if (output instanceof Map<?, ?> map) {
            map.forEach((k, v) -> variables.put(String.valueOf(k), v));
        }
    }

    Resume resumeFor(StepExecution waiting) {
        return waiting != null && waiting.status() == ExecutionStatus.WAITING_FOR_INPUT ? resume : null;
    }

    static Map<String, Object> loopState(List<Object> items, int i) {
        Map<String, Object> loop = new LinkedHashMap<>();
        loop.put("items", items);
        loop.put("item", items.get(i));
        loop.put("index", (long) i);
        loop.put("total", (long) items.size());
        return loop;
    }

    static List<Object> list(Object value) {
        return value instanceof List<?> l ? new ArrayList<>(l) : null;
    }

    static String preview(Object value) {
        return Values.preview(value, 120);
    }
}
