package dev.vigil.connectors.pagerduty;

import dev.vigil.connectors.ConnectorCall;
import dev.vigil.steps.StepFailure;
import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * PagerDuty's Events API v2 ({@code POST /v2/enqueue}, authorised by the integration's routing key in the body):
 * the step form {@code pagerduty} with Kibana's {@code .pagerduty} params ({@code eventAction, dedupKey, summary,
 * source, severity, timestamp, component, group, class, links, customDetails}) and the sub-actions
 * {@code trigger}, {@code acknowledge}, {@code resolve}. The output is PagerDuty's answer
 * {@code {status, message, dedup_key}}, as Kibana's connector returns it.
 */
final class PagerDutyEvents {

    static final String DEFAULT_URL = "https://events.pagerduty.com";
    static final Set<String> ACTIONS = Set.of("trigger", "acknowledge", "resolve");
    static final List<String> SEVERITIES = List.of("critical", "error", "warning", "info");
    private static final DateTimeFormatter PAGERDUTY_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss[.SSS]Z");
    private static final DateTimeFormatter ISO_MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private PagerDutyEvents() {
    }

    /** @param action the sub-action's event action, or null to read {@code with.eventAction} (default trigger) */
    static Object send(ConnectorCall call, String action) throws StepFailure {
        String eventAction = action != null ? action : call.textOr("eventAction", "trigger");
        if (!ACTIONS.contains(eventAction)) {
            throw call.failure("with.eventAction must be trigger, acknowledge or resolve, got '" + eventAction + "'");
        }
        String dedupKey = call.text("dedupKey");
        if (dedupKey == null && !eventAction.equals("trigger")) {
            throw call.failure("with.dedupKey is required to " + eventAction + " an alert: it names the alert the"
                    + " trigger opened (its output's dedup_key)");
        }
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("routing_key", call.connector().requireSecret("routingKey"));
        event.put("event_action", eventAction);
        if (dedupKey != null) {
            event.put("dedup_key", dedupKey);
        }
        if (eventAction.equals("trigger")) {
            // the same defaults as Kibana's connector: PagerDuty refuses a trigger without these three
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("summary", call.textOr("summary", "No summary provided."));
            payload.put("source", call.textOr("source", "Vigil connector " + call.connector().name()));
            payload.put("severity", severity(call));
            if (call.param("timestamp") != null) {
                payload.put("timestamp", timestamp(call));
            }
            for (String field : new String[] {"component", "group", "class"}) {
                if (call.text(field) != null) {
                    payload.put(field, call.text(field));
                }
            }
            if (call.map("customDetails") != null) {
                payload.put("custom_details", call.map("customDetails"));
            }
            event.put("payload", payload);
            if (call.list("links") != null) {
                event.put("links", call.list("links"));
            }
            if (call.list("images") != null) {
                event.put("images", call.list("images"));
            }
        }
        return PagerDutyErrors.send(call.http().request("POST", enqueueUrl(call)).json(event)).data();
    }

    /** {@code config.eventsUrl} (default https://events.pagerduty.com) plus /v2/enqueue, unless it has it already. */
    static String enqueueUrl(ConnectorCall call) {
        String configured = call.connector().option("eventsUrl");
        String base = (configured == null || configured.isBlank() ? DEFAULT_URL : configured).replaceAll("/+$", "");
        return base.endsWith("/v2/enqueue") ? base : base + "/v2/enqueue";
    }

    /**
     * "Test connection" for the Events API: it has no call that reads without sending an event, so only what can be
     * known locally is checked: a routing key of 32 characters (PagerDuty's integration keys) and a valid URL.
     */
    static String check(ConnectorCall call) throws StepFailure {
        String key = call.connector().requireSecret("routingKey");
        if (key.strip().length() != 32) {
            throw call.failure("the routing key has " + key.strip().length() + " characters; PagerDuty's"
                    + " integration keys have 32 (the Integration Key of an Events API v2 integration)");
        }
        String url = enqueueUrl(call);
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw call.failure("config.eventsUrl is not a valid URL");
        }
        if (uri.getScheme() == null || uri.getHost() == null) {
            throw call.failure("config.eventsUrl is not an absolute URL");
        }
        return "Events API v2 has no read-only call, so no event was sent: the routing key has 32 characters and "
                + uri.getScheme() + "://" + uri.getHost() + uri.getPath() + " is a valid URL";
    }

    private static String severity(ConnectorCall call) throws StepFailure {
        String severity = call.textOr("severity", "info");
        if (!SEVERITIES.contains(severity)) {
            throw call.failure("with.severity must be one of " + String.join(", ", SEVERITIES) + ", got '"
                    + severity + "'");
        }
        return severity;
    }

    /** ISO-8601 (PagerDuty's own {@code +0000} form too) or epoch milliseconds, sent as ISO-8601 in UTC. */
    private static String timestamp(ConnectorCall call) throws StepFailure {
        Object value = call.param("timestamp");
        if (value instanceof Number n) {
            return ISO_MILLIS.format(Instant.ofEpochMilli(n.longValue()));
        }
        String text = String.valueOf(value).strip();
        if (text.matches("\\d{9,}")) {
            return ISO_MILLIS.format(Instant.ofEpochMilli(Long.parseLong(text)));
        }
        for (DateTimeFormatter format : new DateTimeFormatter[] {DateTimeFormatter.ISO_OFFSET_DATE_TIME, PAGERDUTY_TIME}) {
            try {
                return ISO_MILLIS.format(OffsetDateTime.parse(text, format).toInstant());
            } catch (DateTimeParseException next) {
                // try the next form
            }
        }
        throw call.failure("with.timestamp '" + text + "' is not a date (ISO-8601 or epoch milliseconds)");
    }
}
