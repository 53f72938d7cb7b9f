package dev.vigil.connectors.elasticdefend;

import dev.vigil.connectors.ConfigField;
import dev.vigil.connectors.Connector;
import dev.vigil.connectors.ConnectorCall;
import dev.vigil.connectors.ConnectorHttp;
import dev.vigil.connectors.ConnectorType;
import dev.vigil.connectors.HttpAuth;
import dev.vigil.steps.StepFailure;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Elastic Defend response actions through Kibana's endpoint API: isolate and release hosts, kill a process, run a
 * command, and read an action's status. Each action answers at once with the action record ({@code status:
 * pending}); the endpoint carries it out later, which {@code getActionStatus} reports.
 *
 * <p>Parameters follow Kibana's request bodies ({@code endpoint_ids}, {@code comment}, {@code case_ids},
 * {@code alert_ids}, {@code agent_type}, {@code parameters}), so a {@code kibana.request} step moves over by changing
 * its type; the output is the response's {@code data}, the action. Kibana takes no idempotency key: a repeated
 * isolate or release is harmless on the host but is logged as a second action.
 */
public final class ElasticDefendConnector implements ConnectorType {

    /** The Kibana API version these bodies are written against; Kibana answers in the same version. */
    static final String API_VERSION = "2023-10-31";

    /** Sub-action → Kibana's action path. */
    private static final Map<String, String> COMMANDS = Map.of(
            "isolateHost", "isolate",
            "releaseHost", "unisolate",
            "killProcess", "kill_process",
            "execute", "execute");

    @Override
    public String id() {
        return "elastic_defend";
    }

    @Override
    public Set<String> aliases() {
        return Set.of("endpoint");
    }

    @Override
    public String summary() {
        return "Elastic Defend response actions via Kibana: isolate/release a host, kill a process, run a command";
    }

    @Override
    public List<ConfigField> fields() {
        return List.of(
                ConfigField.requiredOption("baseUrl", "the Kibana URL (https://my-deployment.kb.us-east-1.aws.elastic.cloud)"),
                ConfigField.option("space", "Kibana space id (default: the default space)"),
                ConfigField.option("username", "basic auth user, when no apiKey is set"),
                ConfigField.option("timeout", "longest time one request may take (default 30s)"),
                ConfigField.secret("apiKey", "a Kibana API key (the encoded form), sent as Authorization: ApiKey"),
                ConfigField.secret("password", "basic auth password"));
    }

    @Override
    public Set<String> subActions() {
        return Set.of("isolateHost", "releaseHost", "killProcess", "execute", "getActionStatus");
    }

    @Override
    public Object execute(ConnectorCall call) throws StepFailure {
        if ("getActionStatus".equals(call.subAction())) {
            String id = call.requiredAny("action_id", "actionId", "id");
            return data(call, request(call, "GET", "/api/endpoint/action/" + ConnectorHttp.pathSegment(id)).send());
        }
        String command = COMMANDS.get(call.subAction());
        if (command == null) {
            throw call.failure("unknown sub-action; use one of " + subActions());
        }
        Map<String, Object> body = body(call);
        ConnectorHttp.Response response = request(call, "POST", "/api/endpoint/action/" + command).json(body).send();
        Map<String, Object> action = data(call, response);
        call.log("info", call.action() + ": " + command + " sent to " + body.get("endpoint_ids") + " as action "
                + action.get("id") + " (step " + call.idempotencyKey() + ")");
        return action;
    }

    @Override
    public String test(ConnectorCall call) throws StepFailure {
        ConnectorHttp.Response response = request(call, "GET", "/api/endpoint/metadata").query("pageSize", 1).send();
        Object total = response.object().get("total");
        return "Kibana endpoint metadata answered " + response.status() + ": " + (total == null ? "?" : total)
                + " Elastic Defend endpoint(s)";
    }

    private static Map<String, Object> body(ConnectorCall call) throws StepFailure {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("endpoint_ids", endpointIds(call));
        putIfPresent(body, "agent_type", call.text("agent_type"));
        putIfPresent(body, "comment", call.text("comment"));
        putIfPresent(body, "case_ids", call.strings("case_ids"));
        putIfPresent(body, "alert_ids", call.strings("alert_ids"));
        Map<String, Object> parameters = ActionParameters.of(call);
        if (parameters != null) {
            body.put("parameters", parameters);
        }
        return body;
    }

    private static List<String> endpointIds(ConnectorCall call) throws StepFailure {
        for (String name : List.of("endpoint_ids", "endpoint_id", "agent_id")) {
            List<String> ids = call.strings(name);
            if (ids != null && !ids.isEmpty()) {
                return ids;
            }
        }
        throw call.failure("with.endpoint_ids is required (the Elastic Agent ids of the hosts; or endpoint_id, agent_id)");
    }

    private static void putIfPresent(Map<String, Object> body, String key, Object value) {
        if (value != null && !(value instanceof List<?> list && list.isEmpty())) {
            body.put(key, value);
        }
    }

    /** The action record from Kibana's {@code {data: {...}}} answer. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> data(ConnectorCall call, ConnectorHttp.Response response) throws StepFailure {
        if (response.object().get("data") instanceof Map<?, ?> data) {
            return (Map<String, Object>) data;
        }
        throw call.failure("Kibana answered " + response.status() + " without the action's data");
    }

    private static ConnectorHttp.Request request(ConnectorCall call, String method, String path) throws StepFailure {
        Connector c = call.connector();
        return call.http().request(method, url(c, path)).auth(auth(c))
                .header("kbn-xsrf", "true")
                .header("elastic-api-version", API_VERSION)
                .header("Accept", "application/json");
    }

    /** The Kibana URL, in the configured space ({@code /s/<space>}) unless that is the default one. */
    static String url(Connector c, String path) throws StepFailure {
        String base = c.requireOption("baseUrl").replaceAll("/+$", "");
        String space = c.option("space");
        boolean inSpace = space != null && !space.isBlank() && !space.equals("default");
        return base + (inSpace ? "/s/" + ConnectorHttp.pathSegment(space.strip()) : "") + path;
    }

    /** An API key when there is one, else basic auth. */
    static HttpAuth auth(Connector c) throws StepFailure {
        String apiKey = c.secret("apiKey");
        if (apiKey != null && !apiKey.isBlank()) {
            return new HttpAuth.Bearer("ApiKey", apiKey.strip());
        }
        if (c.option("username") != null) {
            return new HttpAuth.Basic(c.requireOption("username"), c.requireSecret("password"));
        }
        throw new StepFailure("ConnectorExecutionError", "connector " + c.name() + " has neither the secret apiKey"
                + " nor config.username with the secret password; Kibana needs one of them", null);
    }
}
