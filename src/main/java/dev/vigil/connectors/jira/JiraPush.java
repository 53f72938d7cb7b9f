package dev.vigil.connectors.jira;

import dev.vigil.connectors.ConnectorCall;
import dev.vigil.steps.StepFailure;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Kibana's {@code .jira} connector sub-actions, for workflows written against it: {@code pushToService} (create or,
 * with {@code incident.externalId}, update an issue, then add {@code comments}) and {@code getIncident}. Outputs
 * are the shapes Kibana returns.
 */
final class JiraPush {

    /** Jira's timestamps: {@code 2024-01-15T10:30:00.000+0000} (no colon in the offset). */
    private static final DateTimeFormatter JIRA_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");
    private static final DateTimeFormatter ISO_MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private JiraPush() {
    }

    /**
     * {@code pushToService {incident: {summary, description, externalId, issueType, priority, labels, parent,
     * otherFields}, comments: [{commentId, comment}]}} → {@code {id, title, pushedDate, url, comments?}}; the
     * incident's fields may also be given flat.
     */
    static Object push(ConnectorCall call) throws StepFailure {
        Map<String, Object> incident = call.map("incident");
        ConnectorCall fields = incident == null ? call : with(call, incident);
        JiraApi api = new JiraApi(call);
        String externalId = fields.text("externalId");
        String id;
        boolean created = externalId == null;
        if (created) {
            id = String.valueOf(((Map<?, ?>) JiraIssues.create(fields)).get("id"));
        } else {
            Map<String, Object> changes = JiraFields.of(fields);
            if (!changes.isEmpty()) {
                api.send("PUT", JiraApi.issue(externalId), Map.of("fields", changes));
            }
            id = externalId;
        }
        Map<String, Object> issue = api.get(JiraApi.issue(id), Map.of("fields", "created,updated")).object();
        Map<?, ?> dates = issue.get("fields") instanceof Map<?, ?> m ? m : Map.of();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", issue.get("id"));
        out.put("title", issue.get("key"));
        out.put("pushedDate", iso(dates.get(created ? "created" : "updated")));
        out.put("url", api.browseUrl(String.valueOf(issue.get("key"))));
        List<Object> comments = comments(call, api, String.valueOf(issue.get("id")));
        if (comments != null) {
            out.put("comments", comments);
        }
        return out;
    }

    /** {@code getIncident {externalId}} → {@code {id, key, created, updated, ...fields}}, as Kibana flattens it. */
    static Object getIncident(ConnectorCall call) throws StepFailure {
        String id = call.requiredAny("externalId", "issueId", "id");
        Map<String, Object> issue = new JiraApi(call).get(JiraApi.issue(id), null).object();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", issue.get("id"));
        out.put("key", issue.get("key"));
        if (issue.get("fields") instanceof Map<?, ?> fields) {
            out.put("created", fields.get("created"));
            out.put("updated", fields.get("updated"));
            fields.forEach((k, v) -> out.put(String.valueOf(k), v));
        }
        return out;
    }

    private static List<Object> comments(ConnectorCall call, JiraApi api, String issueId) throws StepFailure {
        List<Object> comments = call.list("comments");
        if (comments == null || comments.isEmpty()) {
            return null;
        }
        List<Object> pushed = new ArrayList<>();
        for (Object item : comments) {
            if (!(item instanceof Map<?, ?> comment) || comment.get("comment") == null
                    || String.valueOf(comment.get("comment")).isBlank()) {
                continue;
            }
            Map<String, Object> made = api.send("POST", JiraApi.issue(issueId) + "/comment",
                    Map.of("body", Adf.of(comment.get("comment")))).object();
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("commentId", comment.get("commentId"));
            one.put("pushedDate", iso(made.get("created")));
            pushed.add(one);
        }
        return pushed;
    }

    private static ConnectorCall with(ConnectorCall call, Map<String, Object> params) {
        return new ConnectorCall(call.connector(), call.subAction(), params, call.http(), call.logger(),
                call.idempotencyKey());
    }

    /** Jira's timestamp as ISO-8601 in UTC with milliseconds, as Kibana's {@code toISOString()} gives it. */
    static Object iso(Object jiraTime) {
        if (!(jiraTime instanceof String text)) {
            return jiraTime;
        }
        Instant instant;
        try {
            instant = OffsetDateTime.parse(text, JIRA_TIME).toInstant();
        } catch (DateTimeParseException notJiraForm) {
            try {
                instant = OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException unknown) {
                return text;
            }
        }
        return ISO_MILLIS.format(instant);
    }
}
