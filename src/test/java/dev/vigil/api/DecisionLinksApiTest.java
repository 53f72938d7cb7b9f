package dev.vigil.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.model.Json;
import dev.vigil.webhook.MasterKey;
import dev.vigil.webhook.SignedLinks;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Signed one-click decision links, the decision inbox and count, and the decision trail, over real HTTP. */
class DecisionLinksApiTest extends ApiTest {

    private String start(String yaml) throws InterruptedException {
        String id = (String) api.post("/api/workflows/workflow", ApiFixture.EDITOR, Json.write(Map.of("yaml", yaml)))
                .map().get("id");
        api.post("/api/workflows/workflow/" + id + "/activate", ApiFixture.EDITOR, null);
        String job = (String) api.post("/api/workflows/workflow/" + id + "/run", ApiFixture.RESPONDER, "{}").map()
                .get("workflowExecutionId");
        awaitStatus(job, List.of("waiting_for_input"));
        return job;
    }

    /** The link path per choice, as a notifier would get them. */
    @SuppressWarnings("unchecked")
    private Map<String, String> links(String job, String body) {
        ApiFixture.Answer issued = api.post("/api/workflows/executions/" + job + "/decision-links",
                ApiFixture.RESPONDER, body);
        assertThat(issued.status()).as(issued.raw().body()).isEqualTo(200);
        return ((List<Map<String, Object>>) issued.map().get("links")).stream().collect(java.util.stream.Collectors
                .toMap(l -> (String) l.get("choice"), l -> (String) l.get("path")));
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> audit(String job) {
        return (List<Map<String, Object>>) api.get("/api/workflows/executions/" + job + "/decisions/audit",
                ApiFixture.VIEWER).map().get("results");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> output(Map<String, Object> detail, String stepId) {
        return ((List<Map<String, Object>>) detail.get("stepExecutions")).stream()
                .filter(s -> stepId.equals(s.get("stepId"))).findFirst()
                .map(s -> (Map<String, Object>) s.get("output")).orElseThrow();
    }

    @Test
    void aLinkOnlyShowsAConfirmationOnGetAnswersOnPostAndThenSaysAlreadyDecided() throws Exception {
        String job = start(DecisionApiTest.triage("1h", ""));
        Map<String, String> links = links(job, "{\"for\": \"alice\"}");
        assertThat(links).containsOnlyKeys("isolate", "monitor", "close");

        ApiFixture.Answer shown = api.send("GET", links.get("isolate"), null);
        assertThat(shown.status()).isEqualTo(200);
        assertThat((String) shown.body()).contains("Contain wks-7?").contains("<form method=\"post\"")
                .contains("isolate");
        assertThat(audit(job)).as("a GET answers nothing; the request was recorded when the job began waiting")
                .extracting(e -> e.get("event")).containsExactly("requested");
        assertThat(api.get("/api/workflows/executions/" + job, ApiFixture.VIEWER).map())
                .containsEntry("status", "waiting_for_input");

        ApiFixture.Answer decided = api.send("POST", links.get("isolate"), null);
        assertThat(decided.status()).isEqualTo(200);
        assertThat((String) decided.body()).contains("recorded");
        Map<String, Object> done = awaitStatus(job, List.of("completed"));
        assertThat(output(done, "triage")).containsEntry("choice", "isolate").containsEntry("respondedBy", "link:alice")
                .containsEntry("channel", "link");

        ApiFixture.Answer again = api.send("POST", links.get("isolate"), null);
        assertThat(again.status()).isEqualTo(409);
        assertThat((String) again.body()).contains("Already decided by link:alice")
                .contains("&#39;isolate&#39;");
        ApiFixture.Answer other = api.send("POST", links.get("close"), null);
        assertThat(other.status()).isEqualTo(409);
        assertThat(api.send("GET", links.get("close"), null).body().toString()).contains("Already decided");

        assertThat(audit(job)).extracting(e -> e.get("event") + " " + e.get("actor") + " " + e.get("choice"))
                .containsExactly("requested decision null", "answered link:alice isolate",
                        "refused link:alice isolate", "refused link:alice close");
    }

    @Test
    void aTamperedExpiredOrMissingTokenIsRefused() throws Exception {
        String job = start(DecisionApiTest.triage("1h", ""));
        String isolate = links(job, null).get("isolate");

        ApiFixture.Answer otherChoice = api.send("POST", isolate.replace("/isolate?", "/close?"), null);
        assertThat(otherChoice.status()).isEqualTo(401);
        assertThat((String) otherChoice.body()).contains("not valid");
        String laterExpiry = isolate.replaceFirst("expires=(\\d+)", "expires=99999999999");
        assertThat(api.send("POST", laterExpiry, null).status()).isEqualTo(401);
        assertThat(api.send("POST", isolate + "&for=mallory", null).status()).isEqualTo(401);
        ApiFixture.Answer noToken = api.send("POST", isolate.substring(0, isolate.indexOf('?')), null);
        assertThat(noToken.status()).isEqualTo(401);
        assertThat(noToken.map()).containsEntry("error", "unauthorized");

        long past = Instant.now().minusSeconds(60).getEpochSecond();
        String token = new SignedLinks(MasterKey.load(Map.of(), dir))
                .token(dev.vigil.decisions.DecisionLinks.message(job, "triage", "isolate", past, null));
        ApiFixture.Answer expired = api.send("POST", "/api/decisions/" + job + "/triage/isolate?expires=" + past
                + "&token=" + token, null);
        assertThat(expired.status()).isEqualTo(410);
        assertThat((String) expired.body()).contains("expired");

        assertThat(api.get("/api/workflows/executions/" + job, ApiFixture.VIEWER).map())
                .containsEntry("status", "waiting_for_input");
        assertThat(audit(job)).extracting(e -> e.get("event") + " " + e.get("reason"))
                .containsExactly("requested null", "refused expired");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theInboxListsADecisionOnlyForItsApproversAndTheCountFollows() throws Exception {
        String job = start(DecisionApiTest.triage("1h", "      approvers: [apikey:admin]"));

        List<Map<String, Object>> inbox = (List<Map<String, Object>>) api.get("/api/decisions/inbox",
                ApiFixture.ADMIN).map().get("results");
        assertThat(inbox).hasSize(1);
        assertThat(inbox.getFirst()).containsEntry("executionId", job).containsEntry("workflowName", "triage")
                .containsEntry("stepPath", "triage").containsEntry("message", "Contain wks-7?")
                .containsEntry("investigation", null).containsKeys("workflowId", "options", "deadline");
        assertThat((List<Object>) inbox.getFirst().get("options")).hasSize(3);
        assertThat(inbox.getFirst().get("deadline")).isNotNull();
        assertThat(api.get("/api/decisions/count", ApiFixture.ADMIN).map()).containsEntry("pending", 1L);

        assertThat((List<Object>) api.get("/api/decisions/inbox", ApiFixture.RESPONDER).map().get("results"))
                .isEmpty();
        assertThat(api.get("/api/decisions/count", ApiFixture.RESPONDER).map()).containsEntry("pending", 0L);
        assertThat(api.get("/api/decisions/count", ApiFixture.VIEWER).status()).isEqualTo(403);
        assertThat(api.post("/api/workflows/executions/" + job + "/decision-links", ApiFixture.RESPONDER, null)
                .status()).isEqualTo(403);

        api.post("/api/workflows/executions/" + job + "/resume", ApiFixture.ADMIN, "{\"input\": {\"choice\": \"close\"}}");
        awaitStatus(job, List.of("completed"));
        assertThat(api.get("/api/decisions/count", ApiFixture.ADMIN).map()).containsEntry("pending", 0L);
    }

    @Test
    void theTrailListsTheWinningAndTheRefusedApiAnswers() throws Exception {
        String job = start(DecisionApiTest.triage("1h", "      approvers: [apikey:admin]"));
        String resume = "/api/workflows/executions/" + job + "/resume";
        assertThat(api.post(resume, ApiFixture.RESPONDER, "{\"input\": {\"choice\": \"isolate\"}}").status())
                .isEqualTo(403);
        assertThat(api.post(resume, ApiFixture.ADMIN, "{\"input\": {\"choice\": \"monitor\"}}").status())
                .isEqualTo(200);
        assertThat(api.post(resume, ApiFixture.ADMIN, "{\"input\": {\"choice\": \"close\"}}").status())
                .isEqualTo(409);

        List<Map<String, Object>> trail = audit(job);
        assertThat(trail).extracting(e -> e.get("event") + " " + e.get("actor") + " " + e.get("choice") + " "
                + e.get("channel")).containsExactly("requested decision null decision",
                "refused apikey:responder isolate api", "answered apikey:admin monitor api",
                "refused apikey:admin close api");
        assertThat((String) trail.get(1).get("reason")).contains("may not answer");
        assertThat((String) trail.get(3).get("reason")).contains("already decided by apikey:admin");
    }

    @Test
    void aLinkAnswersADecisionNestedInAnotherStep() throws Exception {
        String job = start("""
                name: nested
                triggers: [{type: manual}]
                steps:
                  - name: gate
                    type: if
                    condition: "workflow.name : nested"
                    steps:
                      - name: triage
                        type: decision
                        timeout: 1h
                        with:
                          message: "Contain?"
                          options: [{id: isolate, label: Isolate}, {id: close, label: Close}]
                """);
        String isolate = links(job, null).get("isolate");
        assertThat(isolate).contains("%2F");
        assertThat(api.send("GET", isolate, null).status()).isEqualTo(200);
        ApiFixture.Answer decided = api.send("POST", isolate, null);
        assertThat(decided.status()).as(decided.raw().body()).isEqualTo(200);
        awaitStatus(job, List.of("completed"));
    }
}
