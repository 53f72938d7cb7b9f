package dev.vigil.sims;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Microsoft Teams as Vigil meets it:
 * <ul>
 *   <li>a Workflows (Power Automate) webhook, {@code POST /workflows/{id}/triggers/manual/paths/invoke?sig=...}:
 *       202 with no body for a message whose attachment is an Adaptive Card, 400 {@code TriggerInputSchemaMismatch}
 *       for anything else (a MessageCard), 401 without the right {@code sig};</li>
 *   <li>a legacy Office 365 connector webhook, {@code POST /webhookb2/...}: 200 {@code 1}, or, when throttled,
 *       200 with the {@code ErrorCode:ApplicationThrottled} text;</li>
 *   <li>the Entra token endpoint {@code POST /{tenant}/oauth2/v2.0/token} (client credentials) and Microsoft Graph
 *       under {@code /v1.0}: joined teams, channels, channel and chat messages, chats, search, and posting
 *       messages — which Graph refuses to app-only tokens with 401, as the real one does. Errors are Graph's
 *       {@code {error: {code, message}}}, rate limits 429 {@code TooManyRequests} with {@code Retry-After}.</li>
 * </ul>
 */
public final class TeamsSim extends Simulator {

    public static final String TENANT = "f00dcafe-0000-4000-8000-000000000001";
    public static final String CLIENT_ID = "11111111-2222-4333-8444-555555555555";
    public static final String CLIENT_SECRET = "vigil~client~secret~value";
    public static final String DELEGATED_TOKEN = "eyJ0eXAiOiJKV1Qi.delegated-user-token.sig";
    public static final String TEAM = "a1b2c3d4-0000-4000-8000-00000000d0c5";
    public static final String CHANNEL = "19:soc-general@thread.tacv2";
    public static final String CHAT = "19:ana_ben@unq.gbl.spaces";
    public static final String USER = "7d5c2b1a-0000-4000-8000-0000000000aa";
    public static final String WORKFLOW_PATH = "/workflows/4e3b2a10c9d84f5e/triggers/manual/paths/invoke";
    public static final String WORKFLOW_SIG = "sigAbCdEf0123456789";
    public static final String LEGACY_PATH = "/webhookb2/a1b2c3d4@f00dcafe/IncomingWebhook/0f9e8d7c/legacysecret";

    private final Set<String> appTokens = ConcurrentHashMap.newKeySet();
    private final AtomicInteger tokens = new AtomicInteger();
    private final List<Map<String, Object>> cards = new CopyOnWriteArrayList<>();
    private final List<Map<String, Object>> posts = new CopyOnWriteArrayList<>();
    private final AtomicBoolean throttleLegacy = new AtomicBoolean();

    public TeamsSim() {
        route("POST", "/workflows/[^/]+/triggers/manual/paths/invoke", (request, path) -> workflow(request));
        route("POST", "/webhookb2/.*", (request, path) -> legacy(request));
        route("POST", "/([^/]+)/oauth2/v2\\.0/token", (request, path) -> token(request, path.group(1)));

        route("GET", "/v1.0/me/joinedTeams", (request, path) -> graph(request, true, () -> collection(teams())));
        route("GET", "/v1.0/users/([^/]+)/joinedTeams", (request, path) -> graph(request, false,
                () -> USER.equals(path.group(1)) ? collection(teams()) : notFound("User " + path.group(1) + " not found")));
        route("GET", "/v1.0/teams", (request, path) -> graph(request, false, () -> collection(teams())));
        route("GET", "/v1.0/teams/([^/]+)/channels", (request, path) -> graph(request, false,
                () -> TEAM.equals(path.group(1)) ? collection(List.of(Map.of("id", CHANNEL, "displayName", "General",
                        "membershipType", "standard", "webUrl", "https://teams.microsoft.com/l/channel/" + CHANNEL)))
                        : notFound("No team found with Group Id " + path.group(1))));
        route("GET", "/v1.0/teams/([^/]+)/channels/([^/]+)/messages", (request, path) -> graph(request, false,
                () -> known(path.group(1), path.group(2)) ? page(request, messages("Ana Lopez", 3)) : channelNotFound()));
        route("POST", "/v1.0/teams/([^/]+)/channels/([^/]+)/messages(/[^/]+/replies)?", (request, path) -> graph(request,
                false, () -> known(path.group(1), path.group(2)) ? post(request) : channelNotFound()));
        route("GET", "/v1.0/(me|users/[^/]+)/chats", (request, path) -> graph(request, path.group(1).equals("me"),
                () -> page(request, List.of(Map.of("id", CHAT, "topic", "", "chatType", "oneOnOne")))));
        route("GET", "/v1.0/chats/([^/]+)/messages", (request, path) -> graph(request, false,
                () -> CHAT.equals(path.group(1)) ? page(request, messages("Ben Ode", 2)) : notFound("Chat not found")));
        route("POST", "/v1.0/chats/([^/]+)/messages", (request, path) -> graph(request, false,
                () -> CHAT.equals(path.group(1)) ? post(request) : notFound("Chat not found")));
        route("POST", "/v1.0/search/query", (request, path) -> graph(request, true, () -> Response.json(searchAnswer())));
    }

    @Override
    public String name() {
        return "Microsoft Teams (Workflows and legacy webhooks, Entra token endpoint, Graph)";
    }

    public String workflowUrl() {
        return url() + WORKFLOW_PATH + "?api-version=1&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=" + WORKFLOW_SIG;
    }

    public String legacyUrl() {
        return url() + LEGACY_PATH;
    }

    /** The cards a webhook accepted (the Adaptive Card content, or the MessageCard), in order. */
    public List<Map<String, Object>> cards() {
        return List.copyOf(cards);
    }

    /** The chatMessages Graph created, in order. */
    public List<Map<String, Object>> posts() {
        return List.copyOf(posts);
    }

    public int tokensIssued() {
        return tokens.get();
    }

    /** The legacy webhook answers its next post as a throttled connector does. */
    public void throttleLegacyNext() {
        throttleLegacy.set(true);
    }

    @Override
    protected Response rateLimitResponse(int seconds) {
        return Response.json(429, Map.of("error", Map.of("code", "TooManyRequests", "message",
                "Too many requests.", "innerError", Map.of("request-id", "r-429")))).withHeader("Retry-After",
                String.valueOf(seconds));
    }

    private interface Answer {
        Response get();
    }

    @SuppressWarnings("unchecked")
    private Response workflow(Request request) {
        if (!WORKFLOW_SIG.equals(request.query().get("sig"))) {
            return Response.json(401, Map.of("error", Map.of("code", "DirectApiAuthorizationRequired",
                    "message", "The request must be authenticated only by Shared Access scheme.")));
        }
        Object body = request.json();
        if (body instanceof Map<?, ?> m && "message".equals(m.get("type")) && m.get("attachments") instanceof List<?> a
                && !a.isEmpty() && a.getFirst() instanceof Map<?, ?> attachment
                && "application/vnd.microsoft.card.adaptive".equals(attachment.get("contentType"))
                && attachment.get("content") instanceof Map<?, ?> card && "AdaptiveCard".equals(card.get("type"))
                && card.get("body") instanceof List<?>) {
            cards.add((Map<String, Object>) card);
            return Response.empty(202);
        }
        return Response.json(400, Map.of("error", Map.of("code", "TriggerInputSchemaMismatch", "message",
                "The input body for trigger 'manual' of type 'Request' did not match its schema definition."
                        + " Error details: 'Required properties are missing from object: attachments.'.")));
    }

    @SuppressWarnings("unchecked")
    private Response legacy(Request request) {
        if (!LEGACY_PATH.equals(request.path())) {
            return Response.text(404, "Webhook Bad Request - Null or empty event");
        }
        if (throttleLegacy.getAndSet(false)) {
            return Response.text(200, "Microsoft Teams endpoint returned HTTP error 429 with ContextId"
                    + " tcid=0,server=msgapi-production-eus-azsc2-4-170,cv=deadbeef.0..ErrorCode:ApplicationThrottled");
        }
        if (!(request.json() instanceof Map<?, ?> body) || (body.get("text") == null && body.get("attachments") == null)) {
            return Response.text(400, "Summary or Text is required.");
        }
        cards.add((Map<String, Object>) body);
        return Response.text(200, "1");
    }

    private Response token(Request request, String tenant) {
        Map<String, String> form = request.form();
        if (!TENANT.equals(tenant)) {
            return Response.json(400, Map.of("error", "invalid_request", "error_description",
                    "AADSTS90002: Tenant '" + tenant + "' not found."));
        }
        if (!"client_credentials".equals(form.get("grant_type")) || !CLIENT_ID.equals(form.get("client_id"))
                || !CLIENT_SECRET.equals(form.get("client_secret"))) {
            return Response.json(401, Map.of("error", "invalid_client", "error_description",
                    "AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is"
                            + " the client secret value, not the client secret ID.", "error_codes", List.of(7000215L)));
        }
        if (!"https://graph.microsoft.com/.default".equals(form.get("scope"))) {
            return Response.json(400, Map.of("error", "invalid_scope", "error_description",
                    "AADSTS1002012: The provided value for scope is not valid."));
        }
        String token = "eyJ0eXAiOiJKV1Qi.app-token-" + tokens.incrementAndGet() + ".sig";
        appTokens.add(token);
        return Response.json(Map.of("token_type", "Bearer", "expires_in", 3599L, "ext_expires_in", 3599L,
                "access_token", token));
    }

    /** Checks the bearer token; {@code delegatedOnly} answers for /me and search, which need a signed-in user. */
    private Response graph(Request request, boolean delegatedOnly, Answer answer) {
        String auth = request.header("authorization");
        String token = auth != null && auth.startsWith("Bearer ") ? auth.substring(7) : null;
        if (token == null) {
            return graphError(401, "InvalidAuthenticationToken", "Access token is empty.");
        }
        boolean app = appTokens.contains(token);
        if (!app && !DELEGATED_TOKEN.equals(token)) {
            return graphError(401, "InvalidAuthenticationToken", "IDX14100: JWT is not well formed.");
        }
        if (app && delegatedOnly) {
            return graphError(400, "BadRequest", "/me request is only valid with delegated authentication flow.");
        }
        if (app && "POST".equals(request.method()) && request.path().contains("/messages")) {
            return graphError(401, "Unauthorized", "Message POST is allowed in application-only context only for"
                    + " import purposes. Refer to https://docs.microsoft.com/microsoftteams/platform/graph-api/"
                    + "import-messages/import-external-messages-to-teams for more details.");
        }
        return answer.get();
    }

    private Response post(Request request) {
        if (!(request.json() instanceof Map<?, ?> body) || !(body.get("body") instanceof Map<?, ?> content)
                || content.get("content") == null) {
            return graphError(400, "BadRequest", "Missing body content");
        }
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("id", "17000000" + (posts.size() + 1));
        message.put("messageType", "message");
        message.put("createdDateTime", "2026-11-23T10:00:00Z");
        message.put("subject", body.get("subject"));
        message.put("body", content);
        message.put("from", Map.of("user", Map.of("id", USER, "displayName", "Ana Lopez")));
        posts.add(message);
        return Response.json(201, message);
    }

    private static Map<String, Object> searchAnswer() {
        Map<String, Object> hit = Map.of("hitId", "h1", "rank", 1L, "summary", "<c0>malware</c0> on wks-7",
                "resource", Map.of("id", "m1"));
        Map<String, Object> container = Map.of("total", 1L, "moreResultsAvailable", false, "hits", List.of(hit));
        return Map.of("value", List.of(Map.of("searchTerms", List.of("malware"), "hitsContainers", List.of(container))));
    }

    private static boolean known(String team, String channel) {
        return TEAM.equals(team) && CHANNEL.equals(channel);
    }

    private static List<Map<String, Object>> teams() {
        return List.of(Map.of("id", TEAM, "displayName", "SOC", "description", "Security operations",
                "isArchived", false, "tenantId", TENANT));
    }

    private static List<Map<String, Object>> messages(String sender, int count) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            out.add(Map.of("id", "16000000" + i, "messageType", "message", "createdDateTime", "2026-11-2" + i + "T09:00:00Z",
                    "from", Map.of("user", Map.of("displayName", sender)), "body", Map.of("contentType", "html",
                            "content", "<p>message " + i + "</p>"), "webUrl", "https://teams.microsoft.com/l/message/" + i));
        }
        return out;
    }

    /** One page of {@code $top} items (Graph's limit for messages is 50), with a next link when more remain. */
    private Response page(Request request, List<Map<String, Object>> items) {
        int top = Integer.parseInt(request.query().getOrDefault("$top", "20"));
        if (top < 1 || top > 50) {
            return graphError(400, "BadRequest", "Invalid page size requested: " + top);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("@odata.count", (long) Math.min(top, items.size()));
        body.put("value", items.subList(0, Math.min(top, items.size())));
        if (items.size() > top) {
            body.put("@odata.nextLink", url() + request.path() + "?$top=" + top + "&$skiptoken=" + top);
        }
        return Response.json(body);
    }

    private static Response collection(List<Map<String, Object>> items) {
        return Response.json(Map.of("@odata.context", "https://graph.microsoft.com/v1.0/$metadata", "value", items));
    }

    private static Response channelNotFound() {
        return notFound("Channel or team not found");
    }

    private static Response notFound(String message) {
        return graphError(404, "NotFound", message);
    }

    private static Response graphError(int status, String code, String message) {
        return Response.json(status, Map.of("error", Map.of("code", code, "message", message,
                "innerError", Map.of("date", "2026-11-23T10:00:00", "request-id", "r-" + status))));
    }
}
