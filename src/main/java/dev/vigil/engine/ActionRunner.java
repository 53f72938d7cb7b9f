package dev.vigil.engine;

import dev.vigil.model.Json;
import dev.vigil.model.Step;
import dev.vigil.model.Values;
import dev.vigil.model.Workflow;
import dev.vigil.steps.StepDefinition;
import dev.vigil.steps.StepFailure;
import dev.vigil.steps.StepInvocation;
import dev.vigil.steps.StepRegistry;
import dev.vigil.template.Undefined;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Runs action steps: the registered handlers, and the executor's own wait, human-input and workflow steps. */
final class ActionRunner {

    static final Duration APPROVAL_TIMEOUT = Duration.ofHours(24);
    static final Duration INPUT_TIMEOUT = Duration.ofHours(72);
    static final int MAX_DEPTH = 10;

    private final Run run;

    ActionRunner(Run run) {
        this.run = run;
    }

    void run(Step.Action step, Scope scope, String path, int attempt) {
        StepExecution prior = run.prior(path);
        if (prior != null && prior.status() == ExecutionStatus.COMPLETED) {
            run.remember(step.name(), prior.input(), prior.output(), true, null, prior.state());
            if (step.type().equals("data.set")) {
                run.mergeVariables(prior.output());
            }
            return;
        }
        if (prior != null && prior.status() == ExecutionStatus.FAILED) {
            run.remember(step.name(), prior.input(), null, false, prior.error(), prior.state());
            throw new Signal.Failed(failureOf(prior.error()), step.name(), null);
        }
        switch (step.type()) {
            case "loop.break" -> throw new Signal.LoopBreak();
            case "loop.continue" -> throw new Signal.LoopContinue();
            case "merge" -> throw new Signal.Failed(new StepFailure("Error", "step " + step.name()
                    + ": 'merge' exists only in Kibana's schema; no engine runs it (use parallel)", null), step.name(), null);
            default -> {
            }
        }
        StepExecution started = run.begin(path, step, attempt, null);
        Object input = null;
        try {
            Map<String, Object> context = run.context(scope);
            Pin pin = run.request.pins().get(step.name());
            Result result = pin != null && !step.type().startsWith("workflow.o") && !step.type().equals("workflow.fail")
                    ? pinned(step, pin, context, path)
                    : switch (step.type()) {
                case "wait" -> waitStep(step, scope, started, prior);
                case "waitForApproval", "waitForInput", "decision" -> humanStep(step, context, started, prior);
                case "workflow.output" -> {
                    input = run.render(step.with(), context, step.name());
                    throw output(step, input);
                }
                case "workflow.fail" -> {
                    input = run.render(step.with(), context, step.name());
                    throw fail(step, input);
                }
                case "workflow.execute", "workflow.executeAsync" -> {
                    input = run.render(step.with(), context, step.name());
                    yield child(step, (Map<?, ?>) input);
                }
                default -> handler(step, scope, context, started, path, attempt);
            };
            input = result.input;
            checkSize(step, result.output);
            StepExecution done = started.withInput(input)
                    .finish(ExecutionStatus.COMPLETED, run.engine.clock.now(), result.output, null, result.state, result.mocked);
            saveOrFail(step, done);
            if (reachesOutside(step)) {
                run.engine.journal.flush(); // its completion is durable before anything else happens
            }
            run.remember(step.name(), input, result.output, true, null, result.state);
            if (step.type().equals("data.set")) {
                run.mergeVariables(result.output);
            }
        } catch (Signal.Failed failed) {
            Map<String, Object> error = failed.failure.toValue();
            Object recorded = input != null ? input : started.input();
            run.engine.journal.saveStep(started.withInput(recorded)
                    .finish(ExecutionStatus.FAILED, run.engine.clock.now(), null, error, null, false));
            if (reachesOutside(step)) {
                run.engine.journal.flush();
            }
            run.remember(step.name(), recorded, null, false, error, null);
            run.engine.log(run, "error", "step " + step.name() + " failed: " + failed.failure.getMessage(), path, step.name());
            throw failed;
        } catch (Signal.End end) {
            try {
                run.engine.journal.saveStep(started.withInput(input)
                        .finish(ExecutionStatus.COMPLETED, run.engine.clock.now(), end.output, null, null, false));
            } catch (ValueTooLarge tooLarge) {
                // workflow.output/fail with a value the journal refuses: the step fails, recorded without it
                StepFailure failure = new StepFailure("ValueTooLarge", tooLarge.getMessage(), null);
                run.engine.journal.saveStep(started.finish(ExecutionStatus.FAILED, run.engine.clock.now(), null,
                        failure.toValue(), null, false));
                throw new Signal.Failed(failure, step.name(), null);
            }
            throw end;
        } catch (Signal.Cancelled cancelled) {
            if (!run.abandoned) {
                run.engine.journal.saveStep(started.finish(ExecutionStatus.CANCELLED, run.engine.clock.now(), null, null,
                        null, false));
            }
            throw cancelled;
        }
    }

    private record Result(Object input, Object output, Map<String, Object> state, boolean mocked) {
    }

    // ---- registered handlers, pins and --offline ----

    private Result handler(Step.Action step, Scope scope, Map<String, Object> context, StepExecution started,
                           String path, int attempt) {
        StepRegistry registry = run.engine.registry;
        StepRegistry.Kind kind = registry.kindOf(step.type(), step.header().connectorId() != null);
        StepDefinition definition = registry.resolve(step.type(), kind).orElse(null);
        Object renderedWith = definition != null && definition.rawWith() ? step.with() : run.render(step.with(), context, step.name());
        @SuppressWarnings("unchecked")
        Map<String, Object> with = renderedWith instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        Map<String, Object> fields = new LinkedHashMap<>();
        step.fields().forEach((name, raw) -> {
            Object value = run.render(raw, context, step.name());
            if (!(value instanceof Undefined)) {
                fields.put(name, value);
            }
        });
        Object input = fields.isEmpty() ? with : merged(with, fields);
        saveOrFail(step, started.withInput(input));

        boolean external = definition != null ? definition.external()
                : kind == StepRegistry.Kind.EXTERNAL_FAMILY || kind == StepRegistry.Kind.CONNECTOR;
        if (external && run.request.offline()) {
            run.engine.log(run, "info", "step " + step.name() + " (" + step.type() + ") not sent: offline", path, step.name());
            return new Result(input, new LinkedHashMap<>(), null, true);
        }
        if (definition == null) {
            String connector = step.header().connectorId();
            throw new Signal.Failed(new StepFailure("ConnectorNotConfigured", "step " + step.name() + " of type '"
                    + step.type() + "' needs " + (connector == null ? "a connector" : "connector '" + connector + "'")
                    + ", and none is configured in Vigil; pin its output with --mock or run with --offline", null),
                    step.name(), null);
        }
        Invocation call = new Invocation(step, with, fields, scope, path, attempt, context);
        if (external) {
            run.engine.journal.flush(); // everything before this step is durable: after a crash only it runs again
        }
        try {
            Object output = Values.normalize(definition.action().run(call));
            run.rethrowIfStopped(scope);
            return new Result(input, output, null, false);
        } catch (StepFailure failure) {
            run.rethrowIfStopped(scope);
            throw new Signal.Failed(failure, step.name(), null);
        } catch (Signal signal) {
            throw signal;
        } catch (RuntimeException bug) {
            run.rethrowIfStopped(scope);
            throw new Signal.Failed(new StepFailure("Error", "step " + step.name() + " (" + step.type() + ") failed: "
                    + bug, null), step.name(), null);
        }
    }

    /** A pinned step: its {@code with} is rendered and recorded as input, its action never runs. */
    private Result pinned(Step.Action step, Pin pin, Map<String, Object> context, String path) {
        Object input = run.render(step.with(), context, step.name());
        if (pin.error() != null) {
            throw new Signal.Failed(failureOf(pin.error()), step.name(), null);
        }
        run.engine.log(run, "info", "step " + step.name() + " pinned: not executed", path, step.name());
        return new Result(input, Values.normalize(pin.output()), null, true);
    }

    /** True for steps whose action reaches an outside system (their records are committed around them). */
    private boolean reachesOutside(Step.Action step) {
        StepRegistry registry = run.engine.registry;
        StepRegistry.Kind kind = registry.kindOf(step.type(), step.header().connectorId() != null);
        return registry.resolve(step.type(), kind).map(StepDefinition::external)
                .orElse(kind == StepRegistry.Kind.EXTERNAL_FAMILY || kind == StepRegistry.Kind.CONNECTOR);
    }

    private static Map<String, Object> merged(Map<String, Object> with, Map<String, Object> fields) {
        Map<String, Object> input = new LinkedHashMap<>(fields);
        if (!with.isEmpty()) {
            input.put("with", with);
        }
        return input;
    }

    /** Saves the step record; a value the journal refuses as too large fails the step with the journal's words. */
    private void saveOrFail(Step step, StepExecution record) {
        try {
            run.engine.journal.saveStep(record);
        } catch (ValueTooLarge tooLarge) {
            throw new Signal.Failed(new StepFailure("ValueTooLarge", tooLarge.getMessage(), null), step.name(), null);
        }
    }

    private void checkSize(Step step, Object output) {
        Long limit = step.header().maxStepSize() != null ? step.header().maxStepSize() : run.workflow.settings().maxStepSize();
        if (limit == null || output == null) {
            return;
        }
        long size = output instanceof String s ? s.getBytes(StandardCharsets.UTF_8).length
                : Json.write(output).getBytes(StandardCharsets.UTF_8).length;
        if (size > limit) {
            throw new Signal.Failed(new StepFailure("StepSizeExceeded", "step " + step.name() + " output is " + size
                    + " bytes, over the max-step-size of " + limit + " bytes", null), step.name(), null);
        }
    }

    // ---- waiting ----

    private Result waitStep(Step.Action step, Scope scope, StepExecution started, StepExecution prior) {
        Object raw = step.with().get("duration");
        Map<String, Object> input = Map.of("duration", String.valueOf(raw));
        Instant now = run.engine.clock.now();
        if (prior != null && prior.state() != null && prior.state().get("resumeAt") != null) {
            Instant until = Instant.parse(String.valueOf(prior.state().get("resumeAt")));
            if (now.isBefore(until)) {
                throw new Signal.Suspend(ExecutionStatus.WAITING, until);
            }
            return new Result(input, new LinkedHashMap<>(), prior.state(), false);
        }
        Duration duration = run.duration(String.valueOf(raw), scope, step.name());
        if (duration.compareTo(Run.IN_PROCESS_WAIT) <= 0) {
            run.sleep(duration, scope);
            return new Result(input, new LinkedHashMap<>(), null, false);
        }
        Instant until = now.plus(duration);
        run.engine.journal.saveStep(started.withInput(input)
                .waiting(ExecutionStatus.WAITING, Map.of("resumeAt", until.toString())));
        throw new Signal.Suspend(ExecutionStatus.WAITING, until);
    }

    private Result humanStep(Step.Action step, Map<String, Object> context, StepExecution started, StepExecution prior) {
        boolean approval = step.type().equals("waitForApproval");
        boolean decision = step.type().equals("decision");
        Object rendered = run.render(step.with(), context, step.name());
        Map<String, Object> with = rendered instanceof Map<?, ?> m ? Values.normalizeMap(m) : new LinkedHashMap<>();
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("message", with.get("message"));
        if (decision) {
            input = Decision.input(with);
        } else if (approval) {
            input.put("approveLabel", with.getOrDefault("approveLabel", "Approve"));
            input.put("rejectLabel", with.getOrDefault("rejectLabel", "Decline"));
            input.put("schema", Map.of("type", "object", "properties", Map.of("approved", Map.of("type", "boolean")),
                    "required", List.of("approved")));
        } else if (with.get("schema") != null) {
            input.put("schema", with.get("schema"));
        }
        Run.Resume answer = run.resumeFor(prior);
        Instant now = run.engine.clock.now();
        if (answer != null && decision) {
            return new Result(input, Decision.answered(input, answer.payload(), answer.respondedBy(), now, step.name()),
                    prior.state(), false);
        }
        if (answer != null) {
            Object response = approval
                    ? Map.of("approved", Boolean.TRUE.equals(answer.payload().get("approved")))
                    : answer.payload();
            Map<String, Object> output = new LinkedHashMap<>();
            output.put("response", response);
            output.put("respondedBy", answer.respondedBy() == null ? "unknown" : answer.respondedBy());
            return new Result(input, output, prior.state(), false);
        }
        Instant deadline;
        if (prior != null && prior.state() != null && prior.state().get("deadline") != null) {
            deadline = Instant.parse(String.valueOf(prior.state().get("deadline")));
        } else {
            String timeout = step.header().timeout();
            Duration limit = timeout == null ? (approval || decision ? APPROVAL_TIMEOUT : INPUT_TIMEOUT)
                    : run.duration(timeout, Scope.root(Thread.currentThread()), step.name());
            deadline = now.plus(limit);
        }
        if (!now.isBefore(deadline) && decision && input.get("default") != null) {
            return new Result(input, Decision.timedOut(input.get("default"), deadline),
                    prior == null ? null : prior.state(), false);
        }
        if (!now.isBefore(deadline)) {
            String what = decision ? "Decision wait" : approval ? "Approval wait" : "Input wait";
            throw new Signal.Failed(new StepFailure("TimeoutError", what + " exceeded the configured timeout of "
                    + (step.header().timeout() == null ? (approval || decision ? "24h" : "72h")
                    : step.header().timeout()) + ".", null), step.name(), null);
        }
        run.engine.journal.saveStep(started.withInput(input)
                .waiting(ExecutionStatus.WAITING_FOR_INPUT, Map.of("deadline", deadline.toString())));
        run.remember(step.name(), input, null, false, null, null);
        throw new Signal.Suspend(ExecutionStatus.WAITING_FOR_INPUT, deadline);
    }

    // ---- composition ----

    private Signal.End output(Step.Action step, Object rendered) {
        Map<String, Object> values = rendered instanceof Map<?, ?> m ? Values.normalizeMap(m) : new LinkedHashMap<>();
        OutputSchema.check(run.workflow.outputs(), values, step.name());
        Object status = step.fields().getOrDefault("status", "completed");
        ExecutionStatus end = switch (String.valueOf(status)) {
            case "cancelled" -> ExecutionStatus.CANCELLED;
            case "failed" -> ExecutionStatus.FAILED;
            default -> ExecutionStatus.COMPLETED;
        };
        Map<String, Object> error = end == ExecutionStatus.FAILED
                ? new StepFailure("WorkflowOutputFailed", "workflow.output step " + step.name() + " ended the run as failed", null).toValue()
                : null;
        return new Signal.End(end, values, error);
    }

    private Signal.End fail(Step.Action step, Object rendered) {
        Map<?, ?> with = rendered instanceof Map<?, ?> m ? m : Map.of();
        Object message = with.get("message");
        Map<String, Object> error = new StepFailure("WorkflowFailed", message == null
                ? "workflow.fail step " + step.name() + " ended the run" : String.valueOf(message), null).toValue();
        if (with.get("reason") != null) {
            error.put("reason", with.get("reason"));
        }
        error.put("stepName", step.name());
        return new Signal.End(ExecutionStatus.FAILED, null, error);
    }

    private Result child(Step.Action step, Map<?, ?> with) {
        String id = String.valueOf(with.get("workflow-id"));
        RunRequest.Parent parent = run.request.parent();
        int depth = parent == null ? 1 : parent.depth() + 1;
        if (depth > MAX_DEPTH) {
            throw new Signal.Failed(new StepFailure("Error", "workflow.execute nesting deeper than " + MAX_DEPTH
                    + " levels (step " + step.name() + ")", null), step.name(), null);
        }
        if (id.equals(run.record.workflowId())) {
            throw new Signal.Failed(new StepFailure("Error", "A workflow cannot execute itself (" + id + ")", null),
                    step.name(), null);
        }
        Workflow child = run.engine.resolver.find(id).orElseThrow(() -> new Signal.Failed(
                new StepFailure("Error", "Workflow not found: " + id, null), step.name(), null));
        if (!child.enabled()) {
            throw new Signal.Failed(new StepFailure("Error", "Workflow " + id + " is disabled", null), step.name(), null);
        }
        Map<String, Object> inputs = with.get("inputs") instanceof Map<?, ?> m ? Values.normalizeMap(m) : Map.of();
        RunRequest request = new RunRequest(id, inputs, null, "workflow-step", run.record.executedBy(),
                run.record.testRun(), null, run.request.pins(), run.request.offline(),
                new RunRequest.Parent(run.record.workflowId(), run.record.id(), depth));
        Map<String, Object> input = Values.normalizeMap(with);
        if (step.type().equals("workflow.executeAsync")) {
            ExecutionRecord started = run.engine.startAsync(child, request);
            Map<String, Object> output = new LinkedHashMap<>();
            output.put("workflowId", id);
            output.put("executionId", started.id());
            output.put("awaited", false);
            output.put("status", started.status().wire());
            output.put("startedAt", started.startedAt().toString());
            return new Result(input, output, null, false);
        }
        Executor.Outcome outcome = run.engine.runChild(child, request);
        ExecutionRecord done = outcome.record();
        if (done.status() == ExecutionStatus.COMPLETED) {
            return new Result(input, done.output() != null ? done.output() : outcome.lastOutput(),
                    Map.of("executionId", done.id()), false);
        }
        if (!done.status().terminal()) {
            throw new Signal.Failed(new StepFailure("Error", "child workflow " + id + " paused (" + done.status().wire()
                    + "); waiting on a paused child needs the durable store", Map.of("executionId", done.id())),
                    step.name(), null);
        }
        Map<String, Object> error = done.error() == null ? Map.of() : done.error();
        throw new Signal.Failed(new StepFailure(String.valueOf(error.getOrDefault("type", "Error")),
                "child workflow " + id + " " + done.status().wire() + ": " + error.getOrDefault("message", ""),
                Map.of("executionId", done.id())), step.name(), null);
    }

    static StepFailure failureOf(Map<String, Object> error) {
        if (error == null) {
            return new StepFailure("Error", "failed", null);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> details = error.get("details") instanceof Map<?, ?> d ? (Map<String, Object>) d : null;
        return new StepFailure(String.valueOf(error.getOrDefault("type", "Error")),
                String.valueOf(error.getOrDefault("message", "failed")), details);
    }

    /** The engine's side of the step SPI for one handler call. */
    private final class Invocation implements StepInvocation {
        private final Step.Action step;
        private final Map<String, Object> with;
        private final Map<String, Object> fields;
        private final Scope scope;
        private final String path;
        private final int attempt;
        private final Map<String, Object> context;

        Invocation(Step.Action step, Map<String, Object> with, Map<String, Object> fields, Scope scope, String path,
                   int attempt, Map<String, Object> context) {
            this.step = step;
            this.with = with;
            this.fields = fields;
            this.scope = scope;
            this.path = path;
            this.attempt = attempt;
            this.context = context;
        }

        @Override
        public Step.Action step() {
            return step;
        }

        @Override
        public Map<String, Object> with() {
            return with;
        }

        @Override
        public String connectorId() throws StepFailure {
            String raw = step.header().connectorId();
            if (raw == null) {
                return null;
            }
            Object rendered = render(raw, Map.of());
            return rendered == null || rendered instanceof Undefined ? null : String.valueOf(rendered).strip();
        }

        @Override
        public Object field(String name) {
            return fields.get(name);
        }

        @Override
        public Object render(Object raw, Map<String, Object> extraVariables) throws StepFailure {
            Map<String, Object> extended = new java.util.HashMap<>(context);
            extended.putAll(extraVariables);
            try {
                return run.engine.templates.renderValue(raw, extended, run.limits);
            } catch (dev.vigil.template.TemplateException e) {
                throw new StepFailure("TemplateError", "Template error in step " + step.name() + ": " + e.getMessage(), null);
            }
        }

        @Override
        public boolean matches(String condition, Object subject) throws StepFailure {
            Map<String, Object> extended = new java.util.HashMap<>(context);
            if (subject instanceof Map<?, ?> m) {
                m.forEach((k, v) -> extended.put(String.valueOf(k), v));
            }
            return run.engine.conditions.evaluate(condition, extended, subject, run.limits, run.engine.clock.now(), step.name());
        }

        @Override
        public void log(String level, String message) {
            run.engine.log(run, level, message, path, step.name());
        }

        @Override
        public Instant now() {
            return run.engine.clock.now();
        }

        @Override
        public void sleep(Duration duration) throws StepFailure {
            try {
                run.sleep(duration, scope);
            } catch (Signal.Failed failed) {
                throw failed.failure;
            }
        }

        @Override
        public String idempotencyKey() {
            return run.record.id() + ":" + path + ":" + attempt;
        }

        @Override
        public Duration remaining() {
            Instant now = run.engine.clock.now();
            Duration least = null;
            for (Deadline d : scope.deadlines()) {
                Duration left = Duration.between(now, d.at);
                if (least == null || left.compareTo(least) < 0) {
                    least = left;
                }
            }
            return least == null ? null : (least.isNegative() ? Duration.ZERO : least);
        }
    }
}
