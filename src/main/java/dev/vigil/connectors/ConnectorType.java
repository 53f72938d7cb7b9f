package dev.vigil.connectors;

import dev.vigil.steps.StepFailure;
import java.util.List;
import java.util.Set;

/**
 * What one kind of connector does (Slack, Jira, VirusTotal ...). Implementations are small final classes, one per
 * type, registered in {@link ConnectorTypes}. A step {@code X} runs {@link #execute} with no sub-action, a step
 * {@code X.Y} with sub-action {@code Y} (WORKFLOW_FORMAT.md §3.12); either way the rendered {@code with} is the
 * params and the returned value is the step's output.
 */
public interface ConnectorType {

    /** The type id used in connector instances and as {@code X} in step types ("slack"). */
    String id();

    /** Other step-type prefixes that select this type (Kibana's "slack_api", the corpus's "slack2"). */
    default Set<String> aliases() {
        return Set.of();
    }

    String summary();

    /** The config options and secrets an instance has; required ones are checked when it is saved. */
    List<ConfigField> fields();

    /**
     * The sub-actions {@code X.Y} accepts; the step form {@code X} (no sub-action) is accepted when
     * {@link #acceptsNoSubAction()} is true.
     */
    Set<String> subActions();

    default boolean acceptsNoSubAction() {
        return false;
    }

    /** True when {@code X.Y} is a sub-action of this type; types with open-ended APIs (Elasticsearch) override. */
    default boolean acceptsSubAction(String subAction) {
        return subActions().contains(subAction);
    }

    /**
     * Runs one action. Failures are {@link StepFailure}s; use {@link ConnectorHttp} for calls so that timeouts,
     * rate limits and error messages are handled alike.
     */
    Object execute(ConnectorCall call) throws StepFailure;

    /**
     * "Test connection": a cheap, read-only call proving the base URL and credentials work. Returns a short
     * description of what was checked; throws with the service's words when it fails.
     */
    String test(ConnectorCall call) throws StepFailure;
}
