package dev.vigil.connectors.okta;

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
 * Okta user containment: suspend, unsuspend or deactivate a user, revoke their sessions (and OAuth tokens), reset
 * their factors, read them. Users are named by id, login or login shortname, which Okta's paths all accept.
 *
 * <p>Okta's lifecycle operations are not idempotent and it takes no idempotency key: suspending a suspended user is
 * a 400. So when a lifecycle call is refused with 400, the user is read back, and one already in the state asked
 * for is a success ({@code changed: false}): a step replayed after a crash, or a user someone else suspended first,
 * does not fail the workflow.
 */
public final class OktaConnector implements ConnectorType {

    /** Okta's 429 names the epoch second at which the limit resets here, not in Retry-After. */
    static final String RESET_HEADER = "X-Rate-Limit-Reset";

    /** Sub-action → lifecycle operation and the user status it leads to. */
    private record Lifecycle(String operation, String status) {
    }

    private static final Map<String, Lifecycle> LIFECYCLE = Map.of(
            "suspendUser", new Lifecycle("suspend", "SUSPENDED"),
            "unsuspendUser", new Lifecycle("unsuspend", "ACTIVE"),
            "deactivateUser", new Lifecycle("deactivate", "DEPROVISIONED"),
            "resetFactors", new Lifecycle("reset_factors", null));

    @Override
    public String id() {
        return "okta";
    }

    @Override
    public String summary() {
        return "Okta: suspend, unsuspend or deactivate a user, revoke their sessions, reset their factors";
    }

    @Override
    public List<ConfigField> fields() {
        return List.of(
                ConfigField.requiredOption("baseUrl", "your Okta org (https://your-org.okta.com)"),
                ConfigField.option("timeout", "longest time one request may take (default 30s)"),
                ConfigField.requiredSecret("apiToken", "an Okta API token, sent as Authorization: SSWS"));
    }

    @Override
    public Set<String> subActions() {
        return Set.of("suspendUser", "unsuspendUser", "deactivateUser", "resetFactors", "revokeSessions", "getUser");
    }

    @Override
    public Object execute(ConnectorCall call) throws StepFailure {
        String user = call.requiredAny("user", "userId", "id", "login");
        String userPath = "/api/v1/users/" + ConnectorHttp.pathSegment(user);
        return switch (call.subAction()) {
            case "getUser" -> request(call, "GET", userPath).send().data();
            case "revokeSessions" -> revokeSessions(call, user, userPath);
            default -> {
                Lifecycle lifecycle = LIFECYCLE.get(call.subAction());
                if (lifecycle == null) {
                    throw call.failure("unknown sub-action; use one of " + subActions());
                }
                yield lifecycle(call, user, userPath, lifecycle);
            }
        };
    }

    @Override
    public String test(ConnectorCall call) throws StepFailure {
        // /users/me would prove nothing for an API token, which acts as its admin but is not a user session
        ConnectorHttp.Response response = request(call, "GET", "/api/v1/users").query("limit", 1).send();
        return "Okta answered " + response.status() + " to listing users with the API token";
    }

    private static Map<String, Object> lifecycle(ConnectorCall call, String user, String userPath, Lifecycle lifecycle)
            throws StepFailure {
        ConnectorHttp.Request request = request(call, "POST", userPath + "/lifecycle/" + lifecycle.operation())
                .json(null).accept(400);
        Boolean sendEmail = call.bool("sendEmail");
        if (sendEmail != null && lifecycle.operation().equals("deactivate")) {
            request.query("sendEmail", sendEmail);
        }
        ConnectorHttp.Response response = request.send();
        boolean changed = true;
        if (response.status() == 400) {
            Object status = lifecycle.status() == null ? null
                    : request(call, "GET", userPath).send().object().get("status");
            if (status == null || !status.equals(lifecycle.status())) {
                throw refused(call, response);
            }
            changed = false;
        }
        call.log("info", call.action() + ": " + lifecycle.operation() + " " + user
                + (changed ? "" : " (already " + lifecycle.status() + ")") + " (step " + call.idempotencyKey() + ")");
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("user", user);
        out.put("operation", lifecycle.operation());
        if (lifecycle.status() != null) {
            out.put("status", lifecycle.status());
        }
        out.put("changed", changed);
        return out;
    }

    private static Map<String, Object> revokeSessions(ConnectorCall call, String user, String userPath)
            throws StepFailure {
        boolean oauthTokens = Boolean.TRUE.equals(call.bool("oauthTokens"));
        ConnectorHttp.Request request = request(call, "DELETE", userPath + "/sessions");
        if (oauthTokens) {
            request.query("oauthTokens", true);
        }
        request.send();
        call.log("info", call.action() + ": sessions of " + user + " revoked" + (oauthTokens ? " with OAuth tokens" : "")
                + " (step " + call.idempotencyKey() + ")");
        return Map.of("user", user, "sessionsRevoked", true, "oauthTokensRevoked", oauthTokens);
    }

    /** The 400 Okta gave, as the failure ConnectorHttp would have raised, with Okta's errorSummary. */
    private static StepFailure refused(ConnectorCall call, ConnectorHttp.Response response) {
        Map<String, Object> body = response.object();
        String summary = body.get("errorSummary") instanceof String s ? s : String.valueOf(response.data());
        if (body.get("errorCauses") instanceof List<?> causes && !causes.isEmpty()
                && causes.getFirst() instanceof Map<?, ?> cause && cause.get("errorSummary") != null) {
            summary = summary + " (" + cause.get("errorSummary") + ")";
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("status", 400L);
        details.put("data", response.data());
        return new StepFailure("ConnectorExecutionError", call.action() + ": HTTP 400 Bad Request from Okta: " + summary,
                details, Map.of("status", 400L, "statusCode", 400L));
    }

    private static ConnectorHttp.Request request(ConnectorCall call, String method, String path) throws StepFailure {
        Connector c = call.connector();
        return call.http().request(method, c.requireOption("baseUrl").strip().replaceAll("/+$", "") + path)
                .auth(new HttpAuth.Bearer("SSWS", c.requireSecret("apiToken")))
                .rateLimitReset(RESET_HEADER)
                .header("Accept", "application/json");
    }
}
