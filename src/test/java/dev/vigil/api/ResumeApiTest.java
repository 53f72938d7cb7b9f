package dev.vigil.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.model.Json;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kibana's resume: a job waiting for approval takes the first answer; a second is told who decided. */
class ResumeApiTest {

    static final String GATE = """
            name: isolate-with-approval
            triggers: [{type: manual}]
            steps:
              - {name: ask, type: waitForApproval, with: {message: "Isolate wks-7?"}}
              - name: decided
                type: if
                condition: "steps.ask.output.response.approved : true"
                steps:
                  - {name: isolate, type: console, with: {message: isolating}}
            """;

    @TempDir
    Path dir;
    ApiFixture api;

    @BeforeEach
    void start() {
        api = new ApiFixture(dir);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void theFirstAnswerResumesTheJobAndALaterOneIsToldWhoDecided() throws Exception {
        String id = (String) api.post("/api/workflows/workflow", ApiFixture.EDITOR, Json.write(Map.of("yaml", GATE)))
                .map().get("id");
        api.post("/api/workflows/workflow/" + id + "/activate", ApiFixture.EDITOR, null);
        String job = (String) api.post("/api/workflows/workflow/" + id + "/run", ApiFixture.RESPONDER, "{}").map()
                .get("workflowExecutionId");
        await(job, "waiting_for_input");

        assertThat(api.post("/api/workflows/executions/" + job + "/resume", ApiFixture.VIEWER,
                "{\"input\": {\"approved\": true}}").status()).isEqualTo(403);
        assertThat(api.post("/api/workflows/executions/" + job + "/resume", ApiFixture.RESPONDER,
                "{\"approved\": true}").status()).as("Kibana's body wraps the answer in input").isEqualTo(400);

        ApiFixture.Answer first = api.post("/api/workflows/executions/" + job + "/resume", ApiFixture.RESPONDER,
                "{\"input\": {\"approved\": true}}");
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.map()).containsEntry("success", true);
        Map<String, Object> done = await(job, "completed");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> steps = (List<Map<String, Object>>) done.get("stepExecutions");
        assertThat(steps).extracting(s -> s.get("stepId")).contains("isolate");

        ApiFixture.Answer second = api.post("/api/workflows/executions/" + job + "/resume", ApiFixture.ADMIN,
                "{\"input\": {\"approved\": false}}");
        assertThat(second.status()).isEqualTo(409);
        assertThat((String) second.map().get("message")).contains("already decided by apikey:responder");
    }

    private Map<String, Object> await(String job, String status) throws InterruptedException {
        for (int i = 0; i < 1000; i++) {
            Map<String, Object> detail = api.get("/api/workflows/executions/" + job, ApiFixture.VIEWER).map();
            if (status.equals(detail.get("status"))) {
                return detail;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("job " + job + " never became " + status);
    }
}
