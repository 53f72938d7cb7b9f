package dev.vigil.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.model.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Kibana's resume: a job waiting for approval takes the first answer; a second is told who decided. */
class ResumeApiTest extends ApiTest {

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

    @Test
    void theFirstAnswerResumesTheJobAndALaterOneIsToldWhoDecided() throws Exception {
        String id = (String) api.post("/api/workflows/workflow", ApiFixture.EDITOR, Json.write(Map.of("yaml", GATE)))
                .map().get("id");
        api.post("/api/workflows/workflow/" + id + "/activate", ApiFixture.EDITOR, null);
        String job = (String) api.post("/api/workflows/workflow/" + id + "/run", ApiFixture.RESPONDER, "{}").map()
                .get("workflowExecutionId");
        awaitStatus(job, List.of("waiting_for_input"));

        assertThat(api.post("/api/workflows/executions/" + job + "/resume", ApiFixture.VIEWER,
                "{\"input\": {\"approved\": true}}").status()).isEqualTo(403);
        assertThat(api.post("/api/workflows/executions/" + job + "/resume", ApiFixture.RESPONDER,
                "{\"approved\": true}").status()).as("Kibana's body wraps the answer in input").isEqualTo(400);

        ApiFixture.Answer first = api.post("/api/workflows/executions/" + job + "/resume", ApiFixture.RESPONDER,
                "{\"input\": {\"approved\": true}}");
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.map()).containsEntry("success", true);
        Map<String, Object> done = awaitStatus(job, List.of("completed"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> steps = (List<Map<String, Object>>) done.get("stepExecutions");
        assertThat(steps).extracting(s -> s.get("stepId")).contains("isolate");

        ApiFixture.Answer second = api.post("/api/workflows/executions/" + job + "/resume", ApiFixture.ADMIN,
                "{\"input\": {\"approved\": false}}");
        assertThat(second.status()).isEqualTo(409);
        assertThat((String) second.map().get("message")).contains("already decided by apikey:responder");
    }


    @Test
    void aWaitingJobIsCancelledOverHttpAndThenTakesNoAnswer() throws Exception {
        String id = (String) api.post("/api/workflows/workflow", ApiFixture.EDITOR, Json.write(Map.of("yaml", GATE)))
                .map().get("id");
        api.post("/api/workflows/workflow/" + id + "/activate", ApiFixture.EDITOR, null);
        String job = (String) api.post("/api/workflows/workflow/" + id + "/run", ApiFixture.RESPONDER, "{}").map()
                .get("workflowExecutionId");
        awaitStatus(job, List.of("waiting_for_input"));

        assertThat(api.post("/api/workflows/executions/" + job + "/cancel", ApiFixture.VIEWER, null).status())
                .isEqualTo(403);
        ApiFixture.Answer cancel = api.post("/api/workflows/executions/" + job + "/cancel", ApiFixture.RESPONDER, null);
        assertThat(cancel.status()).isEqualTo(200);
        assertThat(awaitStatus(job, List.of("cancelled"))).containsEntry("status", "cancelled");
        assertThat(api.post("/api/workflows/executions/" + job + "/resume", ApiFixture.RESPONDER,
                "{\"input\": {\"approved\": true}}").status()).isEqualTo(409);
        assertThat(api.post("/api/workflows/executions/" + job + "/cancel", ApiFixture.RESPONDER, null).status())
                .isEqualTo(409);
    }
}
