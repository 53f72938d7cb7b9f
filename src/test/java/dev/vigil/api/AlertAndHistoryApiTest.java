package dev.vigil.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.model.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Alerts posted over real HTTP start the workflows whose triggers match, once per dedup key; the job history reads back. */
class AlertAndHistoryApiTest extends ApiTest {

    static final String CONTAIN = """
            name: contain-malware
            triggers:
              - {type: alert, with: {rule_name: Malware}, on: {condition: 'alerts.kibana.alert.severity: high'}}
            steps:
              - {name: note, type: console, with: {message: "contain {{ event.alerts[0].host.name }}"}}
            """;
    static final String PHISHING = """
            name: phishing
            triggers: [{type: alert, with: {rule_name: Phishing}}]
            steps:
              - {name: note, type: console, with: {message: phishing}}
            """;

    @BeforeEach
    void activateTheWorkflows() {
        for (String yaml : List.of(CONTAIN, PHISHING)) {
            String id = (String) api.post("/api/workflows/workflow", ApiFixture.EDITOR, Json.write(Map.of("yaml", yaml)))
                    .map().get("id");
            assertThat(api.post("/api/workflows/workflow/" + id + "/activate", ApiFixture.EDITOR, null).status())
                    .isEqualTo(200);
        }
    }

    private static Map<String, Object> alert(String uuid, String rule, String severity, String host) {
        return Map.of("kibana.alert.uuid", uuid, "kibana.alert.rule.name", rule, "kibana.alert.rule.uuid", "r-" + rule,
                "kibana.alert.severity", severity, "host.name", host);
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> post(Object body) {
        ApiFixture.Answer answer = api.post("/api/alerts", ApiFixture.RESPONDER, Json.write(body));
        assertThat(answer.status()).as(String.valueOf(answer.body())).isEqualTo(202);
        return (List<Map<String, Object>>) answer.map().get("alerts");
    }

    @Test
    void anAlertStartsTheMatchingWorkflowOnceAndADuplicateStartsNothing() throws Exception {
        Map<String, Object> event = Map.of("alerts", List.of(alert("a-1", "Malware", "high", "web-1")),
                "rule", Map.of("id", "r-Malware", "name", "Malware"));
        Map<String, Object> first = post(event).getFirst();
        assertThat(first).containsEntry("duplicate", false);
        List<?> jobs = (List<?>) first.get("jobs");
        assertThat(jobs).hasSize(1);
        String execution = (String) ((Map<?, ?>) jobs.getFirst()).get("executionId");
        Map<String, Object> detail = awaitEnd(execution);
        assertThat(detail).containsEntry("status", "completed").containsEntry("triggeredBy", "alert");
        assertThat((Map<String, Object>) detail.get("event")).containsKeys("alerts", "rule");

        Map<String, Object> again = post(event).getFirst();
        assertThat(again).containsEntry("duplicate", true).containsEntry("duplicateOf", first.get("id"));
        assertThat((List<?>) again.get("jobs")).isEmpty();
    }

    @Test
    void theConditionAndTheRuleChooseTheWorkflowsAndABatchIsRoutedAlertByAlert() {
        List<Map<String, Object>> answers = post(List.of(
                Map.of("alerts", List.of(alert("b-1", "Malware", "low", "web-2")), "rule", Map.of("name", "Malware")),
                Map.of("alerts", List.of(alert("b-2", "Phishing", "high", "mail-1")), "rule", Map.of("name", "Phishing")),
                Map.of("alerts", List.of(alert("b-3", "Malware", "high", "web-3")), "rule", Map.of("name", "Malware"))));
        assertThat(answers).hasSize(3);
        assertThat((List<?>) answers.get(0).get("jobs")).as("severity low: condition false").isEmpty();
        assertThat((List<?>) answers.get(1).get("jobs")).hasSize(1);
        assertThat((List<?>) answers.get(2).get("jobs")).hasSize(1);
    }

    @Test
    void badAlertBodiesAreRefused() {
        assertThat(api.post("/api/alerts", ApiFixture.RESPONDER, "[1, 2]").status()).isEqualTo(400);
        assertThat(api.post("/api/alerts", ApiFixture.RESPONDER, "{\"alerts\": [").status()).isEqualTo(400);
        assertThat(api.post("/api/alerts", ApiFixture.VIEWER, "{}").status()).isEqualTo(403);
    }

    @Test
    void theHistoryFiltersByWorkflowStatusTriggerAndOwnerAndAJobRunsAgain() throws Exception {
        post(Map.of("alerts", List.of(alert("h-1", "Phishing", "high", "mail-2")), "rule", Map.of("name", "Phishing")));
        Map<String, Object> malware = post(Map.of("alerts", List.of(alert("h-2", "Malware", "high", "web-9")),
                "rule", Map.of("name", "Malware"))).getFirst();
        String execution = (String) ((Map<?, ?>) ((List<?>) malware.get("jobs")).getFirst()).get("executionId");
        Map<String, Object> done = awaitEnd(execution);
        String workflowId = (String) done.get("workflowId");
        awaitAllEnded();

        Map<String, Object> all = api.get("/api/workflows/workflow/executions?size=10", ApiFixture.VIEWER).map();
        assertThat(all).containsEntry("total", 2L);
        Map<String, Object> one = api.get("/api/workflows/workflow/" + workflowId + "/executions", ApiFixture.VIEWER).map();
        assertThat(one).containsEntry("total", 1L);
        assertThat(api.get("/api/workflows/workflow/executions?statuses=failed", ApiFixture.VIEWER).map())
                .containsEntry("total", 0L);
        assertThat(api.get("/api/workflows/workflow/executions?triggeredBy=alert&executedBy=apikey:responder",
                ApiFixture.VIEWER).map()).containsEntry("total", 2L);
        assertThat(api.get("/api/workflows/workflow/executions?startedAfter=2999-01-01T00:00:00Z", ApiFixture.VIEWER)
                .map()).containsEntry("total", 0L);
        ApiFixture.Answer badDate = api.get("/api/workflows/workflow/executions?startedAfter=yesterday", ApiFixture.VIEWER);
        assertThat(badDate.status()).isEqualTo(400);
        assertThat((String) badDate.map().get("message")).contains("startedAfter");

        ApiFixture.Answer rerun = api.post("/api/workflows/executions/" + execution + "/rerun", ApiFixture.RESPONDER,
                "{\"version\": \"original\"}");
        assertThat(rerun.status()).isEqualTo(200);
        Map<String, Object> again = awaitEnd((String) rerun.map().get("workflowExecutionId"));
        assertThat(again).containsEntry("status", "completed").containsEntry("event", done.get("event"));
        assertThat((Map<String, Object>) again.get("metadata")).containsEntry("rerunOf", execution);
    }

    private void awaitAllEnded() throws InterruptedException {
        for (int i = 0; i < 500; i++) {
            Map<String, Object> running = api.get("/api/workflows/workflow/executions?statuses=pending,running",
                    ApiFixture.VIEWER).map();
            if (((Number) running.get("total")).intValue() == 0) {
                return;
            }
            Thread.sleep(10);
        }
    }

}
