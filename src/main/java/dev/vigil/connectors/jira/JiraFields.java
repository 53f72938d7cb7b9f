package dev.vigil.connectors.jira;

import dev.vigil.connectors.ConnectorCall;
import dev.vigil.steps.StepFailure;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The {@code fields} object of Jira's create and edit requests, from a step's params: the names Kibana's Jira
 * connectors use ({@code summary, description, issueType, priority, labels, parent, assigneeAccountId}) plus
 * {@code otherFields} / {@code fields} for anything else (custom fields), merged last.
 */
final class JiraFields {

    private JiraFields() {
    }

    static Map<String, Object> of(ConnectorCall call) throws StepFailure {
        Map<String, Object> fields = new LinkedHashMap<>();
        String summary = call.text("summary");
        if (summary != null) {
            fields.put("summary", oneLine(summary));
        }
        if (call.param("description") != null) {
            fields.put("description", Adf.of(call.param("description")));
        }
        String issueType = call.text("issueType");
        if (issueType != null) {
            fields.put("issuetype", issueType(issueType));
        }
        String priority = call.text("priority");
        if (priority != null) {
            fields.put("priority", Map.of("name", priority));
        }
        if (call.param("labels") != null) {
            fields.put("labels", call.strings("labels"));
        }
        String parent = call.text("parent");
        if (parent != null) {
            fields.put("parent", Map.of("key", parent));
        }
        if (call.params().containsKey("assigneeAccountId")) {
            String account = call.text("assigneeAccountId");
            // an explicit null unassigns, as in Jira's own API
            fields.put("assignee", account == null ? null : Map.of("accountId", account));
        }
        for (String more : new String[] {"otherFields", "fields"}) {
            Map<String, Object> extra = call.map(more);
            if (extra != null) {
                fields.putAll(extra);
            }
        }
        return fields;
    }

    /** A numeric issue type is an id ("10001"), anything else a name ("Bug"). */
    static Map<String, Object> issueType(String value) {
        return value.matches("\\d+") ? Map.of("id", value) : Map.of("name", value);
    }

    /** Jira refuses a summary with line breaks; Kibana joins the lines with ", " and so do we. */
    static String oneLine(String text) {
        return Arrays.stream(text.split("[\\r\\n]+")).map(String::strip).filter(s -> !s.isEmpty())
                .collect(Collectors.joining(", "));
    }
}
