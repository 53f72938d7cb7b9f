package dev.vigil.connectors.servicenow;

import dev.vigil.connectors.ConnectorCall;
import dev.vigil.connectors.ConnectorHttp;
import dev.vigil.connectors.HttpAuth;
import dev.vigil.secrets.KnownSecrets;
import dev.vigil.steps.StepFailure;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A ServiceNow instance's REST APIs (Table, Attachment) as one connector reaches them: the instance URL, and basic
 * auth ({@code username} + secret {@code password}) or OAuth 2.0 client credentials ({@code clientId} + secret
 * {@code clientSecret}, token from {@code tokenUrl}, by default the instance's {@code /oauth_token.do}).
 */
final class ServiceNowApi {

    static final String TABLE = "/api/now/table/";
    private static final DateTimeFormatter SN_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final DateTimeFormatter ISO_MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'");

    private final ConnectorCall call;
    private final String base;
    private final HttpAuth auth;

    ServiceNowApi(ConnectorCall call) throws StepFailure {
        this.call = call;
        this.base = call.connector().requireOption("baseUrl").replaceAll("/+$", "");
        this.auth = auth(call, base);
    }

    /** {@code config.auth} basic or oauth2; when absent, oauth2 if a clientId is configured, else basic. */
    private static HttpAuth auth(ConnectorCall call, String base) throws StepFailure {
        var c = call.connector();
        String mode = c.option("auth") != null ? c.option("auth").toLowerCase(Locale.ROOT)
                : c.option("clientId") != null ? "oauth2" : "basic";
        return switch (mode) {
            case "basic" -> new HttpAuth.Basic(c.requireOption("username"), c.requireSecret("password"));
            case "oauth2" -> new HttpAuth.OAuth2ClientCredentials(
                    c.option("tokenUrl") != null ? c.option("tokenUrl") : base + "/oauth_token.do",
                    c.requireOption("clientId"), c.requireSecret("clientSecret"), c.option("scope"), Map.of());
            default -> throw call.failure("config.auth '" + mode + "' is not basic or oauth2");
        };
    }

    /** The table a record sub-action works on: {@code with.table}, else {@code config.table}, else incident. */
    static String table(ConnectorCall call, String... names) throws StepFailure {
        for (String name : names) {
            if (call.text(name) != null) {
                return call.text(name);
            }
        }
        String configured = call.connector().option("table");
        return configured == null || configured.isBlank() ? "incident" : configured;
    }

    static String segment(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Where a person opens the record in the instance (the same link Kibana's connector gives). */
    String recordUrl(String table, Object sysId) {
        return base + "/nav_to.do?uri=" + table + ".do?sys_id=" + sysId;
    }

    ConnectorHttp.Request request(String method, String path) {
        return call.http().request(method, base + path).auth(auth).header("Accept", "application/json");
    }

    ConnectorHttp.Response send(ConnectorHttp.Request request) throws StepFailure {
        try {
            return request.send();
        } catch (StepFailure failure) {
            throw complete(failure);
        }
    }

    /** {@code result} of a Table API answer: one record (a map) or a list of them. */
    Object result(ConnectorHttp.Request request) throws StepFailure {
        return send(request).object().get("result");
    }

    /**
     * The sys_id of a record given by sys_id or by number ("INC0010023"), looking the number up in the table.
     *
     * @param idNames the params that may hold a sys_id, in order
     */
    String sysId(String table, String... idNames) throws StepFailure {
        for (String name : idNames) {
            if (call.text(name) != null) {
                return call.text(name);
            }
        }
        String number = call.text("number");
        if (number == null) {
            throw call.failure("with." + idNames[0] + " (the record's sys_id) or with.number is required");
        }
        Object found = result(request("GET", TABLE + segment(table)).query("sysparm_query", "number=" + number)
                .query("sysparm_limit", 1).query("sysparm_fields", "sys_id"));
        if (found instanceof List<?> list && !list.isEmpty() && list.getFirst() instanceof Map<?, ?> record
                && record.get("sys_id") != null) {
            return String.valueOf(record.get("sys_id"));
        }
        throw call.failure("no record numbered " + number + " in table " + table);
    }

    /**
     * ServiceNow's errors are {@code {error: {message, detail}, status: "failure"}}; the shared client quotes the
     * message, and the detail ("Record doesn't exist or ACL restricts the record retrieval") often says why.
     */
    static StepFailure complete(StepFailure failure) {
        if (failure.details() != null && failure.details().get("data") instanceof Map<?, ?> body
                && body.get("error") instanceof Map<?, ?> error && error.get("detail") instanceof String detail
                && !detail.isBlank() && !detail.equals(error.get("message"))) {
            return new StepFailure(failure.type(), failure.getMessage() + " (" + KnownSecrets.redact(detail) + ")",
                    failure.details(), failure.extra());
        }
        return failure;
    }

    /** A ServiceNow date-time (UTC, "2024-05-01 10:00:00") in ISO-8601 with milliseconds, as Kibana reports it. */
    static Object iso(Object snTime) {
        if (!(snTime instanceof String text)) {
            return snTime;
        }
        try {
            return LocalDateTime.parse(text, SN_TIME).atOffset(ZoneOffset.UTC).format(ISO_MILLIS);
        } catch (DateTimeParseException other) {
            return text;
        }
    }
}
