package dev.vigil.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.model.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The investigation trigger over real HTTP: an alert that opens an investigation starts its workflows, once. */
class InvestigationTriggerApiTest extends ApiTest {

    private String activate(String yaml) {
        ApiFixture.Answer created = api.post("/api/workflows/workflow", ApiFixture.EDITOR,
                Json.write(Map.of("yaml", yaml)));
        assertThat(created.map()).as(String.valueOf(created.body())).containsEntry("valid", true);
        String id = (String) created.map().get("id");
        assertThat(api.post("/api/workflows/workflow/" + id + "/activate", ApiFixture.EDITOR, null).status())
                .isEqualTo(200);
        return id;
    }

    private static Map<String, Object> alert(String uuid, String severity) {
        return Map.of("alerts", List.of(Map.of("kibana.alert.uuid", uuid, "kibana.alert.rule.name", "Beacon",
                "kibana.alert.severity", severity, "host", Map.of("name", "wks-7"))),
                "rule", Map.of("id", "r-beacon", "name", "Beacon"));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> post(Map<String, Object> alert) {
        ApiFixture.Answer answer = api.post("/api/alerts", ApiFixture.RESPONDER, Json.write(alert));
        assertThat(answer.status()).as(String.valueOf(answer.body())).isEqualTo(202);
        return (Map<String, Object>) ((List<?>) answer.map().get("alerts")).getFirst();
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> timeline(String investigationId) {
        return (List<Map<String, Object>>) api.get("/api/investigations/" + investigationId, ApiFixture.VIEWER).map()
                .get("timeline");
    }

    private long executions(String workflowId) {
        return ((Number) api.get("/api/workflows/workflow/" + workflowId + "/executions", ApiFixture.VIEWER).map()
                .get("total")).longValue();
    }

    private static Object ref(Map<String, Object> entry, String key) {
        return ((Map<?, ?>) entry.get("refs")).get(key);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aNewInvestigationStartsItsWorkflowsOnceAndAnAlertJoiningItStartsNone() throws Exception {
        String triage = activate("""
                name: triage-new-investigation
                triggers:
                  - type: investigation
                steps:
                  - name: note
                    type: console
                    with:
                      message: "{{ event.investigation.title }}: {{ event.alerts | size }} alert(s) on {{ event.alerts[0].host.name }}"
                """);
        String criticalOnly = activate("""
                name: page-on-critical
                triggers:
                  - type: investigation
                    on: {condition: 'investigation.priority: critical'}
                steps:
                  - {name: page, type: console, with: {message: "page"}}
                """);

        Map<String, Object> opened = post(alert("i-1", "high"));
        String investigation = (String) opened.get("investigationId");
        assertThat((List<?>) opened.get("jobs")).as("the investigation's jobs are not the alert's").isEmpty();
        assertThat((List<?>) opened.get("problems")).isEmpty();
        Map<String, Object> started = timeline(investigation).stream()
                .filter(e -> "job_started".equals(e.get("kind"))).findFirst().orElseThrow();
        assertThat(ref(started, "workflowId")).isEqualTo(triage);
        String job = (String) ref(started, "executionId");

        Map<String, Object> done = awaitEnd(job);
        assertThat(done).containsEntry("status", "completed").containsEntry("triggeredBy", "investigation")
                .containsEntry("metadata", Map.of("investigationId", investigation));
        Map<String, Object> event = (Map<String, Object>) done.get("event");
        assertThat((Map<String, Object>) event.get("investigation")).containsEntry("id", investigation)
                .containsEntry("priority", "high");
        assertThat((List<?>) event.get("alerts")).hasSize(1);
        assertThat(((List<Map<String, Object>>) done.get("stepExecutions")).getFirst())
                .containsEntry("output", "Beacon on host:wks-7: 1 alert(s) on wks-7");
        long deadline = System.nanoTime() + 30_000_000_000L; // the end is noted just after the job ends
        while (timeline(investigation).stream().noneMatch(e -> "job_finished".equals(e.get("kind")))
                && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(timeline(investigation)).filteredOn(e -> job.equals(ref(e, "executionId")))
                .extracting(e -> e.get("kind")).containsExactly("job_started", "job_finished");

        Map<String, Object> joined = post(alert("i-2", "critical"));
        assertThat(joined.get("investigationId")).isEqualTo(investigation);
        assertThat(executions(triage)).as("an alert joining the investigation starts nothing").isEqualTo(1);
        assertThat(executions(criticalOnly)).as("the investigation opened as high, not critical").isZero();

        Map<String, Object> critical = post(Map.of("alerts", List.of(Map.of("kibana.alert.uuid", "i-3",
                "kibana.alert.rule.name", "Beacon", "kibana.alert.severity", "critical", "host.name", "wks-8"))));
        assertThat(critical.get("investigationId")).isNotEqualTo(investigation);
        assertThat(executions(criticalOnly)).as("a critical investigation meets the condition").isEqualTo(1);
        assertThat(executions(triage)).isEqualTo(2);
    }
}
