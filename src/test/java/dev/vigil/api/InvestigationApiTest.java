package dev.vigil.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.model.Json;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Alerts posted over real HTTP open and join investigations; their timelines show alerts, jobs, comments, changes. */
class InvestigationApiTest extends ApiTest {

    @BeforeEach
    void activateTheWorkflow() {
        String id = (String) api.post("/api/workflows/workflow", ApiFixture.EDITOR,
                Json.write(Map.of("yaml", AlertAndHistoryApiTest.PHISHING))).map().get("id");
        assertThat(api.post("/api/workflows/workflow/" + id + "/activate", ApiFixture.EDITOR, null).status())
                .isEqualTo(200);
    }

    private static Map<String, Object> alert(String uuid, String rule, String host) {
        return Map.of("alerts", List.of(Map.of("kibana.alert.uuid", uuid, "kibana.alert.rule.name", rule,
                "kibana.alert.severity", "high", "host", Map.of("name", host), "url.full", "http://evil.example/x")),
                "rule", Map.of("id", "r-" + rule, "name", rule));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> post(Map<String, Object> alert) {
        ApiFixture.Answer answer = api.post("/api/alerts", ApiFixture.RESPONDER, Json.write(alert));
        assertThat(answer.status()).as(String.valueOf(answer.body())).isEqualTo(202);
        return (Map<String, Object>) ((List<?>) answer.map().get("alerts")).getFirst();
    }

    private String investigationOf(Map<String, Object> alert) {
        return (String) post(alert).get("investigationId");
    }

    private Map<String, Object> investigation(String id) {
        ApiFixture.Answer answer = api.get("/api/investigations/" + id, ApiFixture.VIEWER);
        assertThat(answer.status()).isEqualTo(200);
        return answer.map();
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> timeline(String id) {
        return (List<Map<String, Object>>) investigation(id).get("timeline");
    }

    @Test
    @SuppressWarnings("unchecked")
    void alertsOfOneRuleAndHostGroupAndAnotherHostOpensItsOwn() {
        String first = investigationOf(alert("a-1", "Phishing", "mail-1"));
        String second = investigationOf(alert("a-2", "Phishing", "mail-1"));
        String otherHost = investigationOf(alert("a-3", "Phishing", "mail-2"));
        String otherRule = investigationOf(alert("a-4", "Malware", "mail-1"));

        assertThat(second).isEqualTo(first);
        assertThat(otherHost).isNotEqualTo(first);
        assertThat(otherRule).isNotIn(first, otherHost);
        Map<String, Object> grouped = investigation(first);
        assertThat(grouped).containsEntry("title", "Phishing on host:mail-1").containsEntry("status", "open")
                .containsEntry("priority", "high").containsEntry("entity", "host:mail-1")
                .containsEntry("ruleId", "r-Phishing");
        assertThat((List<?>) grouped.get("alertIds")).hasSize(2);
        assertThat((List<Object>) grouped.get("indicators")).containsExactly(Map.of("type", "url", "value",
                "http://evil.example/x"));
        Map<String, Object> list = api.get("/api/investigations?status=open", ApiFixture.VIEWER).map();
        assertThat(list).containsEntry("total", 3L);
    }

    @Test
    void anAlertAfterTheWindowOpensANewInvestigation() {
        String first = investigationOf(alert("w-1", "Phishing", "mail-1"));
        api.alertClockSkew.set(Duration.ofHours(1).plusMinutes(1));
        assertThat(investigationOf(alert("w-2", "Phishing", "mail-1"))).isNotEqualTo(first);
    }

    @Test
    void aClosedInvestigationTakesNoNewAlert() {
        String first = investigationOf(alert("c-1", "Phishing", "mail-1"));
        ApiFixture.Answer closed = api.patch("/api/investigations/" + first, ApiFixture.RESPONDER,
                "{\"status\": \"closed\"}");
        assertThat(closed.status()).isEqualTo(200);
        assertThat(closed.map()).containsEntry("status", "closed");
        String next = investigationOf(alert("c-2", "Phishing", "mail-1"));
        assertThat(next).isNotEqualTo(first);
        assertThat((List<?>) investigation(first).get("alertIds")).hasSize(1);
    }

    @Test
    void theTimelineShowsAlertsJobsCommentsAndChangesInOrderWithActors() throws InterruptedException {
        Map<String, Object> first = post(alert("t-1", "Phishing", "mail-1"));
        Map<String, Object> second = post(alert("t-2", "Phishing", "mail-1"));
        String id = (String) first.get("investigationId");
        String job = (String) ((Map<?, ?>) ((List<?>) first.get("jobs")).getFirst()).get("executionId");
        String secondJob = (String) ((Map<?, ?>) ((List<?>) second.get("jobs")).getFirst()).get("executionId");
        awaitEnd(job);
        awaitEnd(secondJob);
        long deadline = System.nanoTime() + 20_000_000_000L; // the finished entry is written just after the job ends
        while (timeline(id).stream().filter(e -> e.get("kind").equals("job_finished")).count() < 2
                && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }

        assertThat(api.post("/api/investigations/" + id + "/comments", ApiFixture.RESPONDER,
                "{\"comment\": \"looks like a campaign\"}").status()).isEqualTo(201);
        assertThat(api.patch("/api/investigations/" + id, ApiFixture.RESPONDER,
                "{\"status\": \"investigating\", \"assignee\": \"ana\"}").status()).isEqualTo(200);

        List<Map<String, Object>> timeline = timeline(id);
        List<String> kinds = timeline.stream().map(e -> (String) e.get("kind")).toList();
        assertThat(kinds.subList(0, 2)).containsExactly("alert_added", "job_started");
        assertThat(kinds.stream().filter("alert_added"::equals)).hasSize(2);
        assertThat(kinds.subList(kinds.size() - 3, kinds.size()))
                .containsExactly("comment", "status_changed", "assigned");
        assertThat(kinds.indexOf("job_finished")).isGreaterThan(kinds.indexOf("job_started"));
        assertThat(timeline.getFirst()).containsEntry("actor", "apikey:responder")
                .containsEntry("refs", Map.of("alertId", first.get("id")));
        assertThat(timeline.get(1)).containsEntry("actor", "apikey:responder");
        assertThat(((Map<?, ?>) timeline.get(1).get("refs")).get("executionId")).isEqualTo(job);
        assertThat(timeline.stream().filter(e -> e.get("kind").equals("job_finished"))
                .map(e -> (Object) ((Map<?, ?>) e.get("refs")).get("executionId")))
                .containsExactlyInAnyOrder(job, secondJob);
        assertThat(timeline.stream().filter(e -> e.get("kind").equals("job_finished")))
                .allSatisfy(e -> assertThat(e).containsEntry("actor", "vigil"));
        assertThat(timeline.get(kinds.size() - 3)).containsEntry("text", "looks like a campaign")
                .containsEntry("actor", "apikey:responder");
        assertThat(investigation(id)).containsEntry("status", "investigating").containsEntry("assignee", "ana");
    }

    @Test
    void anUnknownInvestigationIs404AndAViewerCannotComment() {
        assertThat(api.get("/api/investigations/nope", ApiFixture.VIEWER).status()).isEqualTo(404);
        String id = investigationOf(alert("v-1", "Phishing", "mail-1"));
        assertThat(api.post("/api/investigations/" + id + "/comments", ApiFixture.VIEWER,
                "{\"comment\": \"x\"}").status()).isEqualTo(403);
    }

    static final String BLOCK_SENDER = """
            name: block-sender
            triggers: [{type: manual}]
            inputs:
              - {name: reason, type: string, required: true}
            steps:
              - name: note
                type: console
                with:
                  message: "{{ inputs.reason }}: {{ event.investigation.title }} ({{ event.alerts | size }} alerts)"
            """;

    @Test
    @SuppressWarnings("unchecked")
    void takeActionRunsAManualWorkflowOnTheInvestigationWithItsAlerts() throws Exception {
        String investigation = investigationOf(alert("t-1", "Phishing", "mail-7"));
        investigationOf(alert("t-2", "Phishing", "mail-7"));
        String workflow = (String) api.post("/api/workflows/workflow", ApiFixture.EDITOR,
                Json.write(Map.of("yaml", BLOCK_SENDER))).map().get("id");
        String action = "/api/investigations/" + investigation + "/actions";
        ApiFixture.Answer draft = api.post(action, ApiFixture.RESPONDER,
                Json.write(Map.of("workflowId", workflow, "inputs", Map.of("reason", "phish"))));
        assertThat(draft.status()).as("a draft does not run").isEqualTo(409);
        api.post("/api/workflows/workflow/" + workflow + "/activate", ApiFixture.EDITOR, null);

        assertThat(api.post(action, ApiFixture.RESPONDER, Json.write(Map.of("workflowId", workflow))).status())
                .as("inputs are checked").isEqualTo(400);
        assertThat(api.post(action, ApiFixture.VIEWER, Json.write(Map.of("workflowId", workflow,
                "inputs", Map.of("reason", "phish")))).status()).isEqualTo(403);
        ApiFixture.Answer run = api.post(action, ApiFixture.RESPONDER,
                Json.write(Map.of("workflowId", workflow, "inputs", Map.of("reason", "phish"))));
        assertThat(run.status()).as(String.valueOf(run.body())).isEqualTo(200);
        String job = (String) run.map().get("workflowExecutionId");
        Map<String, Object> done = awaitEnd(job);
        assertThat(done).containsEntry("status", "completed").containsEntry("triggeredBy", "investigation");
        Map<String, Object> event = (Map<String, Object>) done.get("event");
        assertThat((List<?>) event.get("alerts")).hasSize(2);
        assertThat((Map<String, Object>) event.get("investigation")).containsEntry("id", investigation);
        List<Map<String, Object>> steps = (List<Map<String, Object>>) done.get("stepExecutions");
        assertThat((String) steps.getFirst().get("output")).startsWith("phish: ").endsWith("(2 alerts)");

        for (int i = 0; i < 500 && timeline(investigation).stream().noneMatch(e -> job.equals(executionOf(e))
                && "job_finished".equals(e.get("kind"))); i++) {
            Thread.sleep(10);
        }
        assertThat(timeline(investigation)).filteredOn(e -> job.equals(executionOf(e)))
                .extracting(e -> e.get("kind")).containsExactly("job_started", "job_finished");

        String alertOnly = (String) api.post("/api/workflows/workflow", ApiFixture.EDITOR,
                Json.write(Map.of("yaml", AlertAndHistoryApiTest.PHISHING.replace("name: phishing", "name: other"))))
                .map().get("id");
        api.post("/api/workflows/workflow/" + alertOnly + "/activate", ApiFixture.EDITOR, null);
        ApiFixture.Answer noManual = api.post(action, ApiFixture.RESPONDER, Json.write(Map.of("workflowId", alertOnly)));
        assertThat(noManual.status()).isEqualTo(409);
        assertThat((String) noManual.map().get("message")).contains("no manual trigger");
    }

    private static Object executionOf(Map<String, Object> entry) {
        return entry.get("refs") instanceof Map<?, ?> refs ? refs.get("executionId") : null;
    }
}
