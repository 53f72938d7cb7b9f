package dev.vigil.engine;

import dev.vigil.model.Json;
import dev.vigil.model.OnFailure;
import dev.vigil.model.Step;
import dev.vigil.model.Values;
import dev.vigil.steps.StepFailure;
import dev.vigil.template.TemplateEngine;
import dev.vigil.template.Undefined;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/** The container steps of WORKFLOW_FORMAT.md §3.1: if, foreach, while, switch and parallel. */
final class FlowRunner {

    private final Run run;

    FlowRunner(Run run) {
        this.run = run;
    }

    void run(Step step, Scope scope, String path, int attempt) {
        StepExecution prior = run.prior(path);
        StepExecution started = run.begin(path, step, attempt, null);
        Scope inner = scope.under(path);
        try {
            StepExecution done = switch (step) {
                case Step.If s -> runIf(s, scope, inner, started, prior);
                case Step.Foreach s -> runForeach(s, scope, inner, started, prior);
                case Step.While s -> runWhile(s, scope, inner, started);
                case Step.Switch s -> runSwitch(s, scope, inner, started, prior);
                case Step.Parallel s -> runParallel(s, scope, inner, started);
                case Step.Action s -> throw new IllegalStateException("not a container: " + s.type());
            };
            // a container finished before a resume keeps its record as it was: replay is not a re-run
            run.engine.journal.saveStep(prior != null && prior.status() == ExecutionStatus.COMPLETED ? prior : done);
        } catch (Signal.Failed failed) {
            Map<String, Object> error = failed.failure.toValue();
            StepExecution current = run.prior(path) != null ? run.prior(path) : started;
            run.engine.journal.saveStep(started.finish(ExecutionStatus.FAILED, run.engine.clock.now(), null, error,
                    current.state(), false));
            run.remember(step.name(), started.input(), null, false, error, null);
            throw failed;
        } catch (Signal.Cancelled cancelled) {
            if (!run.abandoned) {
                run.engine.journal.saveStep(started.finish(ExecutionStatus.CANCELLED, run.engine.clock.now(), null, null,
                        null, false));
            }
            throw cancelled;
        }
    }

    private StepExecution runIf(Step.If step, Scope scope, Scope inner, StepExecution started, StepExecution prior) {
        boolean result;
        if (prior != null && prior.input() instanceof Map<?, ?> in && in.get("conditionResult") instanceof Boolean b) {
            result = b;
        } else {
            Map<String, Object> context = run.context(scope);
            result = run.condition(step.condition(), context, context, step.name());
        }
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("condition", step.condition());
        input.put("conditionResult", result);
        StepExecution running = started.withInput(input);
        run.engine.journal.saveStep(running);
        run.remember(step.name(), input, null, false, null, null);
        run.runAll(result ? step.then() : step.otherwise(), inner);
        return running.finish(ExecutionStatus.COMPLETED, run.engine.clock.now(), null, null, null, false);
    }

    private StepExecution runForeach(Step.Foreach step, Scope scope, Scope inner, StepExecution started,
                                     StepExecution prior) {
        List<Object> items = prior != null && prior.state() != null && prior.state().get("items") instanceof List<?> l
                ? new ArrayList<>(l)
                : items(step.items(), scope, started.path(), step.name());
        Map<String, Object> input = Map.of("foreach", step.items() instanceof String s ? s : Json.write(step.items()));
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("items", items);
        state.put("total", (long) items.size());
        StepExecution running = new StepExecution(started.id(), started.executionId(), started.path(), started.name(),
                started.type(), ExecutionStatus.RUNNING, started.index(), started.attempt(), started.startedAt(),
                null, input, null, null, state, false);
        run.engine.journal.saveStep(running);
        int limit = step.maxIterations().limit();
        int i = 0;
        for (; i < items.size(); i++) {
            if (i >= limit) {
                if (step.maxIterations().failOnLimit()) {
                    throw new Signal.Failed(new StepFailure("Error", "Foreach step \"" + step.name()
                            + "\" exceeded max-iterations limit of " + limit + ".", null), step.name(), null);
                }
                break;
            }
            run.checkAlive(scope);
            Map<String, Object> loop = Run.loopState(items, i);
            Map<String, Object> visible = new LinkedHashMap<>(loop);
            run.remember(step.name(), input, null, false, null, visible);
            Scope iteration = inner.under(started.path() + "[" + i + "]").with("foreach", loop);
            if (!iterate(step.steps(), iteration, step.name(), i, step.iterationTimeout(), step.iterationOnFailure())) {
                i++;
                break;
            }
        }
        state.put("iterations", (long) Math.min(i, items.size()));
        return running.finish(ExecutionStatus.COMPLETED, run.engine.clock.now(), null, null, state, false);
    }

    private StepExecution runWhile(Step.While step, Scope scope, Scope inner, StepExecution started) {
        int limit = step.maxIterations().limit();
        Map<String, Object> input = Map.of("condition", step.condition());
        StepExecution running = started.withInput(input);
        run.engine.journal.saveStep(running);
        int iteration = 0;
        while (true) {
            run.checkAlive(scope);
            Map<String, Object> state = Map.of("iteration", (long) iteration);
            run.remember(step.name(), input, null, false, null, state);
            Scope body = inner.under(started.path() + "[" + iteration + "]").with("while", state);
            boolean keepGoing = iterate(step.steps(), body, step.name(), iteration, step.iterationTimeout(),
                    step.iterationOnFailure());
            if (!keepGoing) {
                break;
            }
            if (iteration + 1 >= limit) {
                if (step.maxIterations().failOnLimit()) {
                    throw new Signal.Failed(new StepFailure("Error", "While step \"" + step.name()
                            + "\" exceeded max-iterations limit of " + limit + ".", null), step.name(), null);
                }
                break;
            }
            Map<String, Object> context = run.context(scope.with("while", state));
            if (!run.condition(step.condition(), context, context, step.name())) {
                break;
            }
            iteration++;
        }
        return running.finish(ExecutionStatus.COMPLETED, run.engine.clock.now(), null, null,
                Map.of("iteration", (long) iteration), false);
    }

    /** Runs one loop iteration; false when the body asked to break out of the loop. */
    private boolean iterate(List<Step> body, Scope scope, String loopName, int iteration, String iterationTimeout,
                            OnFailure iterationOnFailure) {
        Run.Attempt once = attempt -> {
            Scope attemptScope = attempt == 0 ? scope : scope.under(scope.prefix() + "#" + attempt);
            if (iterationTimeout == null) {
                run.runAll(body, attemptScope);
                return;
            }
            Duration limit = run.duration(iterationTimeout, scope, loopName);
            Deadline deadline = new Deadline(Deadline.Kind.ITERATION, run.engine.clock.now().plus(limit), limit, loopName);
            run.within(deadline, attemptScope, inner -> {
                run.runAll(body, inner);
                return null;
            });
        };
        try {
            if (iterationOnFailure == null) {
                once.run(0);
            } else {
                run.protect(iterationOnFailure, scope, loopName + "[" + iteration + "]", once);
            }
            return true;
        } catch (Signal.LoopContinue next) {
            return true;
        } catch (Signal.LoopBreak stop) {
            return false;
        }
    }

    private StepExecution runSwitch(Step.Switch step, Scope scope, Scope inner, StepExecution started,
                                    StepExecution prior) {
        Object value;
        if (prior != null && prior.input() instanceof Map<?, ?> in && in.containsKey("switchValue")) {
            value = in.get("switchValue");
        } else {
            value = run.render(step.expression(), run.context(scope), step.name());
            if (value instanceof Undefined) {
                value = null;
            }
        }
        List<Object> checked = new ArrayList<>();
        Step.Switch.Case selected = null;
        for (Step.Switch.Case c : step.cases()) {
            checked.add(c.match());
            if (Objects.equals(Values.normalize(c.match()), value)) {
                selected = c;
                break;
            }
        }
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("switchValue", value);
        input.put("selectedCase", selected == null ? (step.otherwise().isEmpty() ? null : "default") : selected.match());
        input.put("evaluation", Map.of("matched", selected != null, "checkedCases", checked));
        StepExecution running = started.withInput(input);
        run.engine.journal.saveStep(running);
        run.remember(step.name(), input, null, false, null, null);
        if (selected == null && step.otherwise().isEmpty()) {
            throw new Signal.Failed(new StepFailure("Error", "No case matched and no default branch provided for switch"
                    + " step \"" + step.name() + "\" (value " + Run.preview(value) + ", cases " + Json.write(checked)
                    + ").", null), step.name(), null);
        }
        run.runAll(selected == null ? step.otherwise() : selected.steps(), inner);
        return running.finish(ExecutionStatus.COMPLETED, run.engine.clock.now(), null, null, null, false);
    }

    /** Branches on virtual threads, at most {@code concurrency} at once; fail-fast cancels the others. */
    private StepExecution runParallel(Step.Parallel step, Scope scope, Scope inner, StepExecution started) {
        List<String> keys = new ArrayList<>();
        List<List<Step>> bodies = new ArrayList<>();
        List<Scope> scopes = new ArrayList<>();
        if (!step.branches().isEmpty()) {
            for (Step.Parallel.Branch b : step.branches()) {
                keys.add(b.name());
                bodies.add(b.steps());
                scopes.add(inner.under(started.path() + "{" + b.name() + "}"));
            }
        } else {
            List<Object> items = items(step.items(), scope, started.path(), step.name());
            for (int i = 0; i < items.size(); i++) {
                keys.add(String.valueOf(i));
                bodies.add(step.steps());
                scopes.add(inner.under(started.path() + "{" + i + "}").with("foreach", Run.loopState(items, i)));
            }
        }
        Semaphore permits = new Semaphore(Math.max(1, step.concurrency()));
        boolean failFast = !"settled".equals(step.mode());
        List<Future<Map<String, Object>>> futures = new ArrayList<>();
        try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < keys.size(); i++) {
                int n = i;
                futures.add(pool.submit(() -> branch(step, keys.get(n), n, bodies.get(n), scopes.get(n), permits)));
            }
            List<Object> results = new ArrayList<>();
            int failed = 0;
            StepFailure firstFailure = null;
            for (Future<Map<String, Object>> f : futures) {
                Map<String, Object> result;
                try {
                    result = f.get();
                } catch (InterruptedException e) {
                    futures.forEach(other -> other.cancel(true));
                    run.rethrowIfStopped(scope);
                    throw new Signal.Cancelled();
                } catch (ExecutionException e) {
                    throw new IllegalStateException(e.getCause());
                }
                results.add(result);
                if (!"completed".equals(result.get("status"))) {
                    failed++;
                    if (firstFailure == null) {
                        firstFailure = new StepFailure("Error", "parallel branch " + result.get("key") + " failed: "
                                + ((Map<?, ?>) result.getOrDefault("error", Map.of())).get("message"), null);
                    }
                    if (failFast) {
                        futures.forEach(other -> other.cancel(true));
                    }
                }
            }
            Map<String, Object> output = new LinkedHashMap<>();
            output.put("results", results);
            output.put("total", (long) results.size());
            output.put("succeeded", (long) (results.size() - failed));
            output.put("failed", (long) failed);
            output.put("status", failed > 0 && failFast ? "failed" : "completed");
            run.remember(step.name(), null, output, true, null, null);
            if (failed > 0 && failFast) {
                throw new Signal.Failed(firstFailure, step.name(), null);
            }
            return started.finish(ExecutionStatus.COMPLETED, run.engine.clock.now(), output, null, null, false);
        }
    }

    private Map<String, Object> branch(Step.Parallel step, String key, int index, List<Step> body, Scope scope,
                                       Semaphore permits) throws InterruptedException {
        permits.acquire();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("index", (long) index);
        result.put("key", key);
        java.time.Instant begin = run.engine.clock.now();
        try {
            Scope own = scope.on(Thread.currentThread());
            if (step.branchTimeout() != null) {
                Duration limit = run.duration(step.branchTimeout(), own, step.name());
                Deadline d = new Deadline(Deadline.Kind.STEP, begin.plus(limit), limit, step.name());
                run.within(d, own, inner -> {
                    run.runAll(body, inner);
                    return null;
                });
            } else {
                run.runAll(body, own);
            }
            result.put("status", "completed");
            if (!body.isEmpty()) {
                Object last = run.context(own).get("steps") instanceof Map<?, ?> all
                        && all.get(body.getLast().name()) instanceof Map<?, ?> entry ? entry.get("output") : null;
                result.put("output", last);
            }
        } catch (Signal.Failed failed) {
            result.put("status", "failed");
            result.put("error", failed.failure.toValue());
        } catch (Signal.Cancelled cancelled) {
            result.put("status", "cancelled");
        } finally {
            permits.release();
        }
        java.time.Instant end = run.engine.clock.now();
        result.put("startedAt", begin.toString());
        result.put("finishedAt", end.toString());
        result.put("durationMs", end.toEpochMilli() - begin.toEpochMilli());
        return result;
    }

    /**
     * Resolves a {@code foreach} value to its items (WORKFLOW_FORMAT.md §3.1): a whole {@code "{{ x }}"} is a typed
     * expression, other text is rendered, text results are parsed as JSON, and the result must be an array.
     * A bare path ({@code event.alerts}) is read as the value at that path: the lenient choice of §9.6.
     */
    List<Object> items(Object raw, Scope scope, String path, String stepName) {
        Map<String, Object> context = run.context(scope);
        Object value;
        if (raw instanceof String text) {
            String t = text.strip();
            if (t.startsWith("{{") && t.endsWith("}}") && t.indexOf("{{", 2) < 0) {
                value = run.render("$" + t, context, stepName);
            } else if (TemplateEngine.containsTemplate(t)) {
                value = run.render(t, context, stepName);
            } else if (t.matches("[A-Za-z_][\\w-]*(\\.[\\w-]+|\\[\\d+])+")) {
                value = run.render("${{ " + t + " }}", context, stepName);
            } else {
                value = t;
            }
            if (value instanceof String s) {
                try {
                    value = Json.parse(s);
                } catch (IllegalArgumentException e) {
                    throw new Signal.Failed(new StepFailure("Error", "Unable to parse rendered value: "
                            + Run.preview(s) + " (" + e.getMessage() + ")", null), stepName, null);
                }
            }
        } else {
            value = run.render(raw, context, stepName);
        }
        List<Object> items = Run.list(value);
        if (items == null) {
            throw new Signal.Failed(new StepFailure("Error", "Foreach expression must evaluate to an array, but \""
                    + (raw instanceof String s ? s : Json.write(raw)) + "\" gave "
                    + (value instanceof Undefined ? "undefined" : Values.typeName(value) + " " + Run.preview(value))
                    + " (step " + stepName + ").", null), stepName, null);
        }
        return items;
    }
}
