package dev.vigil.connectors.jira;

import dev.vigil.connectors.ConnectorCall;
import dev.vigil.steps.StepFailure;
import java.util.LinkedHashMap;
import java.util.Map;

/** Read-only look-ups around issues (Kibana's jira-cloud names): projects, users, issue types. */
final class JiraDirectory {

    private JiraDirectory() {
    }

    /** {@code getProject {projectId}}: the project by key or id, as Jira returns it. */
    static Object project(ConnectorCall call) throws StepFailure {
        String project = call.requiredAny("projectId", "projectKey", "project");
        return new JiraApi(call).get(JiraApi.REST + "/project/" + JiraApi.segment(project), null).data();
    }

    /** {@code getProjects {query, startAt, maxResults}}: Jira's page of projects ({@code values, total ...}). */
    static Object projects(ConnectorCall call) throws StepFailure {
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("query", call.text("query"));
        query.put("startAt", call.number("startAt"));
        query.put("maxResults", call.number("maxResults"));
        return new JiraApi(call).get(JiraApi.REST + "/project/search", query).data();
    }

    /** {@code searchUsers {query, username, accountId, startAt, maxResults, property}}: a list of users. */
    static Object users(ConnectorCall call) throws StepFailure {
        Map<String, Object> query = new LinkedHashMap<>();
        for (String name : new String[] {"query", "username", "accountId", "property"}) {
            query.put(name, call.text(name));
        }
        query.put("startAt", call.number("startAt"));
        query.put("maxResults", call.number("maxResults"));
        return new JiraApi(call).get(JiraApi.REST + "/user/search", query).data();
    }

    /** {@code getIssueTypes {projectKey}} (default: config.projectKey): the types an issue can be created with. */
    static Object issueTypes(ConnectorCall call) throws StepFailure {
        String project = JiraIssues.project(call);
        return new JiraApi(call).get(JiraApi.REST + "/issue/createmeta/" + JiraApi.segment(project) + "/issuetypes",
                null).data();
    }
}
