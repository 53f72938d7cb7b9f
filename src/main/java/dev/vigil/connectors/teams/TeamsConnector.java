package dev.vigil.connectors.teams;

import dev.vigil.connectors.ConfigField;
import dev.vigil.connectors.ConnectorCall;
import dev.vigil.connectors.ConnectorHttp;
import dev.vigil.connectors.ConnectorType;
import dev.vigil.secrets.KnownSecrets;
import dev.vigil.steps.StepFailure;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Microsoft Teams, two ways:
 * <ul>
 *   <li>an incoming webhook (secret {@code webhookUrl}, a Workflows/Power Automate webhook or a legacy connector
 *       one): the step form {@code teams} posts {@code with.message} (and {@code title}) as a card, see
 *       {@link TeamsCards}; the output is Kibana's {@code .teams} data, {@code {text}}, with the HTTP status;</li>
 *   <li>Microsoft Graph ({@link GraphApi}): the corpus's {@code microsoft-teams.*} sub-actions, which read teams,
 *       channels, chats and messages, and {@code sendChannelMessage} / {@code sendChatMessage}
 *       ({@link TeamsGraphActions}).</li>
 * </ul>
 */
public final class TeamsConnector implements ConnectorType {

    @Override
    public String id() {
        return "teams";
    }

    @Override
    public Set<String> aliases() {
        return Set.of("microsoft-teams");
    }

    @Override
    public String summary() {
        return "Microsoft Teams: cards through a Workflows webhook; teams, channels, chats and messages through Graph";
    }

    @Override
    public List<ConfigField> fields() {
        return List.of(
                ConfigField.option("format", "webhook payload: adaptive (default, Workflows and legacy webhooks) or"
                        + " messagecard (legacy Office 365 connector webhooks only)"),
                ConfigField.option("auth", "Graph credentials: oauth2 (client credentials) or bearer (a delegated token);"
                        + " default oauth2 when clientId is set"),
                ConfigField.option("tenantId", "oauth2: the Entra tenant id"),
                ConfigField.option("clientId", "oauth2: the app (client) id"),
                ConfigField.option("graphUrl", "Graph base URL (default " + GraphApi.DEFAULT_GRAPH_URL + ")"),
                ConfigField.option("loginUrl", "token authority (default " + GraphApi.DEFAULT_LOGIN_URL + ")"),
                ConfigField.option("tokenUrl", "oauth2: the full token URL, instead of loginUrl + tenantId"),
                ConfigField.option("timeout", "longest time one request may take (default 30s)"),
                ConfigField.secret("webhookUrl", "the channel's incoming webhook URL"),
                ConfigField.secret("clientSecret", "oauth2: the app's client secret"),
                ConfigField.secret("token", "bearer: a delegated Graph access token"));
    }

    @Override
    public Set<String> subActions() {
        return TeamsGraphActions.NAMES;
    }

    @Override
    public boolean acceptsNoSubAction() {
        return true;
    }

    @Override
    public Object execute(ConnectorCall call) throws StepFailure {
        return call.subAction() == null ? webhook(call) : TeamsGraphActions.run(call);
    }

    @Override
    public String test(ConnectorCall call) throws StepFailure {
        if (call.connector().secret("webhookUrl") != null && call.connector().option("clientId") == null
                && call.connector().secret("token") == null) {
            webhookUrl(call);
            // a Workflows webhook runs its flow for any request it accepts: any probe would post
            return "the webhook URL is well-formed; Teams webhooks cannot be checked without posting, so nothing was sent";
        }
        return TeamsGraphActions.test(call);
    }

    private static Object webhook(ConnectorCall call) throws StepFailure {
        String title = call.text("title");
        String message = call.text("message");
        Map<String, Object> card = call.map("card");
        String format = call.connector().option("format");
        boolean legacy = format != null && format.toLowerCase(Locale.ROOT).replace("_", "").equals("messagecard");
        Map<String, Object> payload;
        if (card != null) {
            if (legacy) {
                throw call.failure("with.card is an Adaptive Card, and config.format is messagecard");
            }
            payload = TeamsCards.message(card);
        } else {
            if (message == null) {
                throw call.failure("with.message is required (or with.card)");
            }
            payload = legacy ? TeamsCards.messageCard(title, message) : TeamsCards.message(TeamsCards.adaptiveCard(title, message));
        }
        ConnectorHttp.Response response = call.http().request("POST", webhookUrl(call)).json(payload).send();
        // legacy connectors answer throttling with 200 and the 429 in the text (Kibana's .teams checks the same)
        if (response.data() instanceof String text && text.contains("ApplicationThrottled")) {
            throw new StepFailure("RateLimited", call.action() + ": Teams throttled the webhook: " + text,
                    Map.of("status", 429L, "data", text), Map.of("status", 429L, "statusCode", 429L));
        }
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("text", message == null ? "" : message);
        if (title != null) {
            output.put("title", title);
        }
        output.put("status", (long) response.status());
        return output;
    }

    private static String webhookUrl(ConnectorCall call) throws StepFailure {
        String url = call.connector().requireSecret("webhookUrl");
        KnownSecrets.add(url);
        try {
            URI uri = URI.create(url);
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new IllegalArgumentException("not absolute");
            }
            // legacy webhook URLs carry their secret in the path, which logs and messages show
            KnownSecrets.add(uri.getRawPath());
        } catch (IllegalArgumentException invalid) {
            throw call.failure("the connector's webhookUrl is not a valid absolute URL");
        }
        return url;
    }
}
