package dev.vigil.connectors.slack;

import dev.vigil.connectors.ConnectorCall;
import dev.vigil.connectors.ConnectorHttp;
import dev.vigil.connectors.HttpAuth;
import dev.vigil.secrets.KnownSecrets;
import dev.vigil.steps.StepFailure;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Slack's Web API ({@code https://slack.com/api/<method>}) with the connector's bot token. Slack answers most errors
 * with HTTP 200 and {@code {ok: false, error: "channel_not_found"}}: those fail the step here, with Slack's error
 * code in the message and in {@code details.error}, so that a workflow's {@code on-failure} never mistakes them for
 * success. HTTP errors, 429 with {@code Retry-After} and timeouts are {@link ConnectorHttp}'s.
 */
final class SlackApi {

    static final String DEFAULT_BASE_URL = "https://slack.com/api";

    private final ConnectorCall call;

    SlackApi(ConnectorCall call) {
        this.call = call;
    }

    /** A write method ({@code chat.postMessage}, {@code conversations.create} ...) with a JSON body. */
    Map<String, Object> post(String method, Map<String, Object> body) throws StepFailure {
        return checked(method, call.http().request("POST", url(method)).auth(auth())
                // Slack warns ("missing_charset") on JSON bodies without the charset
                .header("Content-Type", "application/json; charset=utf-8")
                .json(body).send());
    }

    /** A read method ({@code conversations.list}, {@code auth.test} ...) with its arguments in the query. */
    Map<String, Object> get(String method, Map<String, Object> query) throws StepFailure {
        ConnectorHttp.Request request = call.http().request("GET", url(method)).auth(auth());
        query.forEach(request::query);
        return checked(method, request.send());
    }

    private HttpAuth auth() throws StepFailure {
        String token = call.connector().requireSecret("token");
        KnownSecrets.add(token);
        return new HttpAuth.Bearer(token);
    }

    private String url(String method) {
        String base = call.connector().option("baseUrl");
        return (base == null || base.isBlank() ? DEFAULT_BASE_URL : base.replaceAll("/+$", "")) + "/" + method;
    }

    private Map<String, Object> checked(String method, ConnectorHttp.Response response) throws StepFailure {
        Map<String, Object> body = response.object();
        if (Boolean.TRUE.equals(body.get("ok"))) {
            warnings(method, body);
            return body;
        }
        String error = body.get("error") instanceof String s ? s : "unknown_error";
        StringBuilder message = new StringBuilder(call.action() + ": Slack " + method + " answered " + error);
        // Slack names the missing scope: the one hint that tells an operator what to fix in the app's settings
        if (body.get("needed") instanceof String needed) {
            message.append(" (needed scope ").append(needed).append(')');
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("status", (long) response.status());
        details.put("error", error);
        details.put("data", response.data());
        throw new StepFailure("ConnectorExecutionError", message.toString(), details);
    }

    private void warnings(String method, Map<String, Object> body) {
        if (body.get("warning") instanceof String warning) {
            call.log("warn", call.action() + ": Slack " + method + " warns " + warning);
        }
        if (body.get("response_metadata") instanceof Map<?, ?> meta && meta.get("warnings") instanceof List<?> list
                && !list.isEmpty()) {
            call.log("warn", call.action() + ": Slack " + method + " warns " + list);
        }
    }
}
