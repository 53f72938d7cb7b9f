package dev.vigil.sims;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Kibana's Elastic Defend response actions API ({@code /api/endpoint/action/*}, {@code /api/endpoint/metadata}), in
 * the default space and under {@code /s/<space>}: Kibana's {@code {statusCode, error, message}} errors, the
 * {@code kbn-xsrf} check on writes, {@code ApiKey} or basic auth, and action records that stay {@code pending} until
 * a test {@link #complete completes} them, as the endpoint would.
 */
public final class ElasticDefendSim extends Simulator {

    public static final String API_KEY = "VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5udw==";
    public static final String USERNAME = "soc-bot";
    public static final String PASSWORD = "kibana-password-42";
    /** Agent ids the sim knows, with their host names. */
    public static final Map<String, String> HOSTS = Map.of(
            "ed518850-681a-4d60-bb98-e22640cae2a8", "wks-7",
            "9972d10e-4b9e-41aa-a534-a85e2a28ea42", "srv-db-1");

    private static final String SPACE = "(?:/s/[^/]+)?";

    private final Map<String, Map<String, Object>> actions = new ConcurrentHashMap<>();

    public ElasticDefendSim() {
        route("POST", SPACE + "/api/endpoint/action/(isolate|unisolate|kill_process|execute|suspend_process)",
                (request, path) -> guarded(request, true, () -> create(request, path.group(1))));
        route("GET", SPACE + "/api/endpoint/action/([^/]+)", (request, path) -> guarded(request, false, () -> {
            Map<String, Object> action = actions.get(path.group(1));
            return action == null
                    ? error(404, "Not Found", "Action with id '" + path.group(1) + "' not found.")
                    : Response.json(Map.of("data", action));
        }));
        route("GET", SPACE + "/api/endpoint/metadata", (request, path) -> guarded(request, false, () -> {
            List<Object> hosts = new ArrayList<>();
            HOSTS.forEach((id, name) -> hosts.add(Map.of(
                    "metadata", Map.of("agent", Map.of("id", id, "type", "endpoint"), "host", Map.of("hostname", name)),
                    "host_status", "healthy")));
            int size = Integer.parseInt(request.query().getOrDefault("pageSize", "10"));
            return Response.json(Map.of("data", hosts.subList(0, Math.min(size, hosts.size())), "total", hosts.size(),
                    "page", 0, "pageSize", size, "sortField", "enrolled_at", "sortDirection", "desc"));
        }));
    }

    private interface Answer {
        Response get();
    }

    private Response guarded(Request request, boolean write, Answer answer) {
        String auth = request.header("authorization");
        String basic = "Basic " + Base64.getEncoder().encodeToString((USERNAME + ":" + PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        if (!("ApiKey " + API_KEY).equals(auth) && !basic.equals(auth)) {
            return error(401, "Unauthorized", "[security_exception]: unable to authenticate with provided credentials");
        }
        if (write && request.header("kbn-xsrf") == null) {
            return error(400, "Bad Request", "Request must contain a kbn-xsrf header.");
        }
        return answer.get();
    }

    private Response create(Request request, String command) {
        Map<String, Object> body = request.jsonObject();
        if (!(body.get("endpoint_ids") instanceof List<?> ids) || ids.isEmpty()) {
            return error(400, "Bad Request", "[request body.endpoint_ids]: expected value of type [array] but got"
                    + " [undefined]");
        }
        Map<String, Object> parameters = body.get("parameters") instanceof Map<?, ?> p ? cast(p) : null;
        if (command.equals("kill_process") && (parameters == null || parameters.containsKey("pid") == parameters
                .containsKey("entity_id"))) {
            return error(400, "Bad Request", "[request body.parameters]: types that failed validation:\n"
                    + "- [request body.parameters.0.pid]: expected value of type [number] but got [undefined]");
        }
        String id = UUID.randomUUID().toString();
        Map<String, Object> action = new LinkedHashMap<>();
        action.put("id", id);
        action.put("agentType", body.getOrDefault("agent_type", "endpoint"));
        action.put("agents", ids);
        Map<String, Object> hosts = new LinkedHashMap<>();
        Map<String, Object> agentState = new LinkedHashMap<>();
        for (Object agent : ids) {
            hosts.put(String.valueOf(agent), Map.of("name", HOSTS.getOrDefault(String.valueOf(agent), "")));
            agentState.put(String.valueOf(agent), Map.of("isCompleted", false, "wasSuccessful", false));
        }
        action.put("hosts", hosts);
        action.put("command", command);
        action.put("startedAt", Instant.now().toString());
        action.put("isCompleted", false);
        action.put("wasSuccessful", false);
        action.put("isExpired", false);
        action.put("status", "pending");
        action.put("outputs", Map.of());
        action.put("agentState", agentState);
        action.put("createdBy", "soc-bot");
        if (body.get("comment") != null) {
            action.put("comment", body.get("comment"));
        }
        if (parameters != null) {
            action.put("parameters", parameters);
        }
        actions.put(id, action);
        return Response.json(Map.of("action", id, "data", action));
    }

    /** The endpoint reports back: the action is completed and successful. */
    public void complete(String actionId) {
        Map<String, Object> action = new LinkedHashMap<>(actions.get(actionId));
        action.put("isCompleted", true);
        action.put("wasSuccessful", true);
        action.put("status", "successful");
        action.put("completedAt", Instant.now().toString());
        actions.put(actionId, action);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }

    private static Response error(int status, String error, String message) {
        return Response.json(status, Map.of("statusCode", status, "error", error, "message", message));
    }

    @Override
    protected Response rateLimitResponse(int seconds) {
        return error(429, "Too Many Requests", "Too many requests, retry later").withHeader("Retry-After",
                String.valueOf(seconds));
    }

    @Override
    public String name() {
        return "Kibana Elastic Defend response actions API";
    }
}
