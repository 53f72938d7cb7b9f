package dev.vigil.steps.http;

import dev.vigil.steps.StepFailure;
import dev.vigil.steps.StepInvocation;
import java.util.Map;

/**
 * What the {@code http} step's {@code connector-id} stands for: a base URL and the headers (credentials included)
 * to send. The server resolves it from its connector instances; without them ({@code vigil run}) there is none.
 */
@FunctionalInterface
public interface HttpTargets {

    /** @param headers sent with the request; they replace the workflow's headers of the same name */
    record Target(String baseUrl, Map<String, String> headers) {
    }

    Target resolve(String connectorId, StepInvocation call) throws StepFailure;

    HttpTargets NONE = (connectorId, call) -> {
        throw new StepFailure("ConnectorNotConfigured", "http: connector-id '" + connectorId + "' names a connector,"
                + " and connectors exist only in the server (./vigil server); here give the full URL in with.url",
                null);
    };
}
