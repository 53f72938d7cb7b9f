package dev.vigil.sims;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Matcher;

/**
 * PagerDuty on one port: the Events API v2 ({@code POST /v2/enqueue}, routing key {@link #ROUTING_KEY}; 202
 * {@code {status, message, dedup_key}}, 400 {@code {status: "invalid event", message, errors}}) and the REST API v2
 * ({@code Authorization: Token token=}{@link #API_TOKEN}; wrapped entities, classic {@code limit/offset/more}
 * pagination, {@code name[]} list filters, {@code {error: {message, code, errors}}} on failure, {@code From} required
 * on writes). One service, escalation policy, schedule, team, two users, on-calls and three incidents to start with.
 */
public final class PagerDutySim extends Simulator {

    public static final String ROUTING_KEY = "R0123456789abcdef0123456789abcde";
    public static final String API_TOKEN = "u+pd-api-token-abcdef123456";
    public static final String FROM = "ana@example.com";

    private final List<Map<String, Object>> incidents = new CopyOnWriteArrayList<>();
    private final List<Map<String, Object>> events = new CopyOnWriteArrayList<>();
    private final AtomicInteger nextIncident = new AtomicInteger(4);

    public PagerDutySim() {
        incidents.add(incident("PINC001", 1, "CPU high on db-1", "triggered", "high"));
        incidents.add(incident("PINC002", 2, "Disk almost full", "acknowledged", "low"));
        incidents.add(incident("PINC003", 3, "Login failures", "resolved", "high"));

        route("POST", "/v2/enqueue", (r, m) -> enqueue(r));
        route("GET", "/abilities", (r, m) -> authed(r, () -> json(Map.of("abilities",
                List.of("sso", "teams", "urgencies", "response_plays")))));
        route("GET", "/users/me", (r, m) -> authed(r, () -> json(Map.of("user", user("PUSR001", "Ana Analyst", FROM)))));
        route("GET", "/incidents", (r, m) -> authed(r, () -> page(r, "incidents", incidents, this::matches)));
        route("GET", "/incidents/([^/]+)", (r, m) -> authed(r, () -> find(incidents, m.group(1))
                .map(i -> json(Map.of("incident", i))).orElse(notFound())));
        route("POST", "/incidents", (r, m) -> authed(r, () -> write(r, () -> create(r))));
        route("PUT", "/incidents/([^/]+)", (r, m) -> authed(r, () -> write(r, () -> update(r, m))));
        route("POST", "/incidents/([^/]+)/notes", (r, m) -> authed(r, () -> write(r, () -> note(r, m))));
        route("GET", "/oncalls", (r, m) -> authed(r, () -> page(r, "oncalls", oncalls(), o -> true)));
        route("GET", "/schedules", (r, m) -> authed(r, () -> page(r, "schedules", List.of(schedule()), o -> true)));
        route("GET", "/schedules/([^/]+)", (r, m) -> authed(r, () -> m.group(1).equals("PSCH001")
                ? json(Map.of("schedule", schedule())) : notFound()));
        route("GET", "/escalation_policies", (r, m) -> authed(r, () -> page(r, "escalation_policies",
                List.of(policy()), o -> true)));
        route("GET", "/escalation_policies/([^/]+)", (r, m) -> authed(r, () -> m.group(1).equals("PEP001")
                ? json(Map.of("escalation_policy", policy())) : notFound()));
        route("GET", "/users", (r, m) -> authed(r, () -> page(r, "users", List.of(
                user("PUSR001", "Ana Analyst", FROM), user("PUSR002", "Bob Builder", "bob@example.com")),
                u -> r.query().get("query") == null
                        || String.valueOf(u.get("name")).toLowerCase().contains(r.query().get("query").toLowerCase()))));
        route("GET", "/teams", (r, m) -> authed(r, () -> page(r, "teams", List.of(team()), o -> true)));
        route("GET", "/teams/([^/]+)", (r, m) -> authed(r, () -> m.group(1).equals("PTEAM01")
                ? json(Map.of("team", team())) : notFound()));
        route("GET", "/services", (r, m) -> authed(r, () -> page(r, "services", List.of(Map.of("id", "PSVC001",
                "type", "service", "name", "Checkout API", "summary", "Checkout API",
                "escalation_policy", ref("PEP001", "escalation_policy_reference", "Checkout On-call"))), o -> true)));
    }

    @Override
    public String name() {
        return "PagerDuty Events API v2 and REST API v2";
    }

    /** PagerDuty's REST 429: its error body and its ratelimit headers (it sends no Retry-After). */
    @Override
    protected Response rateLimitResponse(int seconds) {
        return Response.json(429, Map.of("error", Map.of("message", "Rate Limit Exceeded", "code", 2020)))
                .withHeader("ratelimit-limit", "960").withHeader("ratelimit-remaining", "0")
                .withHeader("ratelimit-reset", String.valueOf(seconds));
    }

    /** Events accepted so far, as received. */
    public List<Map<String, Object>> events() {
        return List.copyOf(events);
    }

    /** Adds {@code count} triggered high-urgency incidents (for paging). */
    public void seedIncidents(int count) {
        for (int i = 0; i < count; i++) {
            int number = incidents.size() + 1;
            incidents.add(incident("PSEED" + number, number, "Seeded " + number, "triggered", "high"));
        }
    }

    /** An incident as stored, or null. */
    public Map<String, Object> incident(String id) {
        return find(incidents, id).orElse(null);
    }

    private static Response json(Object value) {
        return Response.json(value);
    }

    private static Response error(int status, String message, int code, String... errors) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", message);
        error.put("code", code);
        if (errors.length > 0) {
            error.put("errors", Arrays.asList(errors));
        }
        return Response.json(status, Map.of("error", error));
    }

    private static Response notFound() {
        return error(404, "Not Found", 2100);
    }

    private Response authed(Request request, java.util.function.Supplier<Response> answer) {
        if (!("Token token=" + API_TOKEN).equals(request.header("authorization"))) {
            return error(401, "Authentication failed", 2006);
        }
        return answer.get();
    }

    /** Writes with an account-level key need to say who acts. */
    private static Response write(Request request, java.util.function.Supplier<Response> answer) {
        if (request.header("from") == null || !request.header("from").contains("@")) {
            return error(400, "Invalid Input Provided", 2001, "A valid email address must be given in the From"
                    + " header.");
        }
        return answer.get();
    }

    private Response enqueue(Request request) {
        Map<String, Object> event = request.jsonObject();
        List<String> errors = new ArrayList<>();
        if (!ROUTING_KEY.equals(event.get("routing_key"))) {
            errors.add("'routing_key' is invalid");
        }
        Object action = event.get("event_action");
        if (!List.of("trigger", "acknowledge", "resolve").contains(action)) {
            errors.add("'event_action' is invalid");
        }
        if ("trigger".equals(action)) {
            Map<?, ?> payload = event.get("payload") instanceof Map<?, ?> p ? p : Map.of();
            for (String field : List.of("summary", "source", "severity")) {
                if (payload.get(field) == null) {
                    errors.add("'payload." + field + "' is missing or blank");
                }
            }
        } else if (event.get("dedup_key") == null) {
            errors.add("'dedup_key' is missing or blank");
        }
        if (!errors.isEmpty()) {
            return Response.json(400, Map.of("status", "invalid event", "message", "Event object is invalid",
                    "errors", errors));
        }
        events.add(event);
        Object dedup = event.get("dedup_key") != null ? event.get("dedup_key") : "dd" + events.size() + "0f3c2b9e1a";
        return Response.json(202, Map.of("status", "success", "message", "Event processed", "dedup_key", dedup));
    }

    private boolean matches(Map<String, Object> incident, Request request) {
        return contains(request.query().get("statuses[]"), incident.get("status"))
                && contains(request.query().get("urgencies[]"), incident.get("urgency"))
                && contains(request.query().get("service_ids[]"), ((Map<?, ?>) incident.get("service")).get("id"));
    }

    private static boolean contains(String commaJoined, Object value) {
        return commaJoined == null || Arrays.asList(commaJoined.split(",")).contains(String.valueOf(value));
    }

    private Response page(Request request, String entity, List<Map<String, Object>> all,
                          Predicate<Map<String, Object>> filter) {
        return page(request, entity, all, (item, r) -> filter.test(item));
    }

    private Response page(Request request, String entity, List<Map<String, Object>> all,
                          java.util.function.BiPredicate<Map<String, Object>, Request> filter) {
        int limit = Integer.parseInt(request.query().getOrDefault("limit", "25"));
        int offset = Integer.parseInt(request.query().getOrDefault("offset", "0"));
        if (limit > 100) {
            return error(400, "Invalid Input Provided", 2001, "Limit must be between 1 and 100");
        }
        List<Map<String, Object>> matching = all.stream().filter(i -> filter.test(i, request)).toList();
        List<Map<String, Object>> slice = matching.subList(Math.min(offset, matching.size()),
                Math.min(offset + limit, matching.size()));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(entity, slice);
        body.put("limit", limit);
        body.put("offset", offset);
        body.put("total", null);
        body.put("more", offset + limit < matching.size());
        return Response.json(body);
    }

    private static java.util.Optional<Map<String, Object>> find(List<Map<String, Object>> list, String id) {
        return list.stream().filter(i -> id.equals(i.get("id"))).findFirst();
    }

    @SuppressWarnings("unchecked")
    private Response create(Request request) {
        Map<String, Object> body = (Map<String, Object>) request.jsonObject().get("incident");
        Object service = body.get("service") instanceof Map<?, ?> s ? s.get("id") : null;
        if (!"PSVC001".equals(service)) {
            return error(400, "Invalid Input Provided", 2001, "Service not found");
        }
        String id = "PINC00" + nextIncident.getAndIncrement();
        Map<String, Object> incident = incident(id, incidents.size() + 1, String.valueOf(body.get("title")),
                "triggered", String.valueOf(body.getOrDefault("urgency", "high")));
        if (body.get("incident_key") != null) {
            incident.put("incident_key", body.get("incident_key"));
        }
        incidents.add(incident);
        return Response.json(201, Map.of("incident", incident));
    }

    @SuppressWarnings("unchecked")
    private Response update(Request request, Matcher path) {
        Map<String, Object> incident = incident(path.group(1));
        if (incident == null) {
            return notFound();
        }
        Map<String, Object> changes = (Map<String, Object>) request.jsonObject().get("incident");
        if ("resolved".equals(incident.get("status")) && changes.get("status") != null) {
            return error(400, "Incident Already Resolved", 1001);
        }
        for (String field : List.of("status", "title", "urgency")) {
            if (changes.get(field) != null) {
                incident.put(field, changes.get(field));
            }
        }
        incident.put("updated_at", "2024-05-01T11:00:00Z");
        return json(Map.of("incident", incident));
    }

    @SuppressWarnings("unchecked")
    private Response note(Request request, Matcher path) {
        if (incident(path.group(1)) == null) {
            return notFound();
        }
        Map<String, Object> note = (Map<String, Object>) request.jsonObject().get("note");
        return Response.json(201, Map.of("note", Map.of("id", "PNOTE01", "content", note.get("content"),
                "created_at", "2024-05-01T11:05:00Z", "user", ref("PUSR001", "user_reference", "Ana Analyst"))));
    }

    private Map<String, Object> incident(String id, int number, String title, String status, String urgency) {
        Map<String, Object> incident = new LinkedHashMap<>();
        incident.put("id", id);
        incident.put("type", "incident");
        incident.put("summary", "[#" + number + "] " + title);
        incident.put("incident_number", number);
        incident.put("title", title);
        incident.put("status", status);
        incident.put("urgency", urgency);
        incident.put("created_at", "2024-05-01T10:00:00Z");
        incident.put("updated_at", "2024-05-01T10:00:00Z");
        incident.put("service", ref("PSVC001", "service_reference", "Checkout API"));
        incident.put("assignments", List.of(Map.of("at", "2024-05-01T10:00:00Z",
                "assignee", ref("PUSR001", "user_reference", "Ana Analyst"))));
        incident.put("html_url", "https://example.pagerduty.com/incidents/" + id);
        return incident;
    }

    private static Map<String, Object> ref(String id, String type, String summary) {
        return Map.of("id", id, "type", type, "summary", summary);
    }

    private static Map<String, Object> user(String id, String name, String email) {
        return Map.of("id", id, "type", "user", "name", name, "email", email, "summary", name, "role", "admin");
    }

    private static Map<String, Object> team() {
        return Map.of("id", "PTEAM01", "type", "team", "name", "SecOps", "summary", "SecOps",
                "description", "Security operations");
    }

    private static Map<String, Object> schedule() {
        return Map.of("id", "PSCH001", "type", "schedule", "name", "Primary", "summary", "Primary",
                "description", "Primary on-call", "time_zone", "Etc/UTC",
                "schedule_layers", List.of(Map.of("id", "PLAYER1", "name", "Layer 1", "start", "2024-01-01T00:00:00Z",
                        "rotation_virtual_start", "2024-01-01T00:00:00Z", "rotation_turn_length_seconds", 604800,
                        "users", List.of(Map.of("user", ref("PUSR001", "user_reference", "Ana Analyst"))))),
                "users", List.of(ref("PUSR001", "user_reference", "Ana Analyst")));
    }

    private static Map<String, Object> policy() {
        return Map.of("id", "PEP001", "type", "escalation_policy", "name", "Checkout On-call",
                "description", "Pages the primary schedule", "num_loops", 2,
                "escalation_rules", List.of(Map.of("id", "PRULE01", "escalation_delay_in_minutes", 30,
                        "targets", List.of(ref("PSCH001", "schedule_reference", "Primary")))),
                "services", List.of(ref("PSVC001", "service_reference", "Checkout API")),
                "teams", List.of(ref("PTEAM01", "team_reference", "SecOps")));
    }

    private static List<Map<String, Object>> oncalls() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int level = 1; level <= 3; level++) {
            out.add(Map.of("escalation_policy", ref("PEP001", "escalation_policy_reference", "Checkout On-call"),
                    "escalation_level", level, "schedule", ref("PSCH001", "schedule_reference", "Primary"),
                    "user", ref(level == 2 ? "PUSR002" : "PUSR001", "user_reference",
                            level == 2 ? "Bob Builder" : "Ana Analyst"),
                    "start", "2024-05-01T00:00:00Z", "end", "2024-05-08T00:00:00Z"));
        }
        return out;
    }
}
