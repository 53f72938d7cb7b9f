package dev.vigil.connectors.firewall;

import dev.vigil.connectors.ConfigField;
import dev.vigil.connectors.Connector;
import dev.vigil.connectors.ConnectorCall;
import dev.vigil.connectors.ConnectorHttp;
import dev.vigil.connectors.ConnectorType;
import dev.vigil.connectors.HttpConnector;
import dev.vigil.connectors.IpLiteral;
import dev.vigil.steps.StepFailure;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Containment through a firewall's blocklist HTTP API (or a small gateway in front of the firewall): block an IP,
 * unblock it, list what is blocked. The API shape is Vigil's own, documented in docs/connectors.md so that an
 * operator's gateway can implement it:
 * <ul>
 *   <li>{@code POST {blockPath}} with {@code {ip, duration?, comment?, source: "vigil"}}: 201 with the new entry,
 *       200 (or 409) when the IP was already blocked;</li>
 *   <li>{@code DELETE {unblockPath}} ({@code {ip}} in the path, or the IP in a JSON body when the template has no
 *       {@code {ip}}): 2xx when removed, 404 when it was not blocked;</li>
 *   <li>{@code GET {listPath}}: {@code {items: [entry...]}} or a bare array.</li>
 * </ul>
 * Block and unblock carry {@code Idempotency-Key}: the step's key, the same when a crashed run replays the step,
 * so the gateway can answer a replay with what it did the first time. Credentials are the generic HTTP settings
 * ({@link HttpConnector#auth}).
 */
public final class FirewallConnector implements ConnectorType {

    public static final String DEFAULT_BLOCK_PATH = "/api/v1/blocklist";

    @Override
    public String id() {
        return "firewall";
    }

    @Override
    public String summary() {
        return "Firewall blocklist over HTTP: block and unblock IP addresses for containment";
    }

    @Override
    public List<ConfigField> fields() {
        return List.of(
                ConfigField.requiredOption("baseUrl", "the firewall or gateway API, https://fw-gateway.example.com"),
                ConfigField.option("blockPath", "where blocks are POSTed (default " + DEFAULT_BLOCK_PATH + ")"),
                ConfigField.option("unblockPath", "what is DELETEd to unblock, {ip} replaced (default <blockPath>/{ip})"),
                ConfigField.option("listPath", "what lists blocked addresses (default <blockPath>)"),
                ConfigField.option("protectedNetworks", "addresses and CIDR blocks never to block (DNS servers, gateways ...)"),
                ConfigField.option("auth", "none (default), bearer, basic, header or oauth2"),
                ConfigField.option("username", "basic auth user"),
                ConfigField.option("header", "header auth: the header name (X-API-Key)"),
                ConfigField.option("tokenUrl", "oauth2: the token endpoint"),
                ConfigField.option("clientId", "oauth2: the client id"),
                ConfigField.option("scope", "oauth2: the scope, if the service wants one"),
                ConfigField.option("headers", "headers sent with every request (not secret)"),
                ConfigField.option("timeout", "longest time one request may take (default 30s)"),
                ConfigField.secret("token", "bearer auth: the token"),
                ConfigField.secret("password", "basic auth: the password"),
                ConfigField.secret("apiKey", "header auth: the key"),
                ConfigField.secret("clientSecret", "oauth2: the client secret"));
    }

    @Override
    public Set<String> subActions() {
        return Set.of("blockIp", "unblockIp", "listBlocked");
    }

    @Override
    public Object execute(ConnectorCall call) throws StepFailure {
        String subAction = call.subAction() == null ? "" : call.subAction();
        return switch (subAction) {
            case "blockIp" -> block(call);
            case "unblockIp" -> unblock(call);
            case "listBlocked" -> list(call);
            default -> throw call.failure("unknown sub-action '" + subAction + "'; firewall has blockIp, unblockIp,"
                    + " listBlocked");
        };
    }

    private Object block(ConnectorCall call) throws StepFailure {
        IpLiteral ip = IpLiteral.required(call, "ip", "ipAddress");
        new BlockSafety(call).check(ip);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ip", ip.text());
        Long duration = BlockDuration.seconds(call);
        if (duration != null) {
            body.put("duration", duration);
        }
        if (call.text("comment") != null) {
            body.put("comment", call.text("comment"));
        }
        body.put("source", "vigil");
        ConnectorHttp.Response response = request(call, "POST", blockPath(call.connector()))
                .header("Idempotency-Key", call.idempotencyKey()).json(body).accept(409).send();
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("ip", ip.text());
        output.put("blocked", true);
        output.put("alreadyBlocked", response.status() != 201);
        output.put("entry", response.data() instanceof Map<?, ?> entry ? entry : null);
        return output;
    }

    private Object unblock(ConnectorCall call) throws StepFailure {
        IpLiteral ip = IpLiteral.required(call, "ip", "ipAddress");
        Connector c = call.connector();
        String template = c.option("unblockPath") == null ? blockPath(c) + "/{ip}" : c.option("unblockPath");
        ConnectorHttp.Request request;
        if (template.contains("{ip}")) {
            request = request(call, "DELETE", template.replace("{ip}", URLEncoder.encode(ip.text(), StandardCharsets.UTF_8)));
        } else {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("ip", ip.text());
            body.put("source", "vigil");
            request = request(call, "DELETE", template).json(body);
        }
        ConnectorHttp.Response response = request.header("Idempotency-Key", call.idempotencyKey()).accept(404).send();
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("ip", ip.text());
        output.put("unblocked", true);
        output.put("wasBlocked", response.status() != 404);
        return output;
    }

    private Object list(ConnectorCall call) throws StepFailure {
        String only = call.text("ip");
        IpLiteral ip = only == null ? null : IpLiteral.required(call, "ip");
        List<Object> items = new ArrayList<>(entries(call));
        if (ip != null) {
            items.removeIf(item -> !(item instanceof Map<?, ?> entry && entry.get("ip") instanceof String text
                    && IpLiteral.parse(text).map(IpLiteral::text).orElse(text).equals(ip.text())));
        }
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("items", items);
        output.put("count", (long) items.size());
        if (ip != null) {
            output.put("blocked", !items.isEmpty());
        }
        return output;
    }

    @Override
    public String test(ConnectorCall call) throws StepFailure {
        int count = entries(call).size();
        return "GET " + ConnectorHttp.shown(HttpConnector.url(call.connector(), listPath(call.connector())))
                + " answered with " + count + " blocked address" + (count == 1 ? "" : "es");
    }

    private List<?> entries(ConnectorCall call) throws StepFailure {
        String path = listPath(call.connector());
        Object data = request(call, "GET", path).send().data();
        if (data instanceof List<?> list) {
            return list;
        }
        if (data instanceof Map<?, ?> map && map.get("items") instanceof List<?> list) {
            return list;
        }
        throw call.failure("GET " + ConnectorHttp.shown(HttpConnector.url(call.connector(), path))
                + " did not answer a list of blocked addresses ({items: [...]} or [...])");
    }

    private static ConnectorHttp.Request request(ConnectorCall call, String method, String path) throws StepFailure {
        Connector c = call.connector();
        return call.http().request(method, HttpConnector.url(c, path)).auth(HttpConnector.auth(c))
                .headers(c.config().get("headers") instanceof Map<?, ?> headers ? castHeaders(headers) : Map.of())
                .header("Accept", "application/json");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, ?> castHeaders(Map<?, ?> headers) {
        return (Map<String, ?>) headers;
    }

    private static String blockPath(Connector c) {
        return c.option("blockPath") == null ? DEFAULT_BLOCK_PATH : c.option("blockPath");
    }

    private static String listPath(Connector c) {
        return c.option("listPath") == null ? blockPath(c) : c.option("listPath");
    }
}
