package dev.vigil.connectors;

import dev.vigil.steps.StepFailure;

/** Finds connector instances for steps: by the {@code connector-id} a step names, or the default of a type. */
public interface ConnectorLookup {

    /**
     * @param idOrName the step's rendered {@code connector-id}: an instance's id or its name
     * @throws StepFailure {@code ConnectorNotFound} when there is none
     */
    Connector find(String idOrName) throws StepFailure;

    /**
     * The instance of {@code type} to use when a step names none ({@code elasticsearch.search}, {@code ai.prompt}
     * without {@code connector-id}): the one marked {@code default: true} in its config, else the only one.
     *
     * @throws StepFailure {@code ConnectorNotFound} when there is none, or several and none is the default
     */
    Connector defaultOf(String type) throws StepFailure;
}
