package dev.vigil.connectors.jira;

import dev.vigil.connectors.ConfigField;
import dev.vigil.connectors.ConnectorCall;
import dev.vigil.connectors.ConnectorType;
import dev.vigil.connectors.KibanaSubActions;
import dev.vigil.connectors.SubAction;
import dev.vigil.steps.StepFailure;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Jira Cloud (REST API v3, basic auth with an API token). Answers both step prefixes workflows use: {@code jira}
 * (Kibana's {@code .jira} case connector: {@code pushToService}, {@code getIncident}, and the step form {@code jira}
 * with {@code {subAction, subActionParams}}) and {@code jira-cloud} (Kibana's newer connector: {@code getIssue},
 * {@code getProject}, {@code searchIssuesWithJql} ...). Sub-actions that mean the same under both names share one
 * implementation.
 */
public final class JiraConnector implements ConnectorType {

    private static final Map<String, SubAction> ACTIONS = actions();

    private static Map<String, SubAction> actions() {
        Map<String, SubAction> actions = new LinkedHashMap<>();
        actions.put("pushToService", JiraPush::push);
        actions.put("getIncident", JiraPush::getIncident);
        actions.put("createIssue", JiraIssues::create);
        actions.put("updateIssue", JiraIssues::update);
        actions.put("addComment", JiraIssues::comment);
        actions.put("createComment", JiraIssues::comment);
        actions.put("getIssue", JiraIssues::get);
        actions.put("searchIssues", JiraIssues::search);
        actions.put("searchIssuesWithJql", JiraIssues::search);
        actions.put("assignIssue", JiraIssues::assign);
        actions.put("transitionIssue", JiraTransitions::transition);
        actions.put("getTransitions", JiraTransitions::list);
        actions.put("getProject", JiraDirectory::project);
        actions.put("getProjects", JiraDirectory::projects);
        actions.put("searchUsers", JiraDirectory::users);
        actions.put("getIssueTypes", JiraDirectory::issueTypes);
        return Collections.unmodifiableMap(actions);
    }

    @Override
    public String id() {
        return "jira";
    }

    @Override
    public Set<String> aliases() {
        return Set.of("jira-cloud");
    }

    @Override
    public String summary() {
        return "Jira Cloud issues: create, update, comment, transition, search (REST API v3)";
    }

    @Override
    public List<ConfigField> fields() {
        return List.of(
                ConfigField.requiredOption("baseUrl", "the Jira site, https://your-domain.atlassian.net"),
                ConfigField.requiredOption("email", "the Atlassian account the API token belongs to"),
                ConfigField.option("projectKey", "project for new issues when a step names none (SEC)"),
                ConfigField.option("timeout", "longest time one request may take (default 30s)"),
                ConfigField.requiredSecret("apiToken", "an Atlassian API token of that account"));
    }

    @Override
    public Set<String> subActions() {
        return ACTIONS.keySet();
    }

    @Override
    public boolean acceptsNoSubAction() {
        return true;
    }

    @Override
    public Object execute(ConnectorCall call) throws StepFailure {
        ConnectorCall target = call.subAction() == null ? KibanaSubActions.unwrap(call) : call;
        return SubAction.dispatch(ACTIONS, target, "Jira");
    }

    /** GET /myself: the cheapest call that proves the site, the email and the token together. */
    @Override
    public String test(ConnectorCall call) throws StepFailure {
        Map<String, Object> me = new JiraApi(call).get(JiraApi.REST + "/myself", null).object();
        return "GET " + JiraApi.REST + "/myself: authenticated as " + me.get("displayName")
                + " (account " + me.get("accountId") + ")";
    }
}
