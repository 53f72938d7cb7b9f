package dev.vigil.steps;

import dev.vigil.model.Step;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** One run of one action step, as the executor hands it to a {@link StepAction}. */
public interface StepInvocation {

    Step.Action step();

    /** The step's {@code connector-id} rendered against the context, or null when it names none. */
    default String connectorId() throws StepFailure {
        return step() == null ? null : step().header().connectorId();
    }

    /** The {@code with} map rendered against the workflow context (raw when the type asked for raw params). */
    Map<String, Object> with();

    /** A top-level field ({@code items}, {@code source}, {@code arrays} ...) rendered; null when absent. */
    Object field(String name);

    /** Renders a raw value (template strings, maps, lists) against the context plus {@code extraVariables}. */
    Object render(Object raw, Map<String, Object> extraVariables) throws StepFailure;

    /** Evaluates a KQL condition (after rendering) against {@code subject} as the root of field paths. */
    boolean matches(String condition, Object subject) throws StepFailure;

    /** Writes a log entry to the execution's logs for this step. Level: debug, info, warn, error. */
    void log(String level, String message);

    Instant now();

    /** Sleeps on the engine clock; throws when the run is cancelled or times out meanwhile. */
    void sleep(Duration duration) throws StepFailure;

    /** {@code execution id + step path + attempt}: stable across a crash and replay, for connectors to pass on. */
    String idempotencyKey();

    /** The remaining time this step may take before its timeout or the workflow's, or null when unbounded. */
    Duration remaining();
}
