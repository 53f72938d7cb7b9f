package dev.vigil.sims;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Okta's Users API for containment: users by id, login or login shortname; the lifecycle operations suspend,
 * unsuspend, deactivate and reset_factors (200 with an empty object; 400 when the user's status does not allow the
 * operation); session revocation (204); SSWS token auth. Errors have Okta's {@code {errorCode, errorSummary,
 * errorLink, errorId, errorCauses}} shape; a 429 carries {@code X-Rate-Limit-Reset} as an epoch second.
 */
public final class OktaSim extends Simulator {

    public static final String API_TOKEN = "00aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789-_ab";
    public static final String JANE_ID = "00u1ab2cd3EF4gh5i6j7";
    public static final String JANE_LOGIN = "jane.doe@example.com";

    private static final String USER = "/api/v1/users/([^/]+)";

    private final Map<String, Map<String, Object>> users = new ConcurrentHashMap<>();

    public OktaSim() {
        user(JANE_ID, JANE_LOGIN, "Jane", "Doe");
        user("00u9zy8xw7VU6ts5r4q3", "ravi.k@example.com", "Ravi", "K");
        route("GET", "/api/v1/users", (request, path) -> authed(request, () -> {
            int limit = Integer.parseInt(request.query().getOrDefault("limit", "200"));
            List<Object> all = new ArrayList<>(users.values());
            return Response.json(all.subList(0, Math.min(limit, all.size())));
        }));
        route("GET", USER, (request, path) -> authed(request, () -> {
            Map<String, Object> user = find(path.group(1));
            return user == null ? notFound(path.group(1)) : Response.json(user);
        }));
        route("POST", USER + "/lifecycle/([a-z_]+)", (request, path) -> authed(request, () -> {
            Map<String, Object> user = find(path.group(1));
            if (user == null) {
                return notFound(path.group(1));
            }
            String status = String.valueOf(user.get("status"));
            String next = switch (path.group(2)) {
                case "suspend" -> status.equals("ACTIVE") ? "SUSPENDED" : null;
                case "unsuspend" -> status.equals("SUSPENDED") ? "ACTIVE" : null;
                case "deactivate" -> status.equals("DEPROVISIONED") ? null : "DEPROVISIONED";
                case "reset_factors" -> status;
                default -> "unknown";
            };
            if ("unknown".equals(next)) {
                return Response.json(404, error("E0000022", "The endpoint does not support the provided HTTP method",
                        List.of()));
            }
            if (next == null) {
                return Response.json(400, error("E0000001", "Api validation failed: " + path.group(2),
                        List.of(Map.of("errorSummary", "Cannot " + path.group(2) + " a user whose status is " + status))));
            }
            user.put("status", next);
            user.put("statusChanged", Instant.now().toString());
            return Response.json(Map.of());
        }));
        route("DELETE", USER + "/sessions", (request, path) -> authed(request, () -> find(path.group(1)) == null
                ? notFound(path.group(1)) : Response.empty(204)));
    }

    private void user(String id, String login, String first, String last) {
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("id", id);
        user.put("status", "ACTIVE");
        user.put("created", "2024-03-01T09:00:00.000Z");
        user.put("activated", "2024-03-01T09:00:00.000Z");
        user.put("statusChanged", "2024-03-01T09:00:00.000Z");
        user.put("lastLogin", "2026-11-20T08:12:00.000Z");
        user.put("lastUpdated", "2026-11-20T08:12:00.000Z");
        user.put("passwordChanged", "2026-01-10T10:00:00.000Z");
        user.put("type", Map.of("id", "oty1a2b3c4d5e6f7g8h9"));
        user.put("profile", Map.of("firstName", first, "lastName", last, "login", login, "email", login));
        user.put("credentials", Map.of("provider", Map.of("type", "OKTA", "name", "OKTA")));
        user.put("_links", Map.of("self", Map.of("href", "https://example.okta.com/api/v1/users/" + id)));
        users.put(id, user);
    }

    private Map<String, Object> find(String idOrLogin) {
        String wanted = idOrLogin.toLowerCase(Locale.ROOT);
        for (Map<String, Object> user : users.values()) {
            String login = String.valueOf(((Map<?, ?>) user.get("profile")).get("login")).toLowerCase(Locale.ROOT);
            if (user.get("id").equals(idOrLogin) || login.equals(wanted) || login.startsWith(wanted + "@")) {
                return user;
            }
        }
        return null;
    }

    private interface Answer {
        Response get();
    }

    private Response authed(Request request, Answer answer) {
        if (!("SSWS " + API_TOKEN).equals(request.header("authorization"))) {
            return Response.json(401, error("E0000011", "Invalid token provided", List.of()));
        }
        return answer.get();
    }

    private static Response notFound(String user) {
        return Response.json(404, error("E0000007", "Not found: Resource not found: " + user + " (User)", List.of()));
    }

    private static Map<String, Object> error(String code, String summary, List<?> causes) {
        return Map.of("errorCode", code, "errorSummary", summary, "errorLink", code,
                "errorId", "oae" + UUID.randomUUID().toString().replace("-", "").substring(0, 19), "errorCauses", causes);
    }

    @Override
    protected Response rateLimitResponse(int seconds) {
        return Response.json(429, error("E0000047", "API call exceeded rate limit due to too many requests.", List.of()))
                .withHeader("X-Rate-Limit-Limit", "600")
                .withHeader("X-Rate-Limit-Remaining", "0")
                .withHeader("X-Rate-Limit-Reset", String.valueOf(Instant.now().getEpochSecond() + seconds));
    }

    /** A user's current status ("ACTIVE", "SUSPENDED", "DEPROVISIONED"). */
    public String status(String idOrLogin) {
        return String.valueOf(find(idOrLogin).get("status"));
    }

    /** Sets a user's status, as another admin would. */
    public void status(String idOrLogin, String status) {
        find(idOrLogin).put("status", status);
    }

    @Override
    public String name() {
        return "Okta Users API (lifecycle, sessions)";
    }
}
