package dev.vigil.connectors.abuseipdb;

import dev.vigil.connectors.ConnectorCall;
import dev.vigil.connectors.ConnectorHttp;
import dev.vigil.connectors.IpLiteral;
import dev.vigil.steps.StepFailure;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code abuseipdb.reportIp {ip, categories, comment?, timestamp?}}: {@code POST /report} as a form.
 *
 * <p>AbuseIPDB answers 429 both when the daily quota is spent and when the same IP was reported in the last 15
 * minutes. The second is an answer, not a failure: a step that reported, then ran again after a crash or a
 * retry, must not fail on its own earlier report; it answers {@code {reported: false, alreadyReported: true}}.
 * The first is hours away, so it is not retried (a retried report could also count twice): it fails at once as
 * {@code RateLimited} with AbuseIPDB's Retry-After.
 */
final class AbuseReport {

    private final ConnectorCall call;

    AbuseReport(ConnectorCall call) {
        this.call = call;
    }

    Object send(ConnectorHttp.Request request) throws StepFailure {
        IpLiteral ip = IpLiteral.required(call, "ip", "ipAddress");
        Map<String, Object> form = new LinkedHashMap<>();
        form.put("ip", ip.text());
        form.put("categories", String.join(",", categories()));
        form.put("comment", call.text("comment"));
        form.put("timestamp", call.text("timestamp"));
        ConnectorHttp.Response response = request.form(form).accept(429).send();
        if (response.status() != 429) {
            Map<String, Object> output = AbuseIpDbConnector.lifted(response.object());
            output.put("reported", true);
            return output;
        }
        String detail = detail(response.data());
        if (detail != null && detail.contains("once in 15 minutes")) {
            call.log("info", call.action() + ": AbuseIPDB already has a report of " + ip.text()
                    + " from this key in the last 15 minutes");
            Map<String, Object> output = new LinkedHashMap<>();
            output.put("ipAddress", ip.text());
            output.put("reported", false);
            output.put("alreadyReported", true);
            output.put("message", detail);
            return output;
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("status", 429L);
        String retryAfter = response.header("Retry-After");
        if (retryAfter != null && retryAfter.strip().matches("\\d+")) {
            details.put("retryAfterSeconds", Long.parseLong(retryAfter.strip()));
        }
        details.put("rateLimitReset", response.header("X-RateLimit-Reset"));
        details.put("data", response.data());
        throw new StepFailure("RateLimited", call.action() + ": AbuseIPDB refused the report (HTTP 429)"
                + (detail == null ? "" : ": " + detail), details, Map.of("status", 429L, "statusCode", 429L));
    }

    /** Category ids as a list ({@code [18, 22]}) or AbuseIPDB's own comma-separated text ({@code "18,22"}). */
    private List<String> categories() throws StepFailure {
        List<Object> values = call.list("categories");
        if (values != null && values.size() == 1 && values.getFirst() instanceof String text) {
            values = List.copyOf(List.of((Object[]) text.split(",")));
        }
        if (values == null || values.isEmpty()) {
            throw call.failure("with.categories is required: one or more AbuseIPDB category ids, such as [18, 22]");
        }
        List<String> ids = new ArrayList<>();
        for (Object value : values) {
            String id = String.valueOf(value).strip();
            if (!id.matches("[1-9]\\d{0,2}")) {
                throw call.failure("with.categories must hold AbuseIPDB category ids (whole numbers), got '" + value + "'");
            }
            ids.add(id);
        }
        return ids;
    }

    /** The first {@code errors[].detail} of an AbuseIPDB error body. */
    private static String detail(Object data) {
        if (data instanceof Map<?, ?> body && body.get("errors") instanceof List<?> errors && !errors.isEmpty()
                && errors.getFirst() instanceof Map<?, ?> first && first.get("detail") instanceof String detail) {
            return detail;
        }
        return null;
    }
}
