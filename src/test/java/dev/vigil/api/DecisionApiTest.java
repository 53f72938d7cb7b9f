package dev.vigil.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.model.Json;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** A job pausing on a {@code decision} with three paths, answered over HTTP. */
class DecisionApiTest extends ApiTest {

    static String triage(String timeout, String extra) {
        return """
                name: triage
                triggers: [{type: manual}]
                steps:
                  - name: triage
                    type: decision
                    timeout: %s
                    with:
                      message: "Contain wks-7?"
                      options:
                        - {id: isolate, label: Isolate the host}
                        - {id: monitor, label: Keep watching}
                        - {id: close, label: False positive}
                %s
                  - name: route
                    type: switch
                    expression: "{{ steps.triage.output.choice }}"
                    cases:
                      - {match: isolate, steps: [{name: isolated, type: console, with: {message: isolating}}]}
                      - {match: monitor, steps: [{name: watched, type: console, with: {message: watching}}]}
                    default: [{name: closed, type: console, with: {message: closing}}]
                """.formatted(timeout, extra);
    }

    private String start(String yaml) throws InterruptedException {
        String id = (String) api.post("/api/workflows/workflow", ApiFixture.EDITOR, Json.write(Map.of("yaml", yaml)))
                .map().get("id");
        assertThat(id).as("workflow created").isNotNull();
        api.post("/api/workflows/workflow/" + id + "/activate", ApiFixture.EDITOR, null);
        String job = (String) api.post("/api/workflows/workflow/" + id + "/run", ApiFixture.RESPONDER, "{}").map()
                .get("workflowExecutionId");
        awaitStatus(job, List.of("waiting_for_input"));
        return job;
    }

    private ApiFixture.Answer choose(String job, String key, String choice) {
        return api.post("/api/workflows/executions/" + job + "/resume", key,
                "{\"input\": {\"choice\": \"" + choice + "\"}}");
    }

    @SuppressWarnings("unchecked")
    private static List<Object> stepIds(Map<String, Object> detail) {
        return ((List<Map<String, Object>>) detail.get("stepExecutions")).stream().map(s -> s.get("stepId")).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> output(Map<String, Object> detail, String stepId) {
        return ((List<Map<String, Object>>) detail.get("stepExecutions")).stream()
                .filter(s -> stepId.equals(s.get("stepId"))).findFirst()
                .map(s -> (Map<String, Object>) s.get("output")).orElseThrow();
    }

    @Test
    void twoRespondersAnsweringAtOnceGetOneSuccessAndOneConflictNamingWhoDecidedAndWhat() throws Exception {
        String job = start(triage("1h", ""));
        CountDownLatch go = new CountDownLatch(1);
        Callable<ApiFixture.Answer> responder = () -> {
            go.await();
            return choose(job, ApiFixture.RESPONDER, "isolate");
        };
        Callable<ApiFixture.Answer> admin = () -> {
            go.await();
            return choose(job, ApiFixture.ADMIN, "close");
        };
        try (ExecutorService threads = Executors.newFixedThreadPool(2)) {
            Future<ApiFixture.Answer> a = threads.submit(responder);
            Future<ApiFixture.Answer> b = threads.submit(admin);
            go.countDown();
            List<ApiFixture.Answer> answers = List.of(a.get(), b.get());
            assertThat(answers).extracting(ApiFixture.Answer::status).containsExactlyInAnyOrder(200, 409);
            ApiFixture.Answer won = answers.get(0).status() == 200 ? answers.get(0) : answers.get(1);
            ApiFixture.Answer lost = won == answers.get(0) ? answers.get(1) : answers.get(0);
            boolean responderWon = won == answers.get(0);
            String winner = responderWon ? "apikey:responder" : "apikey:admin";
            String choice = responderWon ? "isolate" : "close";
            assertThat((String) lost.map().get("message")).contains("already decided by " + winner)
                    .contains("'" + choice + "'");
            assertThat(lost.map().toString()).contains("choice=" + choice);

            Map<String, Object> done = awaitStatus(job, List.of("completed"));
            assertThat(output(done, "triage")).containsEntry("choice", choice).containsEntry("respondedBy", winner)
                    .containsEntry("channel", "api").containsKey("respondedAt");
            assertThat(stepIds(done)).contains(responderWon ? "isolated" : "closed");
        }
    }

    @Test
    void anApproverListRefusesAResponderNotOnIt() throws Exception {
        String job = start(triage("1h", "      approvers: [apikey:admin]"));
        ApiFixture.Answer refused = choose(job, ApiFixture.RESPONDER, "monitor");
        assertThat(refused.status()).isEqualTo(403);
        assertThat((String) refused.map().get("message")).contains("apikey:admin");
        assertThat(choose(job, ApiFixture.ADMIN, "monitor").status()).isEqualTo(200);
        Map<String, Object> done = awaitStatus(job, List.of("completed"));
        assertThat(stepIds(done)).contains("watched");
    }

    @Test
    void aRoleInTheApproverListLetsThatRoleAnswer() throws Exception {
        String job = start(triage("1h", "      approvers: [role:responder]"));
        assertThat(choose(job, ApiFixture.ADMIN, "monitor").status()).isEqualTo(403);
        assertThat(choose(job, ApiFixture.RESPONDER, "monitor").status()).isEqualTo(200);
        awaitStatus(job, List.of("completed"));
    }

    @Test
    void aChoiceThatIsNoOptionIsRefusedAndRecordsNothingSoALaterGoodAnswerWins() throws Exception {
        String job = start(triage("1h", ""));
        ApiFixture.Answer bad = choose(job, ApiFixture.RESPONDER, "nuke");
        assertThat(bad.status()).isEqualTo(400);
        assertThat((String) bad.map().get("message")).contains("isolate, monitor, close").contains("'nuke'");
        assertThat(api.post("/api/workflows/executions/" + job + "/resume", ApiFixture.RESPONDER,
                "{\"input\": {}}").status()).isEqualTo(400);
        Thread.sleep(200);
        assertThat(api.get("/api/workflows/executions/" + job, ApiFixture.VIEWER).map())
                .containsEntry("status", "waiting_for_input");

        assertThat(choose(job, ApiFixture.ADMIN, "isolate").status()).isEqualTo(200);
        Map<String, Object> done = awaitStatus(job, List.of("completed"));
        assertThat(output(done, "triage")).containsEntry("choice", "isolate")
                .containsEntry("respondedBy", "apikey:admin");
        assertThat(stepIds(done)).contains("isolated");
    }

    @Test
    void anUnansweredDecisionTakesTheDefaultPathAtItsTimeout() throws Exception {
        String job = start(triage("1s", "      default: monitor"));
        Map<String, Object> done = awaitStatus(job, List.of("completed", "failed"));
        assertThat(done).containsEntry("status", "completed");
        assertThat(output(done, "triage")).containsEntry("choice", "monitor").containsEntry("respondedBy", "timeout")
                .containsEntry("channel", "timeout");
        assertThat(stepIds(done)).contains("watched");
        assertThat(choose(job, ApiFixture.RESPONDER, "isolate").status()).isEqualTo(409);
    }

    @Test
    void anUnansweredDecisionWithoutDefaultFailsWithATimeoutError() throws Exception {
        String job = start(triage("1s", ""));
        Map<String, Object> done = awaitStatus(job, List.of("completed", "failed"));
        assertThat(done).containsEntry("status", "failed");
        assertThat(done.get("error").toString()).contains("TimeoutError");
    }
}
