package dev.vigil.connectors;

import dev.vigil.steps.StepFailure;
import dev.vigil.steps.StepInvocation;
import dev.vigil.steps.http.HttpTargets;
import java.net.http.HttpClient;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/** The {@code http} step's {@code connector-id}: an {@code http} connector's base URL, headers and credentials. */
public final class ConnectorHttpTargets implements HttpTargets {

    private final Supplier<? extends ConnectorLookup> lookup;
    private final HttpClient http;

    public ConnectorHttpTargets(Supplier<? extends ConnectorLookup> lookup, HttpClient http) {
        this.lookup = lookup;
        this.http = http;
    }

    @Override
    public Target resolve(String connectorId, StepInvocation call) throws StepFailure {
        Connector connector = lookup.get().find(connectorId);
        if (!connector.type().equals("http")) {
            throw new StepFailure("ConnectorExecutionError", "http: connector '" + connector.name() + "' is a "
                    + connector.type() + " connector; the http step takes http connectors (base URL and auth)", null);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        HttpConnector.headers(connector).forEach((k, v) -> headers.put(k, String.valueOf(v)));
        // OAuth2 may fetch a token here, through the same client and within the step's time
        HttpConnector.auth(connector).apply(headers, ConnectorCall.start(http, connector, null, Map.of(),
                call.remaining(), call::log, null).http());
        return new Target(connector.requireOption("baseUrl"), headers);
    }
}
