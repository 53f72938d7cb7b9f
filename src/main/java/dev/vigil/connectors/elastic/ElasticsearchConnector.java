package dev.vigil.connectors.elastic;

import dev.vigil.connectors.ConfigField;
import dev.vigil.connectors.Connector;
import dev.vigil.connectors.ConnectorCall;
import dev.vigil.connectors.ConnectorHttp;
import dev.vigil.connectors.ConnectorType;
import dev.vigil.steps.StepFailure;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Elasticsearch: the {@code elasticsearch.*} steps (WORKFLOW_FORMAT.md §3.8). {@code elasticsearch.request} sends
 * {@code {method, path, body, query, headers}}; {@code elasticsearch.<api>} ({@code search}, {@code esql.query},
 * {@code index}, {@code bulk} ...) is built by {@link ElasticsearchRequests}. The output is Elasticsearch's response
 * body; a HEAD API ({@code indices.exists}, {@code exists}) answers {@code true} or {@code false}. An HTTP error fails
 * the step with Elasticsearch's error type and reason in the message and its body in {@code details.data}.
 */
public final class ElasticsearchConnector implements ConnectorType {

    @Override
    public String id() {
        return "elasticsearch";
    }

    @Override
    public String summary() {
        return "Elasticsearch: search, ES|QL, index, update, bulk and any other API, with an API key or a user";
    }

    @Override
    public List<ConfigField> fields() {
        return List.of(
                ConfigField.requiredOption("baseUrl", "https://elasticsearch.example:9200"),
                ConfigField.option("username", "basic auth user (when there is no API key)"),
                ConfigField.option("certificateAuthority", "PEM of the CA that signed the cluster's certificate"
                        + " (http_ca.crt); the host name is still checked"),
                ConfigField.option("skipTlsVerify", "true accepts any certificate: for a lab only"),
                ConfigField.option("timeout", "longest time one request may take (default 30s)"),
                ConfigField.secret("apiKey", "API key: the encoded form, or id:api_key"),
                ConfigField.secret("token", "service account token (Bearer), when there is no API key"),
                ConfigField.secret("password", "basic auth password"));
    }

    @Override
    public Set<String> subActions() {
        java.util.Set<String> all = new java.util.TreeSet<>(ElasticsearchRequests.apis());
        all.add("request");
        return all;
    }

    /** Elasticsearch has hundreds of APIs: any name is a step; one the builder does not know fails when it runs. */
    @Override
    public boolean acceptsSubAction(String subAction) {
        return subAction != null && !subAction.isBlank();
    }

    @Override
    public Object execute(ConnectorCall call) throws StepFailure {
        if (call.subAction() == null) {
            throw call.failure("name the API in the step type: elasticsearch.search, elasticsearch.request ...");
        }
        ApiRequest request = ElasticsearchRequests.build(call.subAction(), call.params());
        ConnectorHttp.Response response = send(call, request);
        if (request.isHead()) {
            return response.ok();
        }
        if (response.data() instanceof Map<?, ?> body && Boolean.TRUE.equals(body.get("errors"))
                && body.get("items") instanceof List<?> items) {
            call.log("warn", call.action() + ": " + ElasticsearchErrors.bulkFailures(items) + " of " + items.size()
                    + " bulk items failed (see items[].*.error)");
        }
        return body(response);
    }

    @Override
    public String test(ConnectorCall call) throws StepFailure {
        ApiRequest root = new ApiRequest("GET", "/", Map.of(), Map.of(), ApiRequest.NO_BODY);
        Map<String, Object> info = send(call, root).object();
        Object version = info.get("version") instanceof Map<?, ?> v ? v.get("number") : null;
        return "Elasticsearch " + (version == null ? "" : version + " ") + "cluster '" + info.get("cluster_name")
                + "' answered at " + ConnectorHttp.shown(call.connector().option("baseUrl"))
                + (ElasticTls.skipsVerification(call.connector()) ? " (TLS verification is off)" : "");
    }

    private static ConnectorHttp.Response send(ConnectorCall call, ApiRequest request) throws StepFailure {
        Connector c = call.connector();
        try {
            return request.send(ElasticTls.http(call), c.requireOption("baseUrl"), ElasticAuth.of(c));
        } catch (StepFailure failure) {
            throw ElasticsearchErrors.explained(failure);
        }
    }

    /** The response body; an empty one (rare outside HEAD) is an empty object rather than "". */
    static Object body(ConnectorHttp.Response response) {
        return response.data() == null || response.data() instanceof String s && s.isEmpty() ? Map.of()
                : response.data();
    }
}
