package dev.vigil.connectors.entra;

import dev.vigil.connectors.ConfigField;
import dev.vigil.connectors.Connector;
import dev.vigil.connectors.ConnectorCall;
import dev.vigil.connectors.ConnectorHttp;
import dev.vigil.connectors.ConnectorType;
import dev.vigil.connectors.HttpAuth;
import dev.vigil.steps.StepFailure;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Microsoft Entra ID user containment through Microsoft Graph: disable or enable an account, revoke its sign-in
 * sessions, confirm it compromised for Identity Protection, read it. Users are named by object id or user principal
 * name. The app signs in with client credentials (application permissions User.EnableDisableAccount.All or
 * User.ReadWrite.All, User.RevokeSessions.All, IdentityRiskyUser.ReadWrite.All).
 *
 * <p>Graph takes no idempotency key; every action here is idempotent (disabling a disabled account is a 204). The
 * step's key goes along as {@code client-request-id} (a GUID derived from it), so a replayed step can be matched
 * with the first attempt in Entra's audit log.
 */
public final class EntraConnector implements ConnectorType {

    static final String AUTHORITY = "https://login.microsoftonline.com";
    static final String GRAPH = "https://graph.microsoft.com";
    static final String SCOPE = "https://graph.microsoft.com/.default";
    /** What getUser reads unless told otherwise: Graph's default set lacks accountEnabled, which containment needs. */
    static final String USER_FIELDS = "id,displayName,userPrincipalName,mail,accountEnabled,userType,jobTitle,"
            + "department,createdDateTime,signInSessionsValidFromDateTime";

    @Override
    public String id() {
        return "entra";
    }

    @Override
    public Set<String> aliases() {
        return Set.of("azure_ad");
    }

    @Override
    public String summary() {
        return "Microsoft Entra ID via Graph: disable or enable a user, revoke their sessions, confirm them compromised";
    }

    @Override
    public List<ConfigField> fields() {
        return List.of(
                ConfigField.requiredOption("tenantId", "the directory (tenant) id or a verified domain"),
                ConfigField.requiredOption("clientId", "the app registration's application (client) id"),
                ConfigField.option("authorityUrl", "the sign-in authority (default " + AUTHORITY + ")"),
                ConfigField.option("graphUrl", "Microsoft Graph (default " + GRAPH + "; national clouds differ)"),
                ConfigField.option("scope", "the token scope (default " + SCOPE + "; national clouds differ)"),
                ConfigField.option("timeout", "longest time one request may take (default 30s)"),
                ConfigField.requiredSecret("clientSecret", "the app registration's client secret value"));
    }

    @Override
    public Set<String> subActions() {
        return Set.of("disableUser", "enableUser", "revokeSessions", "getUser", "confirmCompromised");
    }

    @Override
    public Object execute(ConnectorCall call) throws StepFailure {
        return switch (call.subAction()) {
            case "disableUser" -> accountEnabled(call, false);
            case "enableUser" -> accountEnabled(call, true);
            case "revokeSessions" -> revokeSessions(call);
            case "getUser" -> getUser(call);
            case "confirmCompromised" -> confirmCompromised(call);
            default -> throw call.failure("unknown sub-action; use one of " + subActions());
        };
    }

    @Override
    public String test(ConnectorCall call) throws StepFailure {
        Map<String, Object> body = request(call, "GET", "/v1.0/organization").send().object();
        Object name = body.get("value") instanceof List<?> orgs && !orgs.isEmpty() && orgs.getFirst() instanceof Map<?, ?> org
                ? org.get("displayName") : null;
        return "Entra token obtained; Graph answered for organization " + (name == null ? "?" : name);
    }

    private static Map<String, Object> accountEnabled(ConnectorCall call, boolean enabled) throws StepFailure {
        String user = user(call);
        request(call, "PATCH", userPath(user)).json(Map.of("accountEnabled", enabled)).send();
        call.log("info", call.action() + ": accountEnabled=" + enabled + " for " + user + " (step "
                + call.idempotencyKey() + ")");
        return Map.of("user", user, "accountEnabled", enabled);
    }

    private static Map<String, Object> revokeSessions(ConnectorCall call) throws StepFailure {
        String user = user(call);
        Map<String, Object> body = request(call, "POST", userPath(user) + "/revokeSignInSessions").send().object();
        call.log("info", call.action() + ": sign-in sessions of " + user + " revoked (step " + call.idempotencyKey() + ")");
        return Map.of("user", user, "revoked", !Boolean.FALSE.equals(body.get("value")));
    }

    private static Map<String, Object> getUser(ConnectorCall call) throws StepFailure {
        List<String> select = call.strings("select");
        Map<String, Object> user = new LinkedHashMap<>(request(call, "GET", userPath(user(call)))
                .query("$select", select == null || select.isEmpty() ? USER_FIELDS : String.join(",", select))
                .send().object());
        user.remove("@odata.context");
        return user;
    }

    /** Identity Protection takes object ids only: user principal names are looked up first. */
    private static Map<String, Object> confirmCompromised(ConnectorCall call) throws StepFailure {
        List<String> given = call.strings("userIds");
        if (given == null || given.isEmpty()) {
            given = List.of(user(call));
        }
        List<String> ids = new ArrayList<>();
        for (String user : given) {
            ids.add(isObjectId(user) ? user : String.valueOf(request(call, "GET", userPath(user))
                    .query("$select", "id").send().object().get("id")));
        }
        request(call, "POST", "/v1.0/identityProtection/riskyUsers/confirmCompromised").json(Map.of("userIds", ids))
                .send();
        call.log("info", call.action() + ": confirmed compromised " + ids + " (step " + call.idempotencyKey() + ")");
        return Map.of("userIds", List.copyOf(ids), "confirmed", true);
    }

    private static String user(ConnectorCall call) throws StepFailure {
        return call.requiredAny("user", "userId", "id", "userPrincipalName");
    }

    private static String userPath(String user) {
        return "/v1.0/users/" + ConnectorHttp.pathSegment(user);
    }

    private static boolean isObjectId(String value) {
        try {
            return UUID.fromString(value).toString().equalsIgnoreCase(value);
        } catch (IllegalArgumentException notAGuid) {
            return false;
        }
    }

    private static ConnectorHttp.Request request(ConnectorCall call, String method, String path) throws StepFailure {
        Connector c = call.connector();
        String authority = or(c.option("authorityUrl"), AUTHORITY);
        HttpAuth auth = new HttpAuth.OAuth2ClientCredentials(
                authority + "/" + ConnectorHttp.pathSegment(c.requireOption("tenantId")) + "/oauth2/v2.0/token",
                c.requireOption("clientId"), c.requireSecret("clientSecret"), or(c.option("scope"), SCOPE), Map.of());
        ConnectorHttp.Request request = call.http().request(method, or(c.option("graphUrl"), GRAPH) + path).auth(auth)
                .header("Accept", "application/json");
        if (call.idempotencyKey() != null) {
            request.header("client-request-id", UUID.nameUUIDFromBytes(call.idempotencyKey()
                    .getBytes(StandardCharsets.UTF_8)).toString());
        }
        return request;
    }

    private static String or(String value, String fallback) {
        return (value == null || value.isBlank() ? fallback : value.strip()).replaceAll("/+$", "");
    }
}
