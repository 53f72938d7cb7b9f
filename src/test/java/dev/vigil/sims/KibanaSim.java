package dev.vigil.sims;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Kibana 9's HTTP API for what workflows do with detection alerts: alert status, tags and assignees
 * ({@code /api/detection_engine/signals/*}), rules (read, find), connector delete (a 204), and {@code /api/status}.
 * Every path works in the default space and under {@code /s/<space>}; alerts live in one space. Like Kibana, a
 * request needs credentials (401 otherwise) and every method but GET and HEAD needs a {@code kbn-xsrf} header (400
 * otherwise), so a passing test proves Vigil sent it. Errors have Kibana's shapes: {@code {statusCode, error,
 * message}} from the platform, {@code {message, status_code}} from the detection engine.
 */
public final class KibanaSim extends Simulator {

    public static final String API_KEY = "a2liYW5hLXNpbS1rZXk6c2VjcmV0LXZhbHVlLTI3MTgy";
    public static final String USER = "elastic";
    public static final String PASSWORD = "kibana-sim-password-161";
    public static final String VERSION = "9.1.3";

    private static final String SPACE = "(?:/s/([a-z0-9_-]+))?";

    /** One detection alert in one space. */
    public record Alert(String status, String reason, Set<String> tags, Set<String> assignees) {
    }

    private final Map<String, Map<String, Alert>> alerts = new LinkedHashMap<>();
    private final Map<String, Map<String, Object>> rules = new LinkedHashMap<>();
    private final Set<String> connectors = new LinkedHashSet<>();

    public KibanaSim() {
        route("GET", SPACE + "/api/status", (r, m) -> checked(r, () -> Response.json(Map.of("name", "kibana-sim",
                "uuid", "5b2de169-2785-441b-ae8c-186a1936b17d", "version", Map.of("number", VERSION,
                        "build_hash", "0f1e2d", "build_number", 84730, "build_snapshot", false),
                "status", Map.of("overall", Map.of("level", "available",
                        "summary", "All services and plugins are available"))))));
        route("POST", SPACE + "/api/detection_engine/signals/status", (r, m) -> checked(r, () -> status(r, space(m))));
        route("POST", SPACE + "/api/detection_engine/signals/tags", (r, m) -> checked(r, () -> tags(r, space(m))));
        route("POST", SPACE + "/api/detection_engine/signals/assignees",
                (r, m) -> checked(r, () -> assignees(r, space(m))));
        route("GET", SPACE + "/api/detection_engine/rules", (r, m) -> checked(r, () -> readRule(r)));
        route("GET", SPACE + "/api/detection_engine/rules/_find", (r, m) -> checked(r, () -> findRules(r)));
        route("DELETE", SPACE + "/api/actions/connector/([^/]+)", (r, m) -> checked(r, () -> deleteConnector(m.group(2))));
        for (String method : List.of("GET", "POST", "PUT", "PATCH", "DELETE")) {
            route(method, "/.*", (r, m) -> checked(r, () -> platformError(404, "Not Found", "Not Found")));
        }
    }

    @Override
    public String name() {
        return "Kibana " + VERSION + " API (detection alerts, rules)";
    }

    // ---- set-up and inspection for tests ----

    public synchronized void seedAlert(String space, String id) {
        alerts.computeIfAbsent(space, s -> new LinkedHashMap<>()).put(id, new Alert("open", null, Set.of(), Set.of()));
    }

    public synchronized Alert alert(String space, String id) {
        return alerts.getOrDefault(space, Map.of()).get(id);
    }

    public synchronized void seedRule(String ruleId, String name) {
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("id", "so-" + ruleId);
        rule.put("rule_id", ruleId);
        rule.put("name", name);
        rule.put("enabled", true);
        rule.put("type", "query");
        rules.put(ruleId, rule);
    }

    public synchronized void seedConnector(String id) {
        connectors.add(id);
    }

    @Override
    protected Response rateLimitResponse(int seconds) {
        return platformError(429, "Too Many Requests", "Too many requests, try again later")
                .withHeader("Retry-After", String.valueOf(seconds));
    }

    // ---- auth and xsrf, in Kibana's order ----

    private interface Answer {
        Response get();
    }

    private Response checked(Request r, Answer answer) {
        String auth = r.header("authorization");
        String basic = "Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        if (!("ApiKey " + API_KEY).equals(auth) && !basic.equals(auth)) {
            return platformError(401, "Unauthorized", "[security_exception\n\tRoot causes:\n\t\tsecurity_exception:"
                    + " unable to authenticate with provided credentials and anonymous access is not allowed for REST"
                    + " request [/_security/_authenticate]]: unable to authenticate with provided credentials and"
                    + " anonymous access is not allowed for REST request [/_security/_authenticate]");
        }
        if (!List.of("GET", "HEAD").contains(r.method()) && r.header("kbn-xsrf") == null) {
            return platformError(400, "Bad Request", "Request must contain a kbn-xsrf header.");
        }
        synchronized (this) {
            return answer.get();
        }
    }

    static Response platformError(int status, String error, String message) {
        return Response.json(status, Map.of("statusCode", status, "error", error, "message", message));
    }

    private static Response engineError(int status, String message) {
        return Response.json(status, Map.of("message", message, "status_code", status));
    }

    private static String space(java.util.regex.Matcher m) {
        return m.group(1) == null ? "default" : m.group(1);
    }

    // ---- detection alerts ----

    private Response status(Request r, String space) {
        Map<String, Object> body = r.jsonObject() == null ? Map.of() : r.jsonObject();
        Object status = body.get("status");
        if (!List.of("open", "closed", "acknowledged", "in-progress").contains(status)) {
            return platformError(400, "Bad Request", "[request body]: status: Invalid enum value. Expected 'open' |"
                    + " 'closed' | 'acknowledged' | 'in-progress', received '" + status + "'");
        }
        Object reason = body.get("reason");
        if (reason != null && !status.equals("closed")) {
            return engineError(400, "Reason can only be set when closing alerts");
        }
        List<String> ids = strings(body.get("signal_ids"));
        if (ids.isEmpty() && body.get("query") == null) {
            return engineError(400, "Either 'signal_ids' or 'query' must be set");
        }
        Map<String, Alert> inSpace = alerts.computeIfAbsent(space, s -> new LinkedHashMap<>());
        List<String> targets = ids.isEmpty() ? List.copyOf(inSpace.keySet()) : ids;
        int updated = 0;
        for (String id : targets) {
            Alert a = inSpace.get(id);
            if (a != null) {
                // Kibana stores "in-progress" as acknowledged
                String stored = status.equals("in-progress") ? "acknowledged" : String.valueOf(status);
                inSpace.put(id, new Alert(stored, reason == null ? null : String.valueOf(reason), a.tags(),
                        a.assignees()));
                updated++;
            }
        }
        return Response.json(byQuery(updated));
    }

    private Response tags(Request r, String space) {
        Map<String, Object> body = r.jsonObject() == null ? Map.of() : r.jsonObject();
        if (!(body.get("tags") instanceof Map<?, ?> tags)) {
            return platformError(400, "Bad Request", "[request body]: tags: Required");
        }
        List<String> add = strings(tags.get("tags_to_add"));
        List<String> remove = strings(tags.get("tags_to_remove"));
        List<String> both = add.stream().filter(remove::contains).toList();
        if (!both.isEmpty()) {
            return engineError(400, "Duplicate tags [\"" + String.join("\",\"", both) + "\"] found in 'tags_to_add'"
                    + " and 'tags_to_remove'");
        }
        return Response.json(byQuery(change(space, strings(body.get("ids")), add, remove, true)));
    }

    private Response assignees(Request r, String space) {
        Map<String, Object> body = r.jsonObject() == null ? Map.of() : r.jsonObject();
        if (!(body.get("assignees") instanceof Map<?, ?> assignees)) {
            return platformError(400, "Bad Request", "[request body]: assignees: Required");
        }
        List<String> add = strings(assignees.get("add"));
        List<String> remove = strings(assignees.get("remove"));
        return Response.json(byQuery(change(space, strings(body.get("ids")), add, remove, false)));
    }

    private int change(String space, List<String> ids, List<String> add, List<String> remove, boolean tags) {
        Map<String, Alert> inSpace = alerts.computeIfAbsent(space, s -> new LinkedHashMap<>());
        int updated = 0;
        for (String id : ids) {
            Alert a = inSpace.get(id);
            if (a == null) {
                continue;
            }
            Set<String> values = new LinkedHashSet<>(tags ? a.tags() : a.assignees());
            values.addAll(add);
            remove.forEach(values::remove);
            inSpace.put(id, tags ? new Alert(a.status(), a.reason(), Set.copyOf(values), a.assignees())
                    : new Alert(a.status(), a.reason(), a.tags(), Set.copyOf(values)));
            updated++;
        }
        return updated;
    }

    /** What Kibana answers for the signals APIs: Elasticsearch's update-by-query response. */
    private static Map<String, Object> byQuery(int updated) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("took", 5);
        out.put("timed_out", false);
        out.put("total", updated);
        out.put("updated", updated);
        out.put("deleted", 0);
        out.put("batches", updated == 0 ? 0 : 1);
        out.put("version_conflicts", 0);
        out.put("noops", 0);
        out.put("retries", Map.of("bulk", 0, "search", 0));
        out.put("throttled_millis", 0);
        out.put("requests_per_second", -1);
        out.put("throttled_until_millis", 0);
        out.put("failures", List.of());
        return out;
    }

    private static List<String> strings(Object value) {
        List<String> out = new ArrayList<>();
        if (value instanceof List<?> list) {
            list.forEach(v -> out.add(String.valueOf(v)));
        }
        return out;
    }

    // ---- rules and connectors ----

    private Response readRule(Request r) {
        String ruleId = r.query().get("rule_id");
        String id = r.query().get("id");
        if (ruleId == null && id == null) {
            return engineError(400, "either \"id\" or \"rule_id\" must be set");
        }
        for (Map<String, Object> rule : rules.values()) {
            if (rule.get("rule_id").equals(ruleId) || rule.get("id").equals(id)) {
                return Response.json(rule);
            }
        }
        return engineError(404, ruleId != null ? "rule_id: \"" + ruleId + "\" not found" : "id: \"" + id + "\" not found");
    }

    private Response findRules(Request r) {
        int perPage = r.query().getOrDefault("per_page", "20").matches("\\d+")
                ? Integer.parseInt(r.query().get("per_page") == null ? "20" : r.query().get("per_page")) : 20;
        List<Map<String, Object>> data = rules.values().stream().limit(perPage).toList();
        return Response.json(Map.of("page", 1, "perPage", perPage, "total", rules.size(), "data", data));
    }

    private Response deleteConnector(String id) {
        if (!connectors.remove(id)) {
            return platformError(404, "Not Found", "Saved object [action/" + id + "] not found");
        }
        return Response.empty(204);
    }
}
