package dev.vigil.sims;

import com.google.common.net.InetAddresses;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A firewall blocklist gateway as docs/connectors.md describes it for the {@code firewall} connector, under
 * {@code /api/v1/blocklist}: bearer token auth; {@code POST} a block (201 new, 200 when the IP is already blocked
 * or the Idempotency-Key was seen before); {@code DELETE /api/v1/blocklist/{ip}} or {@code DELETE} with
 * {@code {ip}} in the body (204, or 404 when not blocked); {@code GET} the list as {@code {items}}. Errors are
 * {@code {error: {code, message}}}; its rate limit is 429 with Retry-After. An Idempotency-Key seen before with
 * another IP is refused with 422, as idempotency keys are handled by APIs that honour them.
 */
public final class FirewallSim extends Simulator {

    public static final String TOKEN = "fw-gateway-token-5e6f7a8b9c";

    private final Map<String, Map<String, Object>> blocked = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Object>> byIdempotencyKey = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();

    public FirewallSim() {
        route("GET", "/api/v1/blocklist", (request, path) -> authorized(request, () ->
                Response.json(Map.of("items", new ArrayList<>(blocked.values())))));
        route("POST", "/api/v1/blocklist", (request, path) -> authorized(request, () -> block(request)));
        route("DELETE", "/api/v1/blocklist/([^/]+)", (request, path) -> authorized(request, () -> unblock(path.group(1))));
        route("DELETE", "/api/v1/blocklist", (request, path) -> authorized(request, () ->
                unblock(String.valueOf(request.jsonObject().get("ip")))));
    }

    @Override
    public String name() {
        return "Firewall blocklist gateway";
    }

    @Override
    protected Response rateLimitResponse(int seconds) {
        return error(429, "rate_limited", "too many requests").withHeader("Retry-After", String.valueOf(seconds));
    }

    /** What is blocked now, by canonical address. */
    public Map<String, Map<String, Object>> blocked() {
        return Map.copyOf(blocked);
    }

    private synchronized Response block(Request request) {
        Map<String, Object> body = request.jsonObject();
        Object ip = body == null ? null : body.get("ip");
        if (!(ip instanceof String text) || !InetAddresses.isInetAddress(text)) {
            return error(400, "invalid_ip", "ip must be an IPv4 or IPv6 address");
        }
        String canonical = InetAddresses.toAddrString(InetAddresses.forString(text));
        String key = request.header("idempotency-key");
        if (key != null && byIdempotencyKey.containsKey(key)) {
            Map<String, Object> first = byIdempotencyKey.get(key);
            return canonical.equals(first.get("ip")) ? Response.json(200, first)
                    : error(422, "idempotency_key_reused", "Idempotency-Key " + key + " was used for " + first.get("ip"));
        }
        Map<String, Object> existing = blocked.get(canonical);
        if (existing != null) {
            return Response.json(200, existing);
        }
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("id", "blk-" + ids.incrementAndGet());
        entry.put("ip", canonical);
        entry.put("duration", body.get("duration"));
        entry.put("comment", body.get("comment"));
        entry.put("source", body.get("source"));
        entry.put("createdAt", "2026-01-01T00:00:00Z");
        entry.put("expiresAt", body.get("duration") instanceof Number n
                ? java.time.Instant.parse("2026-01-01T00:00:00Z").plusSeconds(n.longValue()).toString() : null);
        blocked.put(canonical, entry);
        if (key != null) {
            byIdempotencyKey.put(key, entry);
        }
        return Response.json(201, entry);
    }

    private synchronized Response unblock(String ip) {
        if (!InetAddresses.isInetAddress(ip)) {
            return error(400, "invalid_ip", "ip must be an IPv4 or IPv6 address");
        }
        if (blocked.remove(InetAddresses.toAddrString(InetAddresses.forString(ip))) == null) {
            return error(404, "not_found", ip + " is not blocked");
        }
        return Response.empty(204);
    }

    private static Response error(int status, String code, String message) {
        return Response.json(status, Map.of("error", Map.of("code", code, "message", message)));
    }

    private static Response authorized(Request request, java.util.function.Supplier<Response> answer) {
        if (!("Bearer " + TOKEN).equals(request.header("authorization"))) {
            return error(401, "unauthorized", "missing or invalid bearer token");
        }
        return answer.get();
    }

    /** Entries as a list, for assertions. */
    public List<Map<String, Object>> entries() {
        return new ArrayList<>(blocked.values());
    }
}
