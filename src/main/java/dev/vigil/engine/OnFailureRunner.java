package dev.vigil.engine;

import dev.vigil.model.OnFailure;
import dev.vigil.model.Step;
import java.util.Map;

/** {@code on-failure} of WORKFLOW_FORMAT.md §2.2: retry (with delays and backoff), then fallback, then continue. */
final class OnFailureRunner {

    private final Run run;

    OnFailureRunner(Run run) {
        this.run = run;
    }

    /** The step's own on-failure, else settings.on-failure where it applies, else null. */
    OnFailure handlerFor(Step step, Scope scope) {
        if (step.header().onFailure() != null) {
            return step.header().onFailure();
        }
        OnFailure fallbackDefault = run.workflow.settings().onFailure();
        boolean container = !(step instanceof Step.Action) || "wait".equals(step.type());
        return fallbackDefault == null || container || scope.inFallback() ? null : fallbackDefault;
    }

    /** Applies retry, then fallback, then continue to {@code body} (WORKFLOW_FORMAT.md §2.2). */
    void protect(OnFailure onFailure, Scope scope, String stepName, Run.Attempt body) {
        int attempt = 0;
        while (true) {
            try {
                body.run(attempt);
                return;
            } catch (Signal.Failed failed) {
                if (failed.deadline != null && scope.deadlines().contains(failed.deadline)) {
                    throw failed; // an outer timeout: only handlers inside it may catch it
                }
                Map<String, Object> error = failed.failure.toValue();
                OnFailure.Retry retry = onFailure.retry();
                if (retry != null && attempt < retry.maxAttempts() && retryApplies(retry, error, scope, stepName)) {
                    attempt++;
                    run.engine.log(run, "warn", "step " + stepName + " failed (" + failed.failure.getMessage()
                            + "); retry " + attempt + " of " + retry.maxAttempts(), scope.prefix() + stepName, stepName);
                    run.pause(scope.prefix() + stepName + "#" + attempt + ".delay", stepName, retry.delayBefore(attempt), scope);
                    continue;
                }
                if (!onFailure.fallback().isEmpty()) {
                    run.runAll(onFailure.fallback(), scope.with("error", error).fallback());
                }
                if (continues(onFailure, error, scope, stepName)) {
                    run.engine.log(run, "info", "step " + stepName + " failed; continuing (on-failure.continue)",
                            scope.prefix() + stepName, stepName);
                    return;
                }
                throw failed;
            }
        }
    }

    private boolean retryApplies(OnFailure.Retry retry, Map<String, Object> error, Scope scope, String stepName) {
        if (retry.condition() == null) {
            return true;
        }
        Map<String, Object> context = run.context(scope.with("error", error));
        return run.condition(retry.condition(), context, context, stepName);
    }

    private boolean continues(OnFailure onFailure, Map<String, Object> error, Scope scope, String stepName) {
        return switch (onFailure.continueWhen()) {
            case null -> false;
            case Boolean b -> b;
            case String condition -> {
                Map<String, Object> context = run.context(scope.with("error", error));
                yield run.condition(condition, context, context, stepName);
            }
            default -> false;
        };
    }
}
