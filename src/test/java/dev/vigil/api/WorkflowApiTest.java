package dev.vigil.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.model.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Workflows over real HTTP: the lifecycle (every transition, allowed and refused), Kibana's import requests, runs. */
class WorkflowApiTest extends ApiTest {

    static final Path CORPUS = Path.of("../shared/corpus/elastic-workflows/examples");

    static final String TRIAGE = """
            name: triage
            description: Triage an alert
            triggers: [{type: manual}]
            inputs:
              - {name: host, type: string, required: true}
            steps:
              - {name: note, type: console, with: {message: "triage {{ inputs.host }}"}}
            """;

    private String create(String yaml) {
        ApiFixture.Answer created = api.post("/api/workflows/workflow", ApiFixture.EDITOR, Json.write(Map.of("yaml", yaml)));
        assertThat(created.status()).as(String.valueOf(created.body())).isEqualTo(200);
        return (String) created.map().get("id");
    }

    private ApiFixture.Answer action(String id, String action) {
        return api.post("/api/workflows/workflow/" + id + "/" + action, ApiFixture.EDITOR, null);
    }

    @Test
    void aDraftIsEditedActivatedDeactivatedReactivatedAndEachRefusedActionNamesTheState() {
        String id = create(TRIAGE);
        assertThat(api.get("/api/workflows/workflow/" + id, ApiFixture.VIEWER).map())
                .containsEntry("state", "draft").containsEntry("enabled", false);

        // draft: deactivate and reactivate are refused with 409 naming the state
        for (String refused : List.of("deactivate", "reactivate", "run")) {
            ApiFixture.Answer answer = action(id, refused);
            assertThat(answer.status()).as(refused).isEqualTo(409);
            assertThat((String) answer.map().get("message")).as(refused).contains("draft");
        }

        ApiFixture.Answer edited = api.put("/api/workflows/workflow/" + id + "/draft", ApiFixture.EDITOR,
                Json.write(Map.of("yaml", TRIAGE.replace("Triage an alert", "Triage an alert, v1"))));
        assertThat(edited.status()).isEqualTo(200);

        ApiFixture.Answer active = action(id, "activate");
        assertThat(active.status()).isEqualTo(200);
        assertThat(active.map()).containsEntry("state", "active").containsEntry("activeVersion", 1L);
        assertThat(action(id, "reactivate").status()).isEqualTo(409);

        // a second draft, activated, replaces version 1; version 1 stays in the history
        ApiFixture.Answer draft = action(id, "draft");
        assertThat(draft.status()).isEqualTo(200);
        assertThat(action(id, "draft").map().get("draft")).isEqualTo(draft.map().get("draft")); // one draft only
        api.put("/api/workflows/workflow/" + id + "/draft", ApiFixture.EDITOR,
                Json.write(Map.of("yaml", TRIAGE.replace("Triage an alert", "Triage an alert, v2"))));
        assertThat(action(id, "activate").map()).containsEntry("activeVersion", 2L);
        List<?> versions = (List<?>) api.get("/api/workflows/workflow/" + id + "/versions", ApiFixture.VIEWER)
                .map().get("versions");
        assertThat(versions).hasSize(2);
        assertThat((String) api.get("/api/workflows/workflow/" + id + "/versions/1", ApiFixture.VIEWER).map()
                .get("yaml")).contains("v1");
        assertThat((String) api.get("/api/workflows/workflow/" + id + "/diff?from=1&to=2", ApiFixture.VIEWER).map()
                .get("diff")).contains("-description: Triage an alert, v1").contains("+description: Triage an alert, v2");

        // rollback: a draft from version 1
        ApiFixture.Answer rollback = api.post("/api/workflows/workflow/" + id + "/versions/1/draft", ApiFixture.EDITOR, null);
        assertThat(rollback.status()).isEqualTo(200);
        api.delete("/api/workflows/workflow/" + id + "/draft", ApiFixture.EDITOR);

        ApiFixture.Answer inactive = action(id, "deactivate");
        assertThat(inactive.map()).containsEntry("state", "inactive").containsEntry("enabled", false);
        assertThat(action(id, "deactivate").status()).isEqualTo(409);
        assertThat((String) action(id, "run").map().get("message")).contains("inactive");
        assertThat(action(id, "reactivate").map()).containsEntry("state", "active");

        assertThat(api.delete("/api/workflows/workflow/" + id, ApiFixture.EDITOR).status()).isEqualTo(200);
        assertThat(api.get("/api/workflows/workflow/" + id, ApiFixture.VIEWER).status()).isEqualTo(404);
    }

    @Test
    void anInvalidDraftIsSavedWithItsProblemsButNotActivated() {
        ApiFixture.Answer created = api.post("/api/workflows/workflow", ApiFixture.EDITOR, Json.write(Map.of("yaml", """
                name: broken
                triggers: [{type: manual}]
                steps:
                  - {name: a, type: htp}
                """)));
        assertThat(created.status()).isEqualTo(200);
        assertThat(created.map()).containsEntry("valid", false);
        assertThat((List<?>) created.map().get("validationErrors")).anySatisfy(e -> assertThat((String) e).contains("htp"));
        ApiFixture.Answer activate = action((String) created.map().get("id"), "activate");
        assertThat(activate.status()).isEqualTo(400);
        assertThat(activate.map()).containsEntry("error", "invalid_workflow");
    }

    @Test
    void aViewerCannotWriteAndAResponderCannotEdit() {
        assertThat(api.post("/api/workflows/workflow", ApiFixture.VIEWER, Json.write(Map.of("yaml", TRIAGE))).status())
                .isEqualTo(403);
        assertThat(api.post("/api/workflows/workflow", ApiFixture.RESPONDER, Json.write(Map.of("yaml", TRIAGE))).status())
                .isEqualTo(403);
    }

    @Test
    void runsCheckTheirInputsAndStartTheActiveVersion() throws Exception {
        String id = create(TRIAGE);
        action(id, "activate");
        ApiFixture.Answer missing = api.post("/api/workflows/workflow/" + id + "/run", ApiFixture.RESPONDER, "{\"inputs\": {}}");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.map()).containsEntry("error", "invalid_inputs");
        assertThat((String) missing.map().get("message")).contains("host");

        ApiFixture.Answer run = api.post("/api/workflows/workflow/" + id + "/run", ApiFixture.RESPONDER,
                "{\"inputs\": {\"host\": \"web-1\"}}");
        assertThat(run.status()).isEqualTo(200);
        String execution = (String) run.map().get("workflowExecutionId");
        Map<String, Object> detail = awaitEnd(execution);
        assertThat(detail).containsEntry("status", "completed").containsEntry("workflowId", id)
                .containsEntry("executedBy", "apikey:responder").containsEntry("isTestRun", false);

        ApiFixture.Answer test = api.post("/api/workflows/test", ApiFixture.RESPONDER,
                Json.write(Map.of("workflowYaml", TRIAGE, "inputs", Map.of("host", "web-2"))));
        assertThat(test.status()).isEqualTo(200);
        assertThat(awaitEnd((String) test.map().get("workflowExecutionId"))).containsEntry("isTestRun", true);
    }

    @Test
    void badBodiesAreRefusedWithTheFieldLineAndColumnAndNothingIsStored() {
        ApiFixture.Answer unknown = api.post("/api/workflows/workflow", ApiFixture.EDITOR, "{\"yaml\": \"x\", \"yml\": 1}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat((String) unknown.map().get("message")).contains("unknown field 'yml'").contains("yaml");
        ApiFixture.Answer malformed = api.post("/api/workflows/workflow", ApiFixture.EDITOR, "{\n  \"yaml\": \"x\",,\n}");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.map().get("details")).isEqualTo(Map.of("line", 2L, "column", 15L));
        ApiFixture.Answer wrongType = api.post("/api/workflows/workflow", ApiFixture.EDITOR, "{\"yaml\": 5}");
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat((String) wrongType.map().get("message")).contains("'yaml'").contains("string");
        ApiFixture.Answer tooLarge = api.post("/api/workflows/workflow", ApiFixture.EDITOR,
                Json.write(Map.of("yaml", "#".repeat(2_000_000))));
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.map()).containsEntry("error", "body_too_large");
        assertThat((String) tooLarge.map().get("message")).contains("1048576 bytes");
        assertThat(api.get("/api/workflows", ApiFixture.VIEWER).map()).containsEntry("total", 0L);
    }

    /**
     * The requests of elastic/workflows' docs/importing.md (the curl, Python and bash bulk scripts): POST
     * /api/workflows with {"yaml": ...} and Kibana's headers, one per file, reading .id and .name from the answer.
     */
    @Test
    void theImportScriptsOfTheElasticWorkflowsDocsImportTheWholeCorpus() throws IOException, InterruptedException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(CORPUS)) {
            files = walk.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThan(50);
        for (Path file : files) {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.server.port()
                            + "/api/workflows"))
                    .header("kbn-xsrf", "true")
                    .header("x-elastic-internal-origin", "Kibana")
                    .header("Content-Type", "application/json")
                    .header("Authorization", "ApiKey " + ApiFixture.EDITOR)
                    .POST(HttpRequest.BodyPublishers.ofString(Json.write(Map.of("yaml", Files.readString(file)))))
                    .build();
            HttpResponse<String> response = api.http.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(file + ": " + response.body()).isEqualTo(200);
            @SuppressWarnings("unchecked")
            Map<String, Object> data = (Map<String, Object>) Json.parse(response.body());
            assertThat(data.get("id")).as(file.toString()).isNotNull();
            assertThat(data.get("name")).as(file.toString()).isNotNull();
        }
        Map<String, Object> listed = api.get("/api/workflows?size=1000", ApiFixture.VIEWER).map();
        assertThat(listed).containsEntry("total", (long) files.size());
    }

    @Test
    void kibanaSpacePathsServeTheSameApiWithTheSameAccessChecks() {
        ApiFixture.Answer created = api.post("/s/soc-team/api/workflows", ApiFixture.EDITOR, Json.write(Map.of("yaml", TRIAGE)));
        assertThat(created.status()).isEqualTo(200);
        assertThat(api.get("/s/soc-team/api/workflows/workflow/" + created.map().get("id"), ApiFixture.VIEWER).map())
                .containsEntry("name", "triage");
        assertThat(api.get("/s/soc-team/api/workflows", null).status()).isEqualTo(401);
        assertThat(api.post("/s/soc-team/api/workflows", ApiFixture.VIEWER, Json.write(Map.of("yaml", TRIAGE))).status())
                .isEqualTo(403);
        assertThat(api.get("/s/BAD/api/workflows", ApiFixture.VIEWER).status()).isEqualTo(404);
    }

    @Test
    void bulkCreateExportAndCloneSpeakKibanasShapes() {
        ApiFixture.Answer bulk = api.post("/api/workflows", ApiFixture.EDITOR, Json.write(Map.of("workflows", List.of(
                Map.of("yaml", TRIAGE), Map.of("yaml", TRIAGE), Map.of("yaml", TRIAGE.replace("name: triage", "name: other"))))));
        assertThat(bulk.status()).isEqualTo(200);
        assertThat((List<?>) bulk.map().get("created")).hasSize(2);
        assertThat((List<?>) bulk.map().get("failures")).hasSize(1); // the second "triage": names are unique
        String id = (String) ((Map<?, ?>) ((List<?>) bulk.map().get("created")).get(0)).get("id");

        ApiFixture.Answer exported = api.post("/api/workflows/export", ApiFixture.VIEWER, Json.write(Map.of("ids", List.of(id))));
        assertThat(exported.status()).isEqualTo(200);
        assertThat((List<?>) exported.map().get("entries")).hasSize(1);

        ApiFixture.Answer clone = api.post("/api/workflows/workflow/" + id + "/clone", ApiFixture.EDITOR, null);
        assertThat(clone.status()).isEqualTo(200);
        assertThat(clone.map()).containsEntry("state", "draft");
        assertThat((String) clone.map().get("name")).startsWith("triage (copy");
    }

}
