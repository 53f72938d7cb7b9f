package dev.vigil.connectors.jira;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.connectors.ConnectorKit;
import dev.vigil.connectors.ConnectorTypes;
import dev.vigil.sims.JiraSim;
import dev.vigil.sims.Simulator;
import dev.vigil.steps.StepFailure;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JiraConnectorTest {

    static final String BASIC = "Basic " + Base64.getEncoder().encodeToString(
            (JiraSim.EMAIL + ":" + JiraSim.TOKEN).getBytes(StandardCharsets.UTF_8));

    final JiraSim sim = new JiraSim();
    final ConnectorKit kit = kit(Map.of("projectKey", "SEC"), JiraSim.TOKEN);

    @AfterEach
    void close() {
        sim.close();
    }

    ConnectorKit kit(Map<String, Object> config, String token) {
        Map<String, Object> all = new HashMap<>(config);
        all.put("baseUrl", sim.url() + "/");
        all.put("email", JiraSim.EMAIL);
        return new ConnectorKit(new JiraConnector(), all, Map.of("apiToken", token));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    static Map<String, Object> adf(String... lines) {
        return Map.of("type", "doc", "version", 1L, "content", java.util.Arrays.stream(lines)
                .map(l -> Map.of("type", "paragraph", "content",
                        l.isEmpty() ? List.of() : List.of(Map.of("type", "text", "text", l))))
                .toList());
    }

    void assertJiraRequest(Simulator.Request request, String method, String path) {
        assertThat(request.method()).isEqualTo(method);
        assertThat(request.path()).isEqualTo(path);
        assertThat(request.header("authorization")).isEqualTo(BASIC);
        assertThat(request.header("accept")).isEqualTo("application/json");
    }

    @Test
    void createIssueSendsTheFieldsWithAdfDescriptionAndAnswersIdKeyAndBrowseUrl() throws StepFailure {
        Object output = kit.run("createIssue", Map.of("summary", "Malware on wks-7\nseen twice",
                "description", "EDR flagged a binary.\n\nHost isolated.", "issueType", "Bug", "priority", "High",
                "labels", List.of("edr", "malware"), "otherFields", Map.of("customfield_10020", "SOC")));

        Simulator.Request sent = sim.lastRequest();
        assertJiraRequest(sent, "POST", "/rest/api/3/issue");
        assertThat(sent.header("content-type")).isEqualTo("application/json");
        assertThat(sent.jsonObject()).isEqualTo(Map.of("fields", Map.of(
                "project", Map.of("key", "SEC"),
                "summary", "Malware on wks-7, seen twice",
                "description", adf("EDR flagged a binary.", "", "Host isolated."),
                "issuetype", Map.of("name", "Bug"),
                "priority", Map.of("name", "High"),
                "labels", List.of("edr", "malware"),
                "customfield_10020", "SOC")));
        assertThat(sim.requests()).hasSize(1);
        assertThat(output).isEqualTo(Map.of("id", "10041", "key", "SEC-1",
                "self", sim.url() + "/rest/api/3/issue/10041", "url", sim.url() + "/browse/SEC-1"));
    }

    @Test
    void createIssueWithoutATypeTakesTheProjectsFirstTypeThatIsNotASubtask() throws StepFailure {
        kit.run("createIssue", Map.of("projectKey", "OPS", "summary", "Disk full", "parent", "OPS-0",
                "assigneeAccountId", "5b10ac8d82e05b22cc7d4ef5"));

        assertThat(sim.requests()).hasSize(2);
        assertJiraRequest(sim.requests().getFirst(), "GET", "/rest/api/3/issue/createmeta/OPS/issuetypes");
        assertThat(sim.lastRequest().jsonObject()).isEqualTo(Map.of("fields", Map.of(
                "project", Map.of("key", "OPS"), "summary", "Disk full", "parent", Map.of("key", "OPS-0"),
                "assignee", Map.of("accountId", "5b10ac8d82e05b22cc7d4ef5"), "issuetype", Map.of("id", "10001"))));
    }

    @Test
    void aRefusedCreateNamesEveryFieldJiraComplainedAbout() {
        StepFailure failure = kit.fail("createIssue", Map.of("projectKey", "NOPE", "summary", "x",
                "issueType", "Epic"));
        assertThat(failure.type()).isEqualTo("ConnectorExecutionError");
        assertThat(failure.getMessage()).startsWith("jira.createIssue: HTTP 400 Bad Request from POST ")
                .contains("project: valid project is required").contains("issuetype: Specify an issue type");
        assertThat(failure.details()).containsEntry("status", 400L);
        assertThat(failure.toValue()).containsEntry("statusCode", 400L);
    }

    @Test
    void createIssueWithoutSummaryOrProjectFailsBeforeCallingJira() {
        assertThat(kit.fail("createIssue", Map.of("issueType", "Bug")).getMessage())
                .isEqualTo("jira.createIssue: with.summary is required");
        assertThat(kit(Map.of(), JiraSim.TOKEN).fail("createIssue", Map.of("summary", "x")).getMessage())
                .contains("with.projectKey is required when the connector has no config.projectKey");
        assertThat(sim.requests()).isEmpty();
    }

    @Test
    void updateIssuePutsOnlyTheGivenFieldsAndAnEmptyUpdateIsRefused() throws StepFailure {
        String key = sim.seedIssue("SEC", "Phishing");
        Object output = kit.run("updateIssue", Map.of("issueId", key, "priority", "Highest",
                "description", "Reported by 3 users", "labels", "phishing"));

        assertJiraRequest(sim.lastRequest(), "PUT", "/rest/api/3/issue/" + key);
        assertThat(sim.lastRequest().jsonObject()).isEqualTo(Map.of("fields", Map.of(
                "priority", Map.of("name", "Highest"), "description", adf("Reported by 3 users"),
                "labels", List.of("phishing"))));
        assertThat(output).isEqualTo(Map.of("updated", true, "issueId", key));
        assertThat(map(sim.issue(key).get("fields")).get("priority")).isEqualTo(Map.of("name", "Highest"));

        sim.clearRequests();
        assertThat(kit.fail("updateIssue", Map.of("issueId", key)).getMessage()).contains("nothing to update");
        assertThat(sim.requests()).isEmpty();
    }

    @Test
    void updateIssueCanUnassignWithAnExplicitNull() throws StepFailure {
        String key = sim.seedIssue("SEC", "Phishing");
        Map<String, Object> params = new HashMap<>();
        params.put("key", key);
        params.put("assigneeAccountId", null);
        kit.run("updateIssue", params);
        Map<String, Object> fields = new HashMap<>();
        fields.put("assignee", null);
        assertThat(sim.lastRequest().jsonObject()).isEqualTo(Map.of("fields", fields));
    }

    @Test
    void addCommentAndCreateCommentPostAnAdfBody() throws StepFailure {
        String key = sim.seedIssue("SEC", "Phishing");
        Object output = kit.run("addComment", Map.of("issueId", key, "body", "Contained.\nUser notified."));
        assertJiraRequest(sim.lastRequest(), "POST", "/rest/api/3/issue/" + key + "/comment");
        assertThat(sim.lastRequest().jsonObject()).isEqualTo(Map.of("body", adf("Contained.", "User notified.")));
        assertThat(map(output)).containsEntry("id", "10100").containsEntry("created", "2024-05-01T11:30:00.000+0000");

        kit.run("createComment", Map.of("issue", key, "comment", "Closed"));
        assertThat(sim.lastRequest().jsonObject()).isEqualTo(Map.of("body", adf("Closed")));
        assertThat(kit.fail("addComment", Map.of("issueId", key)).getMessage()).contains("with.body is required");
    }

    @Test
    void transitionIssueLooksTheTransitionUpByStatusNameTransitionNameOrId() throws StepFailure {
        String key = sim.seedIssue("SEC", "Phishing");
        Object output = kit.run("transitionIssue", Map.of("issueId", key, "transition", "start progress"));
        assertThat(sim.requests()).hasSize(2);
        assertJiraRequest(sim.requests().getFirst(), "GET", "/rest/api/3/issue/" + key + "/transitions");
        assertJiraRequest(sim.lastRequest(), "POST", "/rest/api/3/issue/" + key + "/transitions");
        assertThat(sim.lastRequest().jsonObject()).isEqualTo(Map.of("transition", Map.of("id", "11")));
        assertThat(output).isEqualTo(Map.of("transitioned", true, "issueId", key, "transitionId", "11",
                "transition", "Start Progress", "status", "In Progress"));

        kit.run("transitionIssue", Map.of("issueId", key, "transition", "Done", "comment", "Fixed",
                "fields", Map.of("resolution", Map.of("name", "Done"))));
        assertThat(sim.lastRequest().jsonObject()).isEqualTo(Map.of("transition", Map.of("id", "31"),
                "fields", Map.of("resolution", Map.of("name", "Done")),
                "update", Map.of("comment", List.of(Map.of("add", Map.of("body", adf("Fixed")))))));

        kit.run("transitionIssue", Map.of("issueId", key, "transitionId", "41"));
        assertThat(map(map(sim.issue(key).get("fields")).get("status"))).containsEntry("name", "To Do");
    }

    @Test
    void anUnavailableTransitionFailsListingTheAvailableOnesAndSendsNothing() {
        String key = sim.seedIssue("SEC", "Phishing");
        StepFailure failure = kit.fail("transitionIssue", Map.of("issueId", key, "transition", "Close"));
        assertThat(failure.getMessage()).isEqualTo("jira.transitionIssue: transition 'Close' is not available for"
                + " issue " + key + "; available: 'Start Progress' (id 11 → In Progress), 'Done' (id 31 → Done)");
        assertThat(sim.requests("POST", ".*")).isEmpty();
    }

    @Test
    void getTransitionsAnswersJirasList() throws StepFailure {
        String key = sim.seedIssue("SEC", "Phishing");
        Object output = kit.run("getTransitions", Map.of("issueId", key));
        assertJiraRequest(sim.lastRequest(), "GET", "/rest/api/3/issue/" + key + "/transitions");
        assertThat((List<?>) map(output).get("transitions")).hasSize(2);
    }

    @Test
    void getIssueAsksForTheNamedFieldsAndAMissingIssueFailsWithJirasWords() throws StepFailure {
        String key = sim.seedIssue("SEC", "Phishing");
        Object output = kit.run("getIssue", Map.of("issueId", key, "fields", List.of("summary", "status")));
        assertJiraRequest(sim.lastRequest(), "GET", "/rest/api/3/issue/" + key);
        assertThat(sim.lastRequest().query()).isEqualTo(Map.of("fields", "summary,status"));
        assertThat(map(output)).containsEntry("key", key).containsEntry("fields",
                Map.of("summary", "Phishing", "status", Map.of("name", "To Do")));

        StepFailure failure = kit.fail("getIssue", Map.of("issueId", "SEC-99"));
        assertThat(failure.getMessage()).contains("HTTP 404 Not Found")
                .endsWith("Issue does not exist or you do not have permission to see it.");
    }

    @Test
    void searchIssuesPostsJqlAskingForNavigableFieldsByDefault() throws StepFailure {
        sim.seedIssue("SEC", "Phishing");
        sim.seedIssue("OPS", "Disk full");
        Object output = kit.run("searchIssues", Map.of("jql", "project = SEC ORDER BY created DESC", "maxResults", 10));
        assertJiraRequest(sim.lastRequest(), "POST", "/rest/api/3/search/jql");
        assertThat(sim.lastRequest().jsonObject()).isEqualTo(Map.of("jql", "project = SEC ORDER BY created DESC",
                "fields", List.of("*navigable"), "maxResults", 10L));
        assertThat((List<?>) map(output).get("issues")).hasSize(1);
        assertThat(map(output)).containsEntry("isLast", true);

        kit.run("searchIssuesWithJql", Map.of("jql", "project = OPS", "fields", List.of("summary"),
                "nextPageToken", "tok-1"));
        assertThat(sim.lastRequest().jsonObject()).isEqualTo(Map.of("jql", "project = OPS",
                "fields", List.of("summary"), "nextPageToken", "tok-1"));
        assertThat(kit.fail("searchIssues", Map.of("jql", "assignee = me")).getMessage())
                .contains("HTTP 400").contains("Error in the JQL Query");
    }

    @Test
    void assignIssuePutsTheAccountAndNullUnassigns() throws StepFailure {
        String key = sim.seedIssue("SEC", "Phishing");
        Object output = kit.run("assignIssue", Map.of("issueId", key, "accountId", "5b10ac8d82e05b22cc7d4ef5"));
        assertJiraRequest(sim.lastRequest(), "PUT", "/rest/api/3/issue/" + key + "/assignee");
        assertThat(sim.lastRequest().jsonObject()).isEqualTo(Map.of("accountId", "5b10ac8d82e05b22cc7d4ef5"));
        assertThat(output).isEqualTo(Map.of("assigned", true, "issueId", key, "accountId", "5b10ac8d82e05b22cc7d4ef5"));

        Map<String, Object> unassign = new HashMap<>();
        unassign.put("issueId", key);
        unassign.put("accountId", null);
        kit.run("assignIssue", unassign);
        assertThat(sim.lastRequest().body()).isEqualTo("{\"accountId\":null}");
        assertThat(kit.fail("assignIssue", Map.of("issueId", key)).getMessage()).contains("with.accountId is required");
    }

    @Test
    void projectUserAndIssueTypeLookUpsReadTheirResources() throws StepFailure {
        assertThat(map(kit.run("getProject", Map.of("projectId", "SEC")))).containsEntry("id", "10000");
        assertJiraRequest(sim.lastRequest(), "GET", "/rest/api/3/project/SEC");

        assertThat((List<?>) map(kit.run("getProjects", Map.of("query", "Sec", "maxResults", 5))).get("values"))
                .hasSize(2);
        assertJiraRequest(sim.lastRequest(), "GET", "/rest/api/3/project/search");
        assertThat(sim.lastRequest().query()).isEqualTo(Map.of("query", "Sec", "maxResults", "5"));

        assertThat((List<?>) kit.run("searchUsers", Map.of("query", "ana"))).hasSize(1);
        assertJiraRequest(sim.lastRequest(), "GET", "/rest/api/3/user/search");
        assertThat(sim.lastRequest().query()).isEqualTo(Map.of("query", "ana"));

        assertThat((List<?>) map(kit.run("getIssueTypes", Map.of())).get("issueTypes")).hasSize(3);
        assertJiraRequest(sim.lastRequest(), "GET", "/rest/api/3/issue/createmeta/SEC/issuetypes");
    }

    @Test
    void pushToServiceCreatesTheIssueAddsTheCommentsAndAnswersInKibanasShape() throws StepFailure {
        Object output = kit.run("pushToService", Map.of(
                "incident", Map.of("summary", "Case 42", "description", "From Vigil", "issueType", "10002",
                        "labels", List.of("vigil")),
                "comments", List.of(Map.of("commentId", "c-1", "comment", "first note"),
                        Map.of("commentId", "c-2", "comment", ""))));

        List<Simulator.Request> sent = sim.requests();
        assertThat(sent).hasSize(3);
        assertJiraRequest(sent.get(0), "POST", "/rest/api/3/issue");
        assertThat(sent.get(0).jsonObject()).isEqualTo(Map.of("fields", Map.of("project", Map.of("key", "SEC"),
                "summary", "Case 42", "description", adf("From Vigil"), "issuetype", Map.of("id", "10002"),
                "labels", List.of("vigil"))));
        assertJiraRequest(sent.get(1), "GET", "/rest/api/3/issue/10041");
        assertThat(sent.get(1).query()).isEqualTo(Map.of("fields", "created,updated"));
        assertJiraRequest(sent.get(2), "POST", "/rest/api/3/issue/10041/comment");
        assertThat(sent.get(2).jsonObject()).isEqualTo(Map.of("body", adf("first note")));
        assertThat(output).isEqualTo(Map.of("id", "10041", "title", "SEC-1", "pushedDate", "2024-05-01T10:00:00.000Z",
                "url", sim.url() + "/browse/SEC-1",
                "comments", List.of(Map.of("commentId", "c-1", "pushedDate", "2024-05-01T11:30:00.000Z"))));
    }

    @Test
    void pushToServiceWithAnExternalIdUpdatesTheIssue() throws StepFailure {
        String key = sim.seedIssue("SEC", "Phishing");
        String id = String.valueOf(sim.issue(key).get("id"));
        Object output = kit.run("pushToService", Map.of("incident", Map.of("externalId", id, "summary", "Phishing (2)")));
        assertJiraRequest(sim.requests().getFirst(), "PUT", "/rest/api/3/issue/" + id);
        assertThat(sim.requests().getFirst().jsonObject()).isEqualTo(Map.of("fields", Map.of("summary", "Phishing (2)")));
        assertThat(output).isEqualTo(Map.of("id", id, "title", key, "pushedDate", "2024-05-01T11:30:00.000Z",
                "url", sim.url() + "/browse/" + key));
    }

    @Test
    void theStepFormJiraTakesKibanasSubActionAndSubActionParams() throws StepFailure {
        String key = sim.seedIssue("SEC", "Phishing");
        String id = String.valueOf(sim.issue(key).get("id"));
        Object output = kit.run(null, Map.of("subAction", "getIncident", "subActionParams", Map.of("externalId", id)));
        assertJiraRequest(sim.lastRequest(), "GET", "/rest/api/3/issue/" + id);
        assertThat(map(output)).containsEntry("id", id).containsEntry("key", key).containsEntry("summary", "Phishing")
                .containsEntry("created", "2024-05-01T10:00:00.000+0000").containsEntry("updated", "2024-05-01T10:00:00.000+0000");

        assertThat(kit.fail(null, Map.of("summary", "x")).getMessage()).contains("with.subAction is required");
        assertThat(kit.fail(null, Map.of("subAction", "closeIssue")).getMessage())
                .startsWith("jira.closeIssue: unknown sub-action 'closeIssue'; Jira has pushToService, getIncident");
    }

    @Test
    void aRateLimitedCallIsRetriedAfterRetryAfter() throws StepFailure {
        String key = sim.seedIssue("SEC", "Phishing");
        sim.rateLimitNext(1, 1);
        assertThat(map(kit.run("getIssue", Map.of("issueId", key)))).containsEntry("key", key);
        assertThat(sim.requests()).hasSize(2);

        sim.rateLimitNext(3, 1);
        StepFailure failure = kit.fail("getIssue", Map.of("issueId", key));
        assertThat(failure.type()).isEqualTo("RateLimited");
        assertThat(failure.details()).containsEntry("status", 429L);
    }

    @Test
    void testConnectionReadsMyselfAndAWrongTokenFailsWith401() throws StepFailure {
        assertThat(kit.test()).isEqualTo("GET /rest/api/3/myself: authenticated as SOC Bot (account"
                + " 5b10ac8d82e05b22cc7d4ef0)");
        assertJiraRequest(sim.lastRequest(), "GET", "/rest/api/3/myself");

        StepFailure failure = kit(Map.of(), "wrong-token-000000").fail("getIssue", Map.of("issueId", "SEC-1"));
        assertThat(failure.getMessage()).contains("HTTP 401 Unauthorized")
                .endsWith("Client must be authenticated to access this resource.");
        try {
            kit(Map.of(), "wrong-token-000000").test();
            throw new AssertionError("test() accepted a wrong token");
        } catch (StepFailure expected) {
            assertThat(expected.getMessage()).contains("HTTP 401");
        }
    }

    @Test
    void jiraAndJiraCloudNameTheSameRegisteredType() {
        ConnectorTypes types = ConnectorTypes.standard();
        assertThat(types.find("jira")).containsInstanceOf(JiraConnector.class);
        assertThat(types.find(".jira")).containsInstanceOf(JiraConnector.class);
        assertThat(types.find("jira-cloud")).containsInstanceOf(JiraConnector.class);
        assertThat(new JiraConnector().acceptsSubAction("getProject")).isTrue();
        assertThat(new JiraConnector().acceptsSubAction("getIssue")).isTrue();
    }
}
