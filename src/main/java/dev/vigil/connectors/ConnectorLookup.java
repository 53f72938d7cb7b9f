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

    /**
     * The instance {@code idOrName} names, else (null or blank) the default of {@code type}; it must be of
     * {@code type} (a type id, as instances store it).
     *
     * @param user what needs it, for the message ("decision triage's Slack post")
     * @throws StepFailure {@code ConnectorNotFound}, or {@code ConnectorTypeMismatch} naming both types
     */
    default Connector ofType(String idOrName, String type, String user) throws StepFailure {
        Connector connector = idOrName == null || idOrName.isBlank() ? defaultOf(type) : find(idOrName);
        if (!connector.type().equals(type)) {
            throw new StepFailure("ConnectorTypeMismatch", user + ": connector '" + connector.name() + "' is a "
                    + connector.type() + " connector; it needs a " + type + " one", null);
        }
        return connector;
    }
}
