package dev.vigil.sims;

import dev.vigil.model.Json;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Slack: the Web API under {@code /api/<method>} and an incoming webhook under {@code /services/...}, answering as
 * Slack does: Web API errors are HTTP 200 with {@code {ok: false, error}} ({@code not_authed}, {@code invalid_auth},
 * {@code channel_not_found}, {@code is_archived}, {@code no_text}, {@code invalid_blocks} with Block Kit's limits,
 * {@code name_taken}, {@code invalid_name_specials}, {@code user_not_found}, {@code already_in_channel}); rate limits
 * are 429 with {@code Retry-After} and {@code {ok: false, error: "ratelimited"}}; the webhook answers {@code ok}, or
 * 400 {@code no_text} / {@code invalid_payload}, 403 {@code invalid_token}, 404 {@code no_service} as plain text.
 *
 * <p>The workspace has channels {@code C0SOC} (#soc-alerts), {@code C0GEN} (#general), the private {@code G0IR}
 * (#incident-room) and the archived {@code C0OLD} (#old-stuff); users {@code U0ANA}, {@code U0BEN}, {@code U0CAT}.
 */
public final class SlackSim extends Simulator {

    public static final String TOKEN = "xoxb-1111-2222-vigiltestbottoken";
    public static final String WEBHOOK_PATH = "/services/T0TEST/B0HOOK/hooksecret12345";

    /** A channel of the simulated workspace. */
    public record Channel(String id, String name, boolean isPrivate, boolean archived, Set<String> members) {
        Map<String, Object> json() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("id", id);
            out.put("name", name);
            out.put("is_channel", !isPrivate);
            out.put("is_group", false);
            out.put("is_private", isPrivate);
            out.put("is_archived", archived);
            out.put("is_general", "general".equals(name));
            out.put("created", 1700000000L);
            out.put("creator", "U0ANA");
            out.put("num_members", (long) members.size());
            return out;
        }
    }

    private final Map<String, Channel> channels = new ConcurrentHashMap<>();
    private final Set<String> users = Set.of("U0ANA", "U0BEN", "U0CAT", "U0BOT");
    private final List<Map<String, Object>> posted = new CopyOnWriteArrayList<>();
    private final List<Map<String, Object>> webhookPosts = new CopyOnWriteArrayList<>();
    private final List<Map<String, Object>> updates = new CopyOnWriteArrayList<>();
    /** "channel id/ts" of every message posted: what chat.update may change. */
    private final Set<String> messages = ConcurrentHashMap.newKeySet();
    private final AtomicInteger sequence = new AtomicInteger(100);

    public SlackSim() {
        add(new Channel("C0SOC", "soc-alerts", false, false, new HashSet<>(Set.of("U0BOT", "U0ANA"))));
        add(new Channel("C0GEN", "general", false, false, new HashSet<>(Set.of("U0BOT", "U0ANA", "U0BEN"))));
        add(new Channel("G0IR", "incident-room", true, false, new HashSet<>(Set.of("U0BOT"))));
        add(new Channel("C0OLD", "old-stuff", false, true, new HashSet<>(Set.of("U0BOT"))));

        route("POST", "/api/chat\\.postMessage", (request, path) -> authed(request, () -> postMessage(request)));
        route("POST", "/api/chat\\.update", (request, path) -> authed(request, () -> update(request)));
        route("POST", "/api/conversations\\.create", (request, path) -> authed(request, () -> create(request)));
        route("POST", "/api/conversations\\.invite", (request, path) -> authed(request, () -> invite(request)));
        route("GET", "/api/conversations\\.list", (request, path) -> authed(request, () -> list(request)));
        route("GET", "/api/conversations\\.info", (request, path) -> authed(request, () -> {
            Channel channel = find(request.query().get("channel"));
            return channel == null ? error("channel_not_found") : ok(Map.of("channel", channel.json()));
        }));
        for (String method : new String[] {"GET", "POST"}) {
            route(method, "/api/auth\\.test", (request, path) -> authed(request, () -> ok(Map.of(
                    "url", "https://vigil-test.slack.com/", "team", "Vigil Test", "user", "vigil-bot",
                    "team_id", "T0TEST", "user_id", "U0BOT", "bot_id", "B0BOT"))));
        }
        route("POST", "/services/.*", (request, path) -> webhook(request));
    }

    @Override
    public String name() {
        return "Slack (Web API and incoming webhook)";
    }

    public void add(Channel channel) {
        channels.put(channel.id(), channel);
    }

    public Channel channel(String id) {
        return channels.get(id);
    }

    /** The {@code chat.postMessage} bodies Slack accepted, in order. */
    public List<Map<String, Object>> posted() {
        return List.copyOf(posted);
    }

    /** The {@code chat.update} bodies Slack accepted, in order. */
    public List<Map<String, Object>> updates() {
        return List.copyOf(updates);
    }

    /** The webhook payloads Slack accepted, in order. */
    public List<Map<String, Object>> webhookPosts() {
        return List.copyOf(webhookPosts);
    }

    public String webhookUrl() {
        return url() + WEBHOOK_PATH;
    }

    @Override
    protected Response rateLimitResponse(int seconds) {
        return Response.json(429, Map.of("ok", false, "error", "ratelimited"))
                .withHeader("Retry-After", String.valueOf(seconds));
    }

    private interface Answer {
        Response get();
    }

    private Response authed(Request request, Answer answer) {
        String auth = request.header("authorization");
        if (auth == null) {
            return error("not_authed");
        }
        if (!("Bearer " + TOKEN).equals(auth)) {
            return error("invalid_auth");
        }
        Response response = answer.get();
        String type = request.header("content-type");
        if ("POST".equals(request.method()) && type != null && type.startsWith("application/json")
                && !type.contains("charset") && response.status() == 200) {
            // Slack's real behaviour: the call works, with a warning
            Map<String, Object> body = new LinkedHashMap<>(asMap(Json.parse(response.body())));
            body.put("warning", "missing_charset");
            return Response.json(body);
        }
        return response;
    }

    private Map<String, Object> body(Request request) {
        String type = request.header("content-type");
        if (type == null || !type.startsWith("application/json")) {
            return new LinkedHashMap<>(request.form());
        }
        Map<String, Object> body = asMap(request.json());
        return body == null ? new LinkedHashMap<>() : body;
    }

    private Response postMessage(Request request) {
        Map<String, Object> body = body(request);
        Channel channel = find(body.get("channel") == null ? null : String.valueOf(body.get("channel")));
        if (channel == null) {
            return error("channel_not_found");
        }
        if (channel.archived()) {
            return error("is_archived");
        }
        if (!channel.members().contains("U0BOT")) {
            return error("not_in_channel");
        }
        Object blocks = body.get("blocks");
        if (blocks instanceof String text) {
            try {
                blocks = Json.parse(text);
            } catch (IllegalArgumentException e) {
                return error("invalid_blocks_format");
            }
        }
        if (blocks != null) {
            List<String> problems = BlockKitRules.check(blocks);
            if (!problems.isEmpty()) {
                return Response.json(Map.of("ok", false, "error", "invalid_blocks", "errors", problems,
                        "response_metadata", Map.of("messages", problems.stream().map(p -> "[ERROR] " + p).toList())));
            }
        }
        Object text = body.get("text");
        if ((text == null || String.valueOf(text).isBlank()) && blocks == null) {
            return error("no_text");
        }
        String ts = "1700000000.000" + sequence.incrementAndGet();
        Map<String, Object> stored = new LinkedHashMap<>(body);
        stored.put("blocks", blocks);
        posted.add(stored);
        messages.add(channel.id() + "/" + ts);
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("type", "message");
        message.put("user", "U0BOT");
        message.put("bot_id", "B0BOT");
        message.put("text", text == null ? "" : text);
        message.put("ts", ts);
        if (blocks != null) {
            message.put("blocks", blocks);
        }
        if (body.get("thread_ts") != null) {
            message.put("thread_ts", body.get("thread_ts"));
        }
        return ok(Map.of("channel", channel.id(), "ts", ts, "message", message));
    }

    /** {@code chat.update}: the message must exist (channel id and ts as the post answered them). */
    private Response update(Request request) {
        Map<String, Object> body = body(request);
        Object channel = body.get("channel");
        Object ts = body.get("ts");
        boolean exists = messages.contains(channel + "/" + ts);
        if (!exists) {
            return error(channel == null || find(String.valueOf(channel)) == null ? "channel_not_found"
                    : "message_not_found");
        }
        Object blocks = body.get("blocks");
        if (blocks != null) {
            List<String> problems = BlockKitRules.check(blocks);
            if (!problems.isEmpty()) {
                return Response.json(Map.of("ok", false, "error", "invalid_blocks", "errors", problems));
            }
        }
        updates.add(new LinkedHashMap<>(body));
        return ok(Map.of("channel", channel, "ts", ts, "text", body.get("text") == null ? "" : body.get("text")));
    }

    private Response create(Request request) {
        Map<String, Object> body = body(request);
        String name = body.get("name") == null ? "" : String.valueOf(body.get("name"));
        if (name.isEmpty()) {
            return error("invalid_name_required");
        }
        if (name.length() > 80) {
            return error("invalid_name_maxlength");
        }
        if (!name.matches("[a-z0-9_\\-]+")) {
            return error("invalid_name_specials");
        }
        if (channels.values().stream().anyMatch(c -> c.name().equals(name))) {
            return error("name_taken");
        }
        boolean isPrivate = Boolean.TRUE.equals(body.get("is_private")) || "true".equals(body.get("is_private"));
        Channel channel = new Channel((isPrivate ? "G" : "C") + "0NEW" + sequence.incrementAndGet(), name, isPrivate,
                false, new HashSet<>(Set.of("U0BOT")));
        add(channel);
        return ok(Map.of("channel", channel.json()));
    }

    private Response invite(Request request) {
        Map<String, Object> body = body(request);
        Channel channel = find(body.get("channel") == null ? null : String.valueOf(body.get("channel")));
        if (channel == null) {
            return error("channel_not_found");
        }
        if (!(body.get("users") instanceof String list) || list.isBlank()) {
            return error("no_user");
        }
        List<String> ids = List.of(list.split(","));
        for (String id : ids) {
            if (!users.contains(id)) {
                return error("user_not_found");
            }
            if (channel.members().contains(id)) {
                return Response.json(Map.of("ok", false, "error", "already_in_channel",
                        "errors", List.of(Map.of("user", id, "ok", false, "error", "already_in_channel"))));
            }
        }
        channel.members().addAll(ids);
        return ok(Map.of("channel", channel.json()));
    }

    private Response list(Request request) {
        Set<String> types = Set.of(request.query().getOrDefault("types", "public_channel").split(","));
        boolean excludeArchived = "true".equals(request.query().get("exclude_archived"));
        int limit = Integer.parseInt(request.query().getOrDefault("limit", "100"));
        int start = request.query().containsKey("cursor") ? Integer.parseInt(request.query().get("cursor")) : 0;
        List<Map<String, Object>> all = new ArrayList<>();
        channels.values().stream().sorted(java.util.Comparator.comparing(Channel::id))
                .filter(c -> types.contains(c.isPrivate() ? "private_channel" : "public_channel"))
                .filter(c -> !excludeArchived || !c.archived()).forEach(c -> all.add(c.json()));
        int end = Math.min(all.size(), start + limit);
        return ok(Map.of("channels", all.subList(start, end),
                "response_metadata", Map.of("next_cursor", end < all.size() ? String.valueOf(end) : "")));
    }

    private Response webhook(Request request) {
        if (!WEBHOOK_PATH.equals(request.path())) {
            return Response.text(request.path().startsWith("/services/T0TEST/B0HOOK/") ? 403 : 404,
                    request.path().startsWith("/services/T0TEST/B0HOOK/") ? "invalid_token" : "no_service");
        }
        Object payload;
        try {
            payload = request.json();
        } catch (IllegalArgumentException e) {
            return Response.text(400, "invalid_payload");
        }
        Map<String, Object> body = asMap(payload);
        if (body == null) {
            return Response.text(400, "invalid_payload");
        }
        if ((body.get("text") == null || String.valueOf(body.get("text")).isBlank()) && body.get("blocks") == null) {
            return Response.text(400, "no_text");
        }
        if (body.get("blocks") != null && !BlockKitRules.check(body.get("blocks")).isEmpty()) {
            return Response.text(400, "invalid_blocks");
        }
        webhookPosts.add(body);
        return new Response(200, Map.of("Content-Type", "text/html"), "ok");
    }

    private Channel find(String channel) {
        if (channel == null) {
            return null;
        }
        if (channels.containsKey(channel)) {
            return channels.get(channel);
        }
        String name = channel.startsWith("#") ? channel.substring(1) : channel;
        return channels.values().stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
    }

    private static Response ok(Map<String, Object> fields) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ok", true);
        body.putAll(fields);
        return Response.json(body);
    }

    private static Response error(String code) {
        return Response.json(Map.of("ok", false, "error", code));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value) {
        return value instanceof Map<?, ?> m ? new LinkedHashMap<>((Map<String, Object>) m) : null;
    }
}
