package dev.vigil.connectors.teams;

import static dev.vigil.connectors.teams.GraphApi.segment;

import dev.vigil.connectors.ConnectorCall;
import dev.vigil.steps.StepFailure;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Graph sub-actions of the {@code teams} connector. The six read actions are Kibana's {@code .microsoft-teams}
 * ones as the corpus calls them (same params, same Graph calls and {@code $select}s); each outputs Graph's JSON, a
 * collection being {@code {value: [...], "@odata.nextLink"}}. The two send actions post a chatMessage and output it.
 */
final class TeamsGraphActions {

    static final Set<String> NAMES = Set.of("listJoinedTeams", "listChannels", "listChannelMessages", "listChats",
            "listChatMessages", "searchMessages", "sendChannelMessage", "sendChatMessage");

    private TeamsGraphActions() {
    }

    static Object run(ConnectorCall call) throws StepFailure {
        GraphApi graph = new GraphApi(call);
        return switch (call.subAction()) {
            case "listJoinedTeams" -> graph.get(user(call, graph) + "/joinedTeams",
                    Map.of("$select", "id,displayName,description,isArchived,tenantId"));
            case "listChannels" -> graph.get("/teams/" + segment(call.required("teamId")) + "/channels",
                    Map.of("$select", "id,displayName,description,createdDateTime,membershipType,webUrl"));
            case "listChannelMessages" -> graph.get(channel(call) + "/messages", top(call, new LinkedHashMap<>()));
            case "listChats" -> {
                Map<String, Object> query = new LinkedHashMap<>();
                query.put("$select", "id,topic,createdDateTime,lastUpdatedDateTime,chatType,webUrl");
                yield graph.get(user(call, graph) + "/chats", top(call, query));
            }
            case "listChatMessages" -> graph.get("/chats/" + segment(call.required("chatId")) + "/messages",
                    top(call, new LinkedHashMap<>()));
            case "searchMessages" -> search(call, graph);
            case "sendChannelMessage" -> send(call, graph, channel(call) + "/messages"
                    + (call.text("replyToId") == null ? "" : "/" + segment(call.text("replyToId")) + "/replies"));
            case "sendChatMessage" -> send(call, graph, "/chats/" + segment(call.required("chatId")) + "/messages");
            default -> throw call.failure("unknown sub-action " + call.subAction());
        };
    }

    /** "Test connection": app-only lists the tenant's teams (Graph has no /me then), delegated the user's. */
    static String test(ConnectorCall call) throws StepFailure {
        GraphApi graph = new GraphApi(call);
        String path = graph.appOnly() ? "/teams" : "/me/joinedTeams";
        Object answer = graph.get(path, Map.of("$select", "id,displayName"));
        if (!(answer instanceof Map<?, ?> body) || !(body.get("value") instanceof List<?> teams)) {
            throw call.failure("Graph answered GET " + path + " without a value list");
        }
        return "Microsoft Graph accepted the " + (graph.appOnly() ? "app's credentials" : "token") + ": "
                + teams.size() + " teams";
    }

    /** {@code /users/{id}} for app-only credentials (which must name the user), else {@code /me}. */
    private static String user(ConnectorCall call, GraphApi graph) throws StepFailure {
        String userId = call.text("userId");
        if (userId != null) {
            return "/users/" + segment(userId);
        }
        if (graph.appOnly()) {
            throw call.failure("with.userId is required with app-only (client credentials) auth: Graph has no"
                    + " signed-in user then");
        }
        return "/me";
    }

    private static String channel(ConnectorCall call) throws StepFailure {
        return "/teams/" + segment(call.required("teamId")) + "/channels/" + segment(call.required("channelId"));
    }

    /** {@code $top} when given; the corpus passes an empty input through as "" or null. */
    private static Map<String, Object> top(ConnectorCall call, Map<String, Object> query) throws StepFailure {
        Long top = call.text("top") == null ? null : call.number("top");
        if (top != null) {
            query.put("$top", top);
        }
        return query;
    }

    private static Object search(ConnectorCall call, GraphApi graph) throws StepFailure {
        if (graph.appOnly()) {
            throw call.failure("searchMessages needs a delegated token (config.auth: bearer): Microsoft Graph does not"
                    + " search chat messages with app-only credentials");
        }
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("entityTypes", List.of("chatMessage"));
        request.put("query", Map.of("queryString", call.required("query")));
        Long from = call.text("from") == null ? null : call.number("from");
        Long size = call.text("size") == null ? null : call.number("size");
        if (from != null) {
            request.put("from", from);
        }
        if (size != null) {
            request.put("size", size);
        }
        if (call.param("enableTopResults") != null && !"".equals(call.param("enableTopResults"))) {
            request.put("enableTopResults", call.bool("enableTopResults"));
        }
        return graph.post("/search/query", Map.of("requests", List.of(request)));
    }

    private static Object send(ConnectorCall call, GraphApi graph, String path) throws StepFailure {
        Map<String, Object> message = new LinkedHashMap<>();
        String contentType = call.textOr("contentType", "text");
        if (!contentType.equals("text") && !contentType.equals("html")) {
            throw call.failure("with.contentType must be text or html, got '" + contentType + "'");
        }
        message.put("body", Map.of("contentType", contentType, "content", call.requiredAny("message", "content", "text")));
        if (call.text("subject") != null) {
            message.put("subject", call.text("subject"));
        }
        try {
            return graph.post(path, message);
        } catch (StepFailure failure) {
            if (!graph.appOnly() || failure.details() == null || !(failure.details().get("status") instanceof Long status)
                    || (status != 401 && status != 403)) {
                throw failure;
            }
            throw new StepFailure(failure.type(), failure.getMessage() + " (Microsoft Graph lets an app post messages"
                    + " with client credentials only to import history; sending needs a delegated token, config.auth:"
                    + " bearer)", failure.details(), failure.extra());
        }
    }
}
