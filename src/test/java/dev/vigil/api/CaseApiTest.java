package dev.vigil.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Cases over HTTP: create, read, list, change with and without a version, and who may do what. */
class CaseApiTest extends ApiTest {

    private Map<String, Object> create(String title) {
        ApiFixture.Answer created = api.post("/api/cases", ApiFixture.RESPONDER, """
                {"title": "%s", "description": "seen on host-1", "severity": "high", "tags": ["phishing"],
                 "assignees": [{"uid": "u1"}]}""".formatted(title));
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        return created.map();
    }

    @Test
    void aCreatedCaseCanBeReadBackAtVersionOne() {
        Map<String, Object> created = create("Phishing");
        assertThat(created).containsEntry("status", "open").containsEntry("version", 1L)
                .containsEntry("severity", "high").containsEntry("owner", "cases")
                .containsEntry("created_by", "apikey:responder").containsEntry("assignees", List.of(Map.of("uid", "u1")));

        ApiFixture.Answer read = api.get("/api/cases/" + created.get("id"), ApiFixture.VIEWER);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.map()).isEqualTo(created);
        assertThat(api.get("/api/cases/no-such-case", ApiFixture.VIEWER).status()).isEqualTo(404);
    }

    @Test
    void casesAreListedByAlertId() {
        Map<String, Object> first = create("one");
        create("two");
        ApiFixture.Answer attached = api.post("/api/cases/" + first.get("id") + "/alerts", ApiFixture.RESPONDER, """
                {"alerts": [{"alertId": "alert-1", "index": ".alerts-security", "rule": {"id": "r1", "name": "R"}}]}""");
        assertThat(attached.status()).as(attached.raw().body()).isEqualTo(200);
        assertThat(attached.map()).containsEntry("version", 2L).containsEntry("totalAlerts", 1L);

        Map<String, Object> byAlert = api.get("/api/cases?alertId=alert-1", ApiFixture.VIEWER).map();
        assertThat(byAlert).containsEntry("total", 1L);
        assertThat(((List<?>) byAlert.get("cases")).stream().<Object>map(c -> ((Map<?, ?>) c).get("id")).toList())
                .containsExactly(first.get("id"));
        assertThat(api.get("/api/cases?tag=phishing&size=1", ApiFixture.VIEWER).map()).containsEntry("total", 2L);
        assertThat(api.get("/api/cases?status=closed", ApiFixture.VIEWER).map()).containsEntry("total", 0L);
        assertThat(api.get("/api/cases?status=shut", ApiFixture.VIEWER).status()).isEqualTo(400);
    }

    @Test
    @SuppressWarnings("unchecked")
    void commentsObservablesAssigneesAndPatchesEachMoveTheVersionOn() {
        String id = (String) create("Phishing").get("id");
        ApiFixture.Answer commented = api.post("/api/cases/" + id + "/comments", ApiFixture.RESPONDER,
                "{\"version\": 1, \"comment\": \"looking\"}");
        assertThat(commented.status()).as(commented.raw().body()).isEqualTo(200);
        assertThat(commented.map()).containsEntry("version", 2L).containsEntry("totalComment", 1L);
        assertThat(api.post("/api/cases/" + id + "/observables", ApiFixture.RESPONDER,
                "{\"observables\": [{\"typeKey\": \"ipv4\", \"value\": \"10.0.0.1\"}]}").map())
                .containsEntry("version", 3L);
        assertThat(api.post("/api/cases/" + id + "/assignees", ApiFixture.EDITOR,
                "{\"version\": 3, \"assignees\": [{\"uid\": \"u2\"}]}").map()).containsEntry("version", 4L);
        ApiFixture.Answer tagged = api.post("/api/cases/" + id + "/tags", ApiFixture.RESPONDER,
                "{\"version\": 4, \"tags\": [\"campaign\"]}");
        assertThat(tagged.map()).as(tagged.raw().body()).containsEntry("version", 5L);
        assertThat((List<Object>) tagged.map().get("tags")).as("added to the ones it had").contains("campaign")
                .hasSizeGreaterThan(1);
        assertThat(api.post("/api/cases/" + id + "/tags", ApiFixture.RESPONDER,
                "{\"version\": 4, \"tags\": [\"late\"]}").status()).as("stale version").isEqualTo(409);
        ApiFixture.Answer closed = api.patch("/api/cases/" + id, ApiFixture.RESPONDER,
                "{\"version\": 5, \"status\": \"closed\", \"title\": \"Phishing wave\"}");
        assertThat(closed.map()).containsEntry("version", 6L).containsEntry("status", "closed")
                .containsEntry("title", "Phishing wave").containsEntry("updated_by", "apikey:responder");
    }

    @Test
    void aStaleVersionIsAConflictNamingTheCurrentVersion() {
        String id = (String) create("Phishing").get("id");
        api.post("/api/cases/" + id + "/comments", ApiFixture.RESPONDER, "{\"comment\": \"first\"}");

        ApiFixture.Answer stale = api.patch("/api/cases/" + id, ApiFixture.RESPONDER,
                "{\"version\": 1, \"severity\": \"low\"}");
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.map()).containsEntry("error", "conflict")
                .containsEntry("details", Map.of("currentVersion", 2L));
        assertThat(api.get("/api/cases/" + id, ApiFixture.VIEWER).map()).containsEntry("severity", "high");
    }

    @Test
    void badValuesAreRefusedNamingTheField() {
        ApiFixture.Answer noTitle = api.post("/api/cases", ApiFixture.RESPONDER, "{\"description\": \"x\"}");
        assertThat(noTitle.status()).isEqualTo(400);
        assertThat((String) noTitle.map().get("message")).contains("title");
        ApiFixture.Answer badSeverity = api.post("/api/cases", ApiFixture.RESPONDER,
                "{\"title\": \"t\", \"severity\": \"urgent\"}");
        assertThat(badSeverity.status()).isEqualTo(400);
        assertThat((String) badSeverity.map().get("message")).contains("urgent", "critical");
    }

    @Test
    void aViewerMayReadButNotChangeCases() {
        String id = (String) create("Phishing").get("id");
        assertThat(api.post("/api/cases", ApiFixture.VIEWER, "{\"title\": \"t\"}").status()).isEqualTo(403);
        assertThat(api.post("/api/cases/" + id + "/comments", ApiFixture.VIEWER, "{\"comment\": \"c\"}").status())
                .isEqualTo(403);
        assertThat(api.patch("/api/cases/" + id, ApiFixture.VIEWER, "{\"status\": \"closed\"}").status())
                .isEqualTo(403);
        assertThat(api.get("/api/cases/" + id, ApiFixture.VIEWER).status()).isEqualTo(200);
    }

    @Test
    void aWorkflowOnTheServerUsesTheSameCases() throws InterruptedException {
        ApiFixture.Answer started = api.post("/api/workflows/test", ApiFixture.RESPONDER,
                dev.vigil.model.Json.write(Map.of("workflowYaml", """
                        name: open-case
                        triggers: [{type: manual}]
                        steps:
                          - name: open
                            type: cases.createCase
                            with: {title: From a workflow, description: d, owner: securitySolution}
                        """)));
        assertThat(started.status()).as(started.raw().body()).isEqualTo(200);
        Map<String, Object> done = awaitEnd((String) started.map().get("workflowExecutionId"));
        assertThat(done).containsEntry("status", "completed");
        assertThat(api.get("/api/cases", ApiFixture.VIEWER).map()).containsEntry("total", 1L);
    }
}
