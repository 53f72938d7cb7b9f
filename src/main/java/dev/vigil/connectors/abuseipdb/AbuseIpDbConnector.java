package dev.vigil.connectors.abuseipdb;

import dev.vigil.connectors.ConfigField;
import dev.vigil.connectors.ConnectorCall;
import dev.vigil.connectors.ConnectorHttp;
import dev.vigil.connectors.ConnectorType;
import dev.vigil.connectors.HttpAuth;
import dev.vigil.connectors.IpLiteral;
import dev.vigil.connectors.IpNetwork;
import dev.vigil.steps.StepFailure;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * AbuseIPDB API v2: {@code checkIp} ({@code GET /check}), {@code reportIp} ({@code POST /report}) and
 * {@code checkBlock} ({@code GET /check-block}); Kibana's AbuseIPDB connector names {@code getIpInfo} (a verbose
 * check) and {@code bulkCheck} (a block check) are accepted too.
 *
 * <p>The output is AbuseIPDB's body, {@code {data: {...}}}, with the fields of {@code data} also at the top: the
 * workflow library reads {@code output.data.abuseConfidenceScore}, Kibana's first AbuseIPDB connector answered
 * {@code output.abuseConfidenceScore}; both work.
 */
public final class AbuseIpDbConnector implements ConnectorType {

    public static final String DEFAULT_BASE_URL = "https://api.abuseipdb.com/api/v2";

    @Override
    public String id() {
        return "abuseipdb";
    }

    @Override
    public String summary() {
        return "AbuseIPDB API v2: IP and network abuse reputation, abuse reports";
    }

    @Override
    public List<ConfigField> fields() {
        return List.of(
                ConfigField.option("baseUrl", "default " + DEFAULT_BASE_URL),
                ConfigField.option("timeout", "longest time one request may take (default 30s)"),
                ConfigField.requiredSecret("apiKey", "the AbuseIPDB API key (sent as the Key header)"));
    }

    @Override
    public Set<String> subActions() {
        return Set.of("checkIp", "getIpInfo", "reportIp", "checkBlock", "bulkCheck");
    }

    @Override
    public Object execute(ConnectorCall call) throws StepFailure {
        String subAction = call.subAction() == null ? "" : call.subAction();
        return switch (subAction) {
            case "checkIp" -> check(call, Boolean.TRUE.equals(call.bool("verbose")));
            case "getIpInfo" -> check(call, true);
            case "reportIp" -> new AbuseReport(call).send(request(call, "POST", "/report"));
            case "checkBlock", "bulkCheck" -> checkBlock(call);
            default -> throw call.failure("unknown sub-action '" + subAction + "'; AbuseIPDB has "
                    + String.join(", ", subActions().stream().sorted().toList()));
        };
    }

    private Object check(ConnectorCall call, boolean verbose) throws StepFailure {
        IpLiteral ip = IpLiteral.required(call, "ipAddress", "ip");
        long days = maxAgeInDays(call, 90);
        return lifted(request(call, "GET", "/check").query("ipAddress", ip.text()).query("maxAgeInDays", days)
                .query("verbose", verbose ? "true" : null).send().object());
    }

    private Object checkBlock(ConnectorCall call) throws StepFailure {
        String text = call.required("network");
        IpNetwork network = IpNetwork.parse(text).filter(n -> text.contains("/")).orElseThrow(() -> call.failure(
                "with.network must be a network in CIDR notation such as 203.0.113.0/24, got '" + text + "'"));
        long days = maxAgeInDays(call, 30);
        return lifted(request(call, "GET", "/check-block").query("network", network.toString())
                .query("maxAgeInDays", days).send().object());
    }

    @Override
    public String test(ConnectorCall call) throws StepFailure {
        ConnectorHttp.Response response = request(call, "GET", "/check").query("ipAddress", "127.0.0.1").send();
        return "GET " + ConnectorHttp.shown(url(call, "/check")) + " answered " + response.status()
                + ": the API key works";
    }

    static ConnectorHttp.Request request(ConnectorCall call, String method, String path) throws StepFailure {
        return call.http().request(method, url(call, path))
                .auth(new HttpAuth.Header("Key", call.connector().requireSecret("apiKey")))
                .header("Accept", "application/json");
    }

    private static String url(ConnectorCall call, String path) {
        String base = call.connector().option("baseUrl");
        if (base == null || base.isBlank()) {
            base = DEFAULT_BASE_URL;
        }
        return base.strip().replaceAll("/+$", "") + path;
    }

    /** AbuseIPDB takes 1 to 365 days; saying so here names the step's field, AbuseIPDB's 422 would not. */
    private static long maxAgeInDays(ConnectorCall call, long fallback) throws StepFailure {
        Long days = call.number("maxAgeInDays");
        if (days != null && (days < 1 || days > 365)) {
            throw call.failure("with.maxAgeInDays must be between 1 and 365, got " + days);
        }
        return days == null ? fallback : days;
    }

    /** The body with the fields of its {@code data} object also at the top (see the class comment). */
    static Map<String, Object> lifted(Map<String, Object> body) {
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("data", body.get("data"));
        if (body.get("data") instanceof Map<?, ?> data) {
            data.forEach((k, v) -> output.putIfAbsent(String.valueOf(k), v));
        }
        return output;
    }
}
