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
 * Kibana: the {@code kibana.*} steps (WORKFLOW_FORMAT.md §3.9) and, under the alias {@code security}, the
 * {@code security.*} alert triage steps. {@code kibana.request} sends {@code {method, path, body, query, headers}};
 * {@code kibana.<operationId>} ({@code SetAlertsStatus}, {@code SetAlertTags} ...) is built by
 * {@link KibanaRequests}; {@code security.setAlertStatus}, {@code setAlertTags} and {@code assignAlert} by
 * {@link SecurityAlertActions}. Requests go to the connector's {@code space}. The output is Kibana's parsed response
 * body ({@code {}} when it has none); with {@code debug: true} it also has {@code _debug: {fullUrl, method}}. A non-2xx
 * answer fails the step with Kibana's message, {@code error.status}/{@code error.statusCode} and the body in
 * {@code details.data}.
 */
public final class KibanaConnector implements ConnectorType {

    @Override
    public String id() {
        return "kibana";
    }

    @Override
    public Set<String> aliases() {
        return Set.of("security");
    }

    @Override
    public String summary() {
        return "Kibana: any Kibana API, detection alert status, tags and assignees, in one space";
    }

    @Override
    public List<ConfigField> fields() {
        return List.of(
                ConfigField.requiredOption("baseUrl", "https://kibana.example:5601"),
                ConfigField.option("space", "the Kibana space requests go to (default: default)"),
                ConfigField.option("username", "basic auth user (when there is no API key)"),
                ConfigField.option("certificateAuthority", "PEM of the CA that signed Kibana's certificate;"
                        + " the host name is still checked"),
                ConfigField.option("skipTlsVerify", "true accepts any certificate: for a lab only"),
                ConfigField.option("timeout", "longest time one request may take (default 30s)"),
                ConfigField.secret("apiKey", "API key: the encoded form, or id:api_key"),
                ConfigField.secret("password", "basic auth password"));
    }

    @Override
    public Set<String> subActions() {
        java.util.Set<String> all = new java.util.TreeSet<>(KibanaRequests.actions());
        all.addAll(SecurityAlertActions.ACTIONS);
        all.add("request");
        return all;
    }

    /** Kibana has hundreds of APIs: any name is a step; one the builder does not know fails when it runs. */
    @Override
    public boolean acceptsSubAction(String subAction) {
        return subAction != null && !subAction.isBlank();
    }

    @Override
    public Object execute(ConnectorCall call) throws StepFailure {
        String action = call.subAction();
        if (action == null) {
            throw call.failure("name the API in the step type: kibana.request, kibana.SetAlertsStatus ...");
        }
        Map<String, Object> params = call.params();
        boolean security = SecurityAlertActions.handles(action);
        String space = call.connector().option("space");
        ApiRequest request = security ? SecurityAlertActions.build(action, params, space)
                : KibanaRequests.build(action, params, space);
        ConnectorHttp.Response response = send(call, request);
        Object output = security ? SecurityAlertActions.output(action, params)
                : request.isHead() ? (Object) response.ok()
                : response.status() == 204 || response.status() == 304 ? Map.of()
                : ElasticsearchConnector.body(response);
        if (Boolean.TRUE.equals(params.get("debug")) && output instanceof Map<?, ?> map) {
            Map<String, Object> withDebug = ElasticParams.object(map);
            withDebug.put("_debug", Map.of("fullUrl", fullUrl(call.connector(), request), "method", request.method()));
            return withDebug;
        }
        return output;
    }

    @Override
    public String test(ConnectorCall call) throws StepFailure {
        String space = call.connector().option("space");
        ApiRequest status = KibanaRequests.request("GET", "/api/status", Map.of(), Map.of(), ApiRequest.NO_BODY, space);
        Map<String, Object> body = send(call, status).object();
        Object version = body.get("version") instanceof Map<?, ?> v ? v.get("number") : null;
        Object level = body.get("status") instanceof Map<?, ?> s && s.get("overall") instanceof Map<?, ?> o
                ? o.get("level") : null;
        return "Kibana " + (version == null ? "" : version + " ") + "'" + body.get("name") + "' answered at "
                + ConnectorHttp.shown(call.connector().option("baseUrl"))
                + (level == null ? "" : ", status " + level)
                + (space == null || space.isBlank() ? "" : ", space " + space)
                + (ElasticTls.skipsVerification(call.connector()) ? " (TLS verification is off)" : "");
    }

    private static ConnectorHttp.Response send(ConnectorCall call, ApiRequest request) throws StepFailure {
        Connector c = call.connector();
        return request.send(ElasticTls.http(call), c.requireOption("baseUrl"), ElasticAuth.of(c));
    }

    private static String fullUrl(Connector c, ApiRequest request) {
        StringBuilder url = new StringBuilder(c.option("baseUrl").replaceAll("/+$", "")).append(request.path());
        request.query().forEach((k, v) -> url.append(url.indexOf("?") < 0 ? '?' : '&').append(UrlText.segment(k)).append('=')
                .append(UrlText.segment(v)));
        return url.toString();
    }
}
