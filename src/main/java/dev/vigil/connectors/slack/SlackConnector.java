package dev.vigil.connectors.slack;

import dev.vigil.connectors.ConfigField;
import dev.vigil.connectors.Connector;
import dev.vigil.connectors.ConnectorCall;
import dev.vigil.connectors.ConnectorHttp;
import dev.vigil.connectors.ConnectorType;
import dev.vigil.secrets.KnownSecrets;
import dev.vigil.steps.StepFailure;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Slack, both ways Slack lets a tool post:
 * <ul>
 *   <li>an incoming webhook (secret {@code webhookUrl}): the step form {@code slack} with {@code with.message}
 *       posts {@code {text}} to it, as Kibana's {@code .slack} does, and outputs Slack's answer {@code {text: "ok"}};</li>
 *   <li>the Web API with a bot token (secret {@code token}): Kibana's {@code .slack_api} sub-actions
 *       ({@code postMessage}, {@code postBlockkit}, {@code getChannels}, {@code validChannelId}), the corpus's
 *       {@code slack2.sendMessage}, {@code createConversation}, {@code inviteToConversation}, and the short names
 *       {@code createChannel} and {@code invite}. Each outputs Slack's JSON answer. Without a webhook URL the step
 *       form posts {@code with.message} with the token to {@code with.channel} or {@code config.defaultChannel}.</li>
 * </ul>
 */
public final class SlackConnector implements ConnectorType {

    @Override
    public String id() {
        return "slack";
    }

    @Override
    public Set<String> aliases() {
        return Set.of("slack_api", "slack2");
    }

    @Override
    public String summary() {
        return "Slack: post through an incoming webhook, or post, create channels and invite with a bot token";
    }

    @Override
    public List<ConfigField> fields() {
        return List.of(
                ConfigField.option("defaultChannel", "channel id or #name for messages whose step names none"),
                ConfigField.option("allowedChannels", "if set, the only channels this connector posts to (ids or #names)"),
                ConfigField.option("baseUrl", "Web API base URL (default " + SlackApi.DEFAULT_BASE_URL + ")"),
                ConfigField.option("timeout", "longest time one request may take (default 30s)"),
                ConfigField.secret("token", "bot token (xoxb-...) for the Web API"),
                ConfigField.secret("webhookUrl", "incoming webhook URL (https://hooks.slack.com/services/...)"),
                ConfigField.option("users", "Slack user id -> Vigil user ({U0123: alice} or {U0123: {name: alice, role:"
                        + " responder}}): who may answer decisions with the buttons"),
                ConfigField.secret("signingSecret", "the Slack app's signing secret: verifies interaction callbacks"
                        + " (POST /api/slack/interactions/<connector>)"));
    }

    @Override
    public Set<String> subActions() {
        return Set.of("postMessage", "sendMessage", "postBlockkit", "createChannel", "createConversation", "invite",
                "inviteToConversation", "getChannels", "validChannelId");
    }

    @Override
    public boolean acceptsNoSubAction() {
        return true;
    }

    @Override
    public Object execute(ConnectorCall call) throws StepFailure {
        if (call.subAction() == null) {
            return call.connector().secret("webhookUrl") != null ? webhook(call)
                    : postMessage(call, SlackChannels.target(call), call.text("message") == null ? "text" : "message");
        }
        SlackApi api = new SlackApi(call);
        return switch (call.subAction()) {
            case "postMessage", "sendMessage" -> postMessage(call, SlackChannels.target(call), "text");
            case "postBlockkit" -> postBlockkit(call);
            case "createChannel", "createConversation" -> api.post("conversations.create", conversation(call));
            case "invite", "inviteToConversation" -> api.post("conversations.invite", Map.of(
                    "channel", call.requiredAny("channel", "channelId"), "users", users(call)));
            case "getChannels" -> api.get("conversations.list", channelQuery(call));
            case "validChannelId" -> api.get("conversations.info", Map.of("channel",
                    call.requiredAny("channelId", "channel")));
            default -> throw call.failure("unknown sub-action " + call.subAction());
        };
    }

    @Override
    public String test(ConnectorCall call) throws StepFailure {
        Connector c = call.connector();
        if (c.secret("token") != null) {
            Map<String, Object> who = new SlackApi(call).get("auth.test", Map.of());
            return "Slack accepted the token: workspace " + who.get("team") + ", user " + who.get("user");
        }
        if (c.secret("webhookUrl") != null) {
            // an empty payload posts nothing; a live webhook refuses it with 400 no_text, a dead one with 403/404/410
            ConnectorHttp.Response answer = call.http().request("POST", webhookUrl(call)).json(Map.of()).accept(400)
                    .send();
            if (answer.status() == 400 && !String.valueOf(answer.data()).contains("no_text")
                    && !String.valueOf(answer.data()).contains("invalid_payload")) {
                throw call.failure("the webhook answered HTTP 400 " + answer.data());
            }
            return "the Slack webhook is live (it answered an empty message with " + answer.data() + "; nothing was posted)";
        }
        throw call.failure("the connector has neither a token nor a webhookUrl secret");
    }

    /** Kibana's {@code .slack}: {@code {text}} (and {@code blocks} when given) to the incoming webhook. */
    private static Object webhook(ConnectorCall call) throws StepFailure {
        Map<String, Object> body = new LinkedHashMap<>();
        List<Object> blocks = SlackMessages.blocks(call, "blocks");
        body.put("text", blocks == null ? call.required("message") : call.textOr("message", ""));
        if (blocks != null) {
            body.put("blocks", blocks);
        }
        Object answer = call.http().request("POST", webhookUrl(call)).json(body).send().data();
        return Map.of("text", answer == null ? "" : String.valueOf(answer));
    }

    private static String webhookUrl(ConnectorCall call) throws StepFailure {
        String url = call.connector().requireSecret("webhookUrl");
        KnownSecrets.add(url);
        try {
            // the path is the webhook's secret part, and ConnectorHttp's logs and messages show paths
            KnownSecrets.add(URI.create(url).getRawPath());
        } catch (IllegalArgumentException invalid) {
            throw call.failure("the connector's webhookUrl is not a valid URL");
        }
        return url;
    }

    private static Object postMessage(ConnectorCall call, String channel, String textParam) throws StepFailure {
        Map<String, Object> message = new LinkedHashMap<>();
        List<Object> blocks = SlackMessages.blocks(call, "blocks");
        String text = blocks == null ? call.required(textParam) : call.text(textParam);
        if (text != null) {
            message.put("text", text);
        }
        if (blocks != null) {
            message.put("blocks", blocks);
        }
        optional(call, message, "thread_ts", "thread_ts", "threadTs");
        optional(call, message, "unfurl_links", "unfurl_links", "unfurlLinks");
        optional(call, message, "unfurl_media", "unfurl_media", "unfurlMedia");
        optional(call, message, "reply_broadcast", "reply_broadcast", "replyBroadcast");
        return SlackMessages.post(call, channel, message);
    }

    /** Kibana's {@code postBlockkit}: {@code text} is Block Kit JSON, {@code {"blocks": [...]}}. */
    private static Object postBlockkit(ConnectorCall call) throws StepFailure {
        List<Object> blocks = SlackMessages.blocks(call, call.param("blocks") != null ? "blocks" : "text");
        if (blocks == null) {
            throw call.failure("with.text must be Block Kit JSON, {\"blocks\": [...]}");
        }
        return SlackMessages.post(call, SlackChannels.target(call), Map.of("blocks", blocks));
    }

    private static Map<String, Object> conversation(ConnectorCall call) throws StepFailure {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", call.required("name"));
        Boolean isPrivate = call.bool("isPrivate") != null ? call.bool("isPrivate") : call.bool("is_private");
        body.put("is_private", isPrivate != null && isPrivate);
        optional(call, body, "team_id", "team_id", "teamId");
        return body;
    }

    /** Slack wants {@code "U1,U2"}; steps give a list or that text (the corpus builds it with a Liquid filter). */
    private static String users(ConnectorCall call) throws StepFailure {
        List<String> users = call.strings("users");
        if (users == null) {
            throw call.failure("with.users is required (user ids, a list or comma-separated)");
        }
        List<String> ids = users.stream().flatMap(u -> java.util.Arrays.stream(u.split(","))).map(String::strip)
                .filter(u -> !u.isEmpty()).toList();
        if (ids.isEmpty()) {
            throw call.failure("with.users names no user id");
        }
        if (ids.size() > 1000) {
            throw call.failure("with.users names " + ids.size() + " users; Slack invites at most 1000 at once");
        }
        return String.join(",", ids);
    }

    private static Map<String, Object> channelQuery(ConnectorCall call) throws StepFailure {
        Map<String, Object> query = new LinkedHashMap<>();
        List<String> types = call.strings("types");
        query.put("types", types == null ? "public_channel,private_channel" : String.join(",", types));
        Boolean excludeArchived = call.bool("excludeArchived");
        query.put("exclude_archived", excludeArchived == null || excludeArchived);
        Long limit = call.number("limit");
        query.put("limit", limit == null ? 200 : limit);
        query.put("cursor", call.text("cursor"));
        return query;
    }

    /** Copies the first present spelling of a param under Slack's name. */
    private static void optional(ConnectorCall call, Map<String, Object> body, String slackName, String... names) {
        for (String name : names) {
            Object value = call.param(name);
            if (value != null && !(value instanceof String s && s.isBlank())) {
                body.put(slackName, value);
                return;
            }
        }
    }
}
