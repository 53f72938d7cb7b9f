package dev.vigil.sims;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Microsoft Entra ID for containment, both hosts in one: the v2.0 token endpoint ({@code /{tenant}/oauth2/v2.0/token},
 * client credentials, {@code .default} scope, AADSTS errors) and Microsoft Graph v1.0 (users by object id or UPN
 * with {@code $select}, PATCH accountEnabled → 204, revokeSignInSessions → {@code {value: true}}, Identity
 * Protection's confirmCompromised → 204, organization). Graph errors are {@code {error: {code, message,
 * innerError}}}; its 429s carry Retry-After.
 */
public final class EntraSim extends Simulator {

    public static final String TENANT_ID = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    public static final String CLIENT_ID = "0d7e5a3c-1b2f-4c6d-8e9f-a0b1c2d3e4f5";
    public static final String CLIENT_SECRET = "Qx8~abcDEF.ghiJKL_mnoPQR-stuVWX0123yz";
    public static final String SCOPE = "https://graph.microsoft.com/.default";
    public static final String ADELE_ID = "87d349ed-44d7-43e1-9a83-5f2406dee5bd";
    public static final String ADELE_UPN = "AdeleV@contoso.com";

    private final Map<String, Map<String, Object>> users = new ConcurrentHashMap<>();
    private final Set<String> confirmedCompromised = new CopyOnWriteArraySet<>();
    private final AtomicInteger tokens = new AtomicInteger();
    private volatile String current;

    public EntraSim() {
        user(ADELE_ID, ADELE_UPN, "Adele Vance");
        user("6e7b768e-07e2-4810-8459-485f84f8f204", "AlexW@contoso.com", "Alex Wilber");
        route("POST", "/([^/]+)/oauth2/v2.0/token", (request, path) -> token(request, path.group(1)));
        route("GET", "/v1.0/organization", (request, path) -> authed(request, () -> Response.json(Map.of(
                "@odata.context", "https://graph.microsoft.com/v1.0/$metadata#organization",
                "value", List.of(Map.of("id", TENANT_ID, "displayName", "Contoso",
                        "verifiedDomains", List.of(Map.of("name", "contoso.com", "isDefault", true))))))));
        route("GET", "/v1.0/users/([^/]+)", (request, path) -> authed(request, () -> withUser(path.group(1), user -> {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("@odata.context", "https://graph.microsoft.com/v1.0/$metadata#users/$entity");
            String select = request.query().get("$select");
            Set<String> fields = select == null ? Set.of("id", "displayName", "userPrincipalName", "mail")
                    : Set.of(select.split(","));
            user.forEach((k, v) -> {
                if (fields.contains(k)) {
                    out.put(k, v);
                }
            });
            return Response.json(out);
        })));
        route("PATCH", "/v1.0/users/([^/]+)", (request, path) -> authed(request, () -> withUser(path.group(1), user -> {
            Map<String, Object> body = request.jsonObject();
            if (body == null || body.isEmpty()) {
                return graphError(400, "Request_BadRequest", "Empty Payload. JSON content expected.");
            }
            user.putAll(body);
            return Response.empty(204);
        })));
        route("POST", "/v1.0/users/([^/]+)/revokeSignInSessions", (request, path) -> authed(request, () ->
                withUser(path.group(1), user -> {
                    user.put("signInSessionsValidFromDateTime", Instant.now().toString());
                    return Response.json(Map.of("@odata.context",
                            "https://graph.microsoft.com/v1.0/$metadata#Edm.Boolean", "value", true));
                })));
        route("POST", "/v1.0/identityProtection/riskyUsers/confirmCompromised", (request, path) -> authed(request, () -> {
            List<?> ids = request.jsonObject().get("userIds") instanceof List<?> l ? l : List.of();
            for (Object id : ids) {
                if (!users.containsKey(String.valueOf(id))) {
                    return graphError(400, "badRequest", "Invalid user id: " + id);
                }
            }
            ids.forEach(id -> confirmedCompromised.add(String.valueOf(id)));
            return Response.empty(204);
        }));
    }

    private void user(String id, String upn, String name) {
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("id", id);
        user.put("displayName", name);
        user.put("userPrincipalName", upn);
        user.put("mail", upn);
        user.put("accountEnabled", true);
        user.put("userType", "Member");
        user.put("jobTitle", "Analyst");
        user.put("department", "Finance");
        user.put("createdDateTime", "2024-01-15T10:00:00Z");
        user.put("signInSessionsValidFromDateTime", "2026-11-01T08:00:00Z");
        users.put(id, user);
    }

    private interface Answer {
        Response get();
    }

    private interface UserAnswer {
        Response with(Map<String, Object> user);
    }

    private Response token(Request request, String tenant) {
        Map<String, String> form = request.form();
        String trace = "Trace ID: " + UUID.randomUUID() + " Correlation ID: " + UUID.randomUUID() + " Timestamp: "
                + Instant.now();
        if (!tenant.equals(TENANT_ID)) {
            return oauthError(400, "invalid_request", "AADSTS90002: Tenant '" + tenant + "' not found. Check to make"
                    + " sure you have the correct tenant ID and are signing into the correct cloud. " + trace, 90002);
        }
        if (!CLIENT_ID.equals(form.get("client_id")) || !CLIENT_SECRET.equals(form.get("client_secret"))) {
            return oauthError(401, "invalid_client", "AADSTS7000215: Invalid client secret provided. Ensure the secret"
                    + " being sent in the request is the client secret value, not the client secret ID, for a secret"
                    + " added to app '" + form.get("client_id") + "'. " + trace, 7000215);
        }
        if (!"client_credentials".equals(form.get("grant_type")) || !SCOPE.equals(form.get("scope"))) {
            return oauthError(400, "invalid_scope", "AADSTS1002012: The provided value for scope "
                    + form.get("scope") + " is not valid. Client credential flows must have a scope value with"
                    + " /.default suffixed to the resource identifier (application ID URI). " + trace, 1002012);
        }
        current = "eyJ0eXAiOiJKV1QiLCJub25jZSI6" + tokens.incrementAndGet() + UUID.randomUUID().toString().replace("-", "");
        return Response.json(Map.of("token_type", "Bearer", "expires_in", 3599, "ext_expires_in", 3599,
                "access_token", current));
    }

    private Response authed(Request request, Answer answer) {
        if (current == null || !("Bearer " + current).equals(request.header("authorization"))) {
            return graphError(401, "InvalidAuthenticationToken", "Access token validation failure. Invalid audience.");
        }
        return answer.get();
    }

    private Response withUser(String idOrUpn, UserAnswer answer) {
        for (Map<String, Object> user : users.values()) {
            if (user.get("id").equals(idOrUpn) || String.valueOf(user.get("userPrincipalName")).toLowerCase(Locale.ROOT)
                    .equals(idOrUpn.toLowerCase(Locale.ROOT))) {
                return answer.with(user);
            }
        }
        return graphError(404, "Request_ResourceNotFound", "Resource '" + idOrUpn + "' does not exist or one of its"
                + " queried reference-property objects are not present.");
    }

    private static Response oauthError(int status, String error, String description, int code) {
        return Response.json(status, Map.of("error", error, "error_description", description,
                "error_codes", List.of(code), "timestamp", Instant.now().toString(),
                "trace_id", UUID.randomUUID().toString(), "correlation_id", UUID.randomUUID().toString(),
                "error_uri", "https://login.microsoftonline.com/error?code=" + code));
    }

    private static Response graphError(int status, String code, String message) {
        return Response.json(status, Map.of("error", Map.of("code", code, "message", message, "innerError", Map.of(
                "date", Instant.now().toString(), "request-id", UUID.randomUUID().toString(),
                "client-request-id", UUID.randomUUID().toString()))));
    }

    @Override
    protected Response rateLimitResponse(int seconds) {
        return graphError(429, "TooManyRequests", "Too many requests, please retry after some time.")
                .withHeader("Retry-After", String.valueOf(seconds));
    }

    /** A user's current record (accountEnabled, signInSessionsValidFromDateTime ...). */
    public Map<String, Object> user(String id) {
        return Map.copyOf(users.get(id));
    }

    public List<String> confirmedCompromised() {
        return new ArrayList<>(confirmedCompromised);
    }

    public int tokensIssued() {
        return tokens.get();
    }

    @Override
    public String name() {
        return "Microsoft Entra ID (token endpoint) and Microsoft Graph users";
    }
}
