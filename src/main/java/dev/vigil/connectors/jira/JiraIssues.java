package dev.vigil.connectors.jira;

import dev.vigil.connectors.ConnectorCall;
import dev.vigil.steps.StepFailure;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Issue sub-actions: create, edit, comment, read, search, assign. */
final class JiraIssues {

    /** Every spelling workflows use for "which issue": Kibana's jira-cloud says issueId, .jira says externalId. */
    static final String[] ISSUE = {"issueId", "issueKey", "issue", "key", "id", "externalId"};

    private JiraIssues() {
    }

    /** {@code createIssue}: POST /issue; output Jira's {@code {id, key, self}} plus the browse {@code url}. */
    static Object create(ConnectorCall call) throws StepFailure {
        JiraApi api = new JiraApi(call);
        Map<String, Object> fields = new LinkedHashMap<>();
        String project = project(call);
        fields.put("project", Map.of("key", project));
        call.required("summary");
        fields.putAll(JiraFields.of(call));
        if (!fields.containsKey("issuetype")) {
            fields.put("issuetype", Map.of("id", defaultIssueType(api, call, project)));
        }
        Map<String, Object> created = api.send("POST", JiraApi.REST + "/issue", Map.of("fields", fields)).object();
        Map<String, Object> out = new LinkedHashMap<>(created);
        out.put("url", api.browseUrl(String.valueOf(created.get("key"))));
        return out;
    }

    /** {@code updateIssue}: PUT /issue/{id} with the fields given (Jira answers 204, so the output is ours). */
    static Object update(ConnectorCall call) throws StepFailure {
        String issue = call.requiredAny(ISSUE);
        Map<String, Object> fields = JiraFields.of(call);
        if (fields.isEmpty()) {
            throw call.failure("nothing to update: give at least one of summary, description, issueType, priority,"
                    + " labels, parent, assigneeAccountId, otherFields");
        }
        new JiraApi(call).send("PUT", JiraApi.issue(issue), Map.of("fields", fields));
        return Map.of("updated", true, "issueId", issue);
    }

    /** {@code addComment} / {@code createComment}: the comment Jira created (id, created, body ...). */
    static Object comment(ConnectorCall call) throws StepFailure {
        String issue = call.requiredAny(ISSUE);
        Object text = call.param("body") != null ? call.param("body") : call.param("comment");
        if (text == null || text instanceof String s && s.isBlank()) {
            throw call.failure("with.body is required (or comment): the comment's text");
        }
        return new JiraApi(call).send("POST", JiraApi.issue(issue) + "/comment", Map.of("body", Adf.of(text))).data();
    }

    /** {@code getIssue}: the issue as Jira returns it; {@code fields} and {@code expand} narrow or widen it. */
    static Object get(ConnectorCall call) throws StepFailure {
        String issue = call.requiredAny(ISSUE);
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("fields", call.strings("fields"));
        query.put("expand", call.strings("expand"));
        return new JiraApi(call).get(JiraApi.issue(issue), query).data();
    }

    /**
     * {@code searchIssues} / {@code searchIssuesWithJql}: POST /search/jql. That endpoint returns bare ids unless
     * asked for fields, so without {@code fields} we ask for the navigable ones (what the old /search returned).
     */
    static Object search(ConnectorCall call) throws StepFailure {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("jql", call.required("jql"));
        body.put("fields", call.strings("fields") == null ? List.of("*navigable") : call.strings("fields"));
        if (call.number("maxResults") != null) {
            body.put("maxResults", call.number("maxResults"));
        }
        if (call.text("nextPageToken") != null) {
            body.put("nextPageToken", call.text("nextPageToken"));
        }
        if (call.strings("expand") != null) {
            body.put("expand", String.join(",", call.strings("expand")));
        }
        return new JiraApi(call).send("POST", JiraApi.REST + "/search/jql", body).data();
    }

    /** {@code assignIssue}: an account id, "-1" for the project's default assignee, null to unassign. */
    static Object assign(ConnectorCall call) throws StepFailure {
        String issue = call.requiredAny(ISSUE);
        if (!call.params().containsKey("accountId")) {
            throw call.failure("with.accountId is required (an account id, \"-1\" for the default assignee, or null"
                    + " to unassign)");
        }
        String account = call.text("accountId");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("accountId", account);
        new JiraApi(call).send("PUT", JiraApi.issue(issue) + "/assignee", body);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("assigned", true);
        out.put("issueId", issue);
        out.put("accountId", account);
        return out;
    }

    static String project(ConnectorCall call) throws StepFailure {
        String project = call.textOr("projectKey", call.connector().option("projectKey"));
        if (project == null || project.isBlank()) {
            throw call.failure("with.projectKey is required when the connector has no config.projectKey");
        }
        return project;
    }

    /**
     * Like Kibana's Jira connector, an issue created without a type gets the project's first one; sub-task types
     * are passed over, since they cannot be created without a parent.
     */
    private static String defaultIssueType(JiraApi api, ConnectorCall call, String project) throws StepFailure {
        Map<String, Object> page = api.get(JiraApi.REST + "/issue/createmeta/" + JiraApi.segment(project) + "/issuetypes",
                null).object();
        Object list = page.get("issueTypes") != null ? page.get("issueTypes") : page.get("values");
        if (list instanceof List<?> types) {
            for (Object type : types) {
                if (type instanceof Map<?, ?> t && !Boolean.TRUE.equals(t.get("subtask")) && t.get("id") != null) {
                    return String.valueOf(t.get("id"));
                }
            }
        }
        throw call.failure("project " + project + " offers no issue type to create with; give with.issueType");
    }
}
