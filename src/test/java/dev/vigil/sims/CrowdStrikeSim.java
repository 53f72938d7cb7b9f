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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The CrowdStrike Falcon API as far as containment needs it: the OAuth2 token endpoint (form or basic client
 * credentials, 201 with a 30-minute token), hosts (query by FQL hostname, details, online state, contain and lift),
 * and Real Time Response sessions with active-responder commands. Answers have Falcon's
 * {@code {meta, resources, errors}} shape; a 429 carries {@code X-RateLimit-RetryAfter} as an epoch second and no
 * Retry-After, as Falcon's do.
 */
public final class CrowdStrikeSim extends Simulator {

    public static final String CLIENT_ID = "f2d1c9e0a7b84c0c9d1e2f3a4b5c6d7e";
    public static final String CLIENT_SECRET = "cs-secret-Zq8yX1wV2uT3sR4qP5oN6mL7kJ8iH9gF";
    public static final String WKS_7 = "4a7c0f0e3b9d4c1e8f2a6b5d9c8e7f01";
    public static final String SRV_DB_1 = "9b1d2c3e4f5a6b7c8d9e0f1a2b3c4d5e";

    private static final Pattern HOSTNAME = Pattern.compile("hostname:'((?:[^'\\\\]|\\\\.)*)'");

    private final Map<String, Map<String, Object>> devices = new ConcurrentHashMap<>();
    private final Map<String, String> sessions = new ConcurrentHashMap<>();
    private final Map<String, Integer> commands = new ConcurrentHashMap<>();
    private final AtomicInteger tokens = new AtomicInteger();
    private volatile String current;
    private volatile int pollsUntilComplete = 1;
    private volatile String killStderr = "";

    public CrowdStrikeSim() {
        device(WKS_7, "wks-7", "Windows");
        device(SRV_DB_1, "srv-db-1", "Linux");
        route("POST", "/oauth2/token", (request, path) -> token(request));
        route("POST", "/devices/entities/devices-actions/v2", (request, path) -> authed(request, () -> hostAction(request)));
        route("GET", "/devices/entities/devices/v2", (request, path) -> authed(request, () -> {
            List<Object> found = new ArrayList<>();
            for (String id : ids(request)) {
                if (devices.containsKey(id)) {
                    found.add(devices.get(id));
                }
            }
            return found.isEmpty() ? falcon(404, List.of(), List.of(error(404, "Device not found")))
                    : falcon(200, found, List.of());
        }));
        route("GET", "/devices/entities/online-state/v1", (request, path) -> authed(request, () -> falcon(200,
                ids(request).stream().filter(devices::containsKey).map(id -> (Object) Map.of("id", id,
                        "state", "online", "last_seen", Instant.now().toString())).toList(), List.of())));
        route("GET", "/devices/queries/devices/v1", (request, path) -> authed(request, () -> query(request)));
        route("POST", "/real-time-response/entities/sessions/v1", (request, path) -> authed(request, () -> {
            String deviceId = String.valueOf(request.jsonObject().get("device_id"));
            if (!devices.containsKey(deviceId)) {
                return falcon(404, List.of(), List.of(error(404, "Could not find device " + deviceId)));
            }
            String session = UUID.randomUUID().toString();
            sessions.put(session, deviceId);
            return falcon(201, List.of(Map.of("session_id", session, "scripts", List.of(), "existing_aid_sessions", 1,
                    "created_at", Instant.now().toString(), "pwd", "C:\\", "offline_queued", false)), List.of());
        }));
        route("DELETE", "/real-time-response/entities/sessions/v1", (request, path) -> authed(request, () ->
                sessions.remove(request.query().getOrDefault("session_id", "")) == null
                        ? falcon(404, List.of(), List.of(error(404, "Session not found")))
                        : Response.empty(204)));
        route("POST", "/real-time-response/entities/active-responder-command/v1", (request, path) -> authed(request, () -> {
            Map<String, Object> body = request.jsonObject();
            String session = String.valueOf(body.get("session_id"));
            if (!sessions.containsKey(session)) {
                return falcon(404, List.of(), List.of(error(404, "Session not found")));
            }
            if (!"kill".equals(body.get("base_command"))) {
                return falcon(400, List.of(), List.of(error(40007, "Command not supported by this sim")));
            }
            String cloudRequestId = UUID.randomUUID().toString();
            commands.put(cloudRequestId, 0);
            return falcon(201, List.of(Map.of("session_id", session, "cloud_request_id", cloudRequestId,
                    "queued_command_offline", false)), List.of());
        }));
        route("GET", "/real-time-response/entities/active-responder-command/v1", (request, path) -> authed(request, () -> {
            String id = request.query().getOrDefault("cloud_request_id", "");
            Integer polls = commands.computeIfPresent(id, (k, n) -> n + 1);
            if (polls == null) {
                return falcon(404, List.of(), List.of(error(404, "Command not found")));
            }
            boolean complete = polls >= pollsUntilComplete;
            return falcon(200, List.of(Map.of("session_id", "", "task_id", id, "complete", complete,
                    "stdout", complete && killStderr.isEmpty() ? "Process killed" : "", "stderr", complete ? killStderr : "",
                    "base_command", "kill")), List.of());
        }));
    }

    private void device(String id, String hostname, String platform) {
        Map<String, Object> device = new LinkedHashMap<>();
        device.put("device_id", id);
        device.put("cid", "0123456789abcdef0123456789abcdef");
        device.put("hostname", hostname);
        device.put("platform_name", platform);
        device.put("status", "normal");
        device.put("local_ip", "10.0.0." + (devices.size() + 7));
        device.put("agent_version", "7.18.18105.0");
        device.put("last_seen", Instant.now().toString());
        devices.put(id, device);
    }

    private interface Answer {
        Response get();
    }

    private Response token(Request request) {
        Map<String, String> form = request.form();
        String basic = "Basic " + Base64.getEncoder().encodeToString((CLIENT_ID + ":" + CLIENT_SECRET)
                .getBytes(StandardCharsets.UTF_8));
        boolean viaForm = CLIENT_ID.equals(form.get("client_id")) && CLIENT_SECRET.equals(form.get("client_secret"));
        if (!viaForm && !basic.equals(request.header("authorization"))) {
            return falcon(403, List.of(), List.of(error(403, "access denied, invalid client credentials")));
        }
        current = "cs-token-" + tokens.incrementAndGet() + "-" + UUID.randomUUID();
        return Response.json(201, Map.of("access_token", current, "token_type", "bearer", "expires_in", 1799));
    }

    private Response authed(Request request, Answer answer) {
        if (current == null || !("Bearer " + current).equals(request.header("authorization"))) {
            return falcon(401, List.of(), List.of(error(401, "access denied, invalid bearer token")));
        }
        return answer.get();
    }

    private Response hostAction(Request request) {
        String action = request.query().getOrDefault("action_name", "");
        String status = switch (action) {
            case "contain" -> "containment_pending";
            case "lift_containment" -> "lift_containment_pending";
            case "hide_host", "unhide_host", "detection_suppress", "detection_unsuppress" -> null;
            default -> "invalid";
        };
        if ("invalid".equals(status)) {
            return falcon(400, List.of(), List.of(error(400, "Specified action is not supported: " + action)));
        }
        List<Object> resources = new ArrayList<>();
        List<Object> errors = new ArrayList<>();
        for (Object id : (List<?>) request.jsonObject().getOrDefault("ids", List.of())) {
            Map<String, Object> device = devices.get(String.valueOf(id));
            if (device == null) {
                errors.add(error(404, "Device " + id + " not found"));
                continue;
            }
            if (status != null) {
                device.put("status", status);
            }
            resources.add(Map.of("id", id, "path", ""));
        }
        return falcon(resources.isEmpty() ? 404 : 202, resources, errors);
    }

    private Response query(Request request) {
        String filter = request.query().getOrDefault("filter", "");
        Matcher m = HOSTNAME.matcher(filter);
        String wanted = m.matches() ? m.group(1).replace("\\'", "'") : null;
        if (!filter.isEmpty() && wanted == null) {
            return falcon(400, List.of(), List.of(error(400, "Invalid filter expression supplied")));
        }
        List<Object> ids = devices.values().stream()
                .filter(d -> wanted == null || wanted.equalsIgnoreCase(String.valueOf(d.get("hostname"))))
                .map(d -> d.get("device_id")).sorted((a, b) -> String.valueOf(a).compareTo(String.valueOf(b))).toList();
        int limit = Integer.parseInt(request.query().getOrDefault("limit", "100"));
        Map<String, Object> meta = meta();
        meta.put("pagination", Map.of("offset", 0, "limit", limit, "total", ids.size()));
        return Response.json(Map.of("meta", meta, "resources", ids.subList(0, Math.min(limit, ids.size())),
                "errors", List.of()));
    }

    private static List<String> ids(Request request) {
        String ids = request.query().getOrDefault("ids", "");
        return ids.isEmpty() ? List.of() : List.of(ids.split(","));
    }

    private static Map<String, Object> error(int code, String message) {
        return Map.of("code", code, "message", message);
    }

    private static Map<String, Object> meta() {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("query_time", 0.012);
        meta.put("powered_by", "device-api");
        meta.put("trace_id", UUID.randomUUID().toString());
        return meta;
    }

    private static Response falcon(int status, List<?> resources, List<?> errors) {
        return Response.json(status, Map.of("meta", meta(), "resources", resources, "errors", errors));
    }

    @Override
    protected Response rateLimitResponse(int seconds) {
        return falcon(429, List.of(), List.of(error(429, "API rate limit exceeded.")))
                .withHeader("X-RateLimit-Limit", "6000")
                .withHeader("X-RateLimit-Remaining", "0")
                .withHeader("X-RateLimit-RetryAfter", String.valueOf(Instant.now().getEpochSecond() + seconds));
    }

    /** A device's current record (its containment status). */
    public Map<String, Object> device(String id) {
        return Map.copyOf(devices.get(id));
    }

    public int tokensIssued() {
        return tokens.get();
    }

    /** Makes the current token invalid, as its 30-minute expiry would. */
    public void expireToken() {
        current = "expired";
    }

    /** Real Time Response answers {@code complete: true} on this poll of a command (1: the first). */
    public void completeAfterPolls(int polls) {
        this.pollsUntilComplete = polls;
    }

    /** What the host answers a kill with on stderr ("" for success). */
    public void killStderr(String stderr) {
        this.killStderr = stderr;
    }

    public int openSessions() {
        return sessions.size();
    }

    @Override
    public String name() {
        return "CrowdStrike Falcon API (hosts, Real Time Response)";
    }
}
