package dev.vigil.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.model.Json;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Decisions seen from investigations and the inbox, over real HTTP: a decision requested, answered or timed out
 * on a job of an investigation shows on its timeline, and the inbox pages through any number of waiting jobs.
 */
class DecisionTimelineApiTest extends ApiTest {

    private String activeWorkflow(String yaml) {
        ApiFixture.Answer created = api.post("/api/workflows/workflow", ApiFixture.EDITOR, Json.write(Map.of("yaml", yaml)));
        assertThat(created.map()).as(created.raw().body()).containsEntry("valid", true);
        String id = (String) created.map().get("id");
        assertThat(api.post("/api/workflows/workflow/" + id + "/activate", ApiFixture.EDITOR, null).status())
                .isEqualTo(200);
        return id;
    }

    /** An investigation opened by an alert (no workflow runs on alerts here). */
    @SuppressWarnings("unchecked")
    private String investigation(String host) {
        ApiFixture.Answer posted = api.post("/api/alerts", ApiFixture.RESPONDER, Json.write(Map.of("alerts",
                List.of(Map.of("kibana.alert.uuid", "a-" + host, "kibana.alert.rule.name", "Beaconing",
                        "host", Map.of("name", host), "destination.ip", "203.0.113.9")),
                "rule", Map.of("id", "r-beacon", "name", "Beaconing"))));
        assertThat(posted.status()).as(posted.raw().body()).isEqualTo(202);
        return (String) ((Map<String, Object>) ((List<?>) posted.map().get("alerts")).getFirst()).get("investigationId");
    }

    private String takeAction(String investigation, String workflow) {
        ApiFixture.Answer run = api.post("/api/investigations/" + investigation + "/actions", ApiFixture.RESPONDER,
                Json.write(Map.of("workflowId", workflow)));
        assertThat(run.status()).as(run.raw().body()).isEqualTo(200);
        return (String) run.map().get("workflowExecutionId");
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> timeline(String investigation) {
        return (List<Map<String, Object>>) api.get("/api/investigations/" + investigation, ApiFixture.VIEWER).map()
                .get("timeline");
    }

    /** The timeline's entries about {@code job} once one of kind {@code last} is there (10 s at most). */
    private List<Map<String, Object>> timelineOf(String investigation, String job, String last)
            throws InterruptedException {
        for (int i = 0; i < 1000; i++) {
            List<Map<String, Object>> entries = timeline(investigation).stream()
                    .filter(e -> e.get("refs") instanceof Map<?, ?> refs && job.equals(refs.get("executionId")))
                    .toList();
            if (entries.stream().anyMatch(e -> last.equals(e.get("kind")))) {
                return entries;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no " + last + " entry for job " + job + " on " + timeline(investigation));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aDecisionOnAnInvestigationsJobIsRequestedAndAnsweredOnItsTimelineAndInTheInbox() throws Exception {
        String investigation = investigation("wks-7");
        String job = takeAction(investigation, activeWorkflow(DecisionApiTest.triage("1h", "")));
        awaitStatus(job, List.of("waiting_for_input"));
        Map<String, Object> requested = timelineOf(investigation, job, "decision_requested").stream()
                .filter(e -> "decision_requested".equals(e.get("kind"))).findFirst().orElseThrow();
        assertThat((String) requested.get("text")).contains("Contain wks-7?");
        assertThat((Map<String, Object>) requested.get("refs")).containsEntry("stepPath", "triage")
                .containsEntry("stepType", "decision");

        List<Map<String, Object>> inbox = (List<Map<String, Object>>) api.get("/api/decisions/inbox",
                ApiFixture.RESPONDER).map().get("results");
        assertThat(inbox).singleElement().satisfies(item -> assertThat(item)
                .containsEntry("executionId", job).containsEntry("investigation", investigation)
                .containsKey("requestedAt"));

        assertThat(api.post("/api/workflows/executions/" + job + "/resume", ApiFixture.RESPONDER,
                "{\"input\": {\"choice\": \"monitor\"}}").status()).isEqualTo(200);
        assertThat(awaitEnd(job)).containsEntry("status", "completed");
        List<Map<String, Object>> entries = timelineOf(investigation, job, "job_finished");
        assertThat(entries).extracting(e -> e.get("kind")).containsExactly("job_started", "decision_requested",
                "decision_answered", "job_finished");
        Map<String, Object> answered = entries.get(2);
        assertThat(answered).containsEntry("actor", "apikey:responder");
        assertThat((Map<String, Object>) answered.get("refs")).containsEntry("choice", "monitor")
                .containsEntry("channel", "api");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aDecisionNobodyAnswersTimesOutOnTheTimelineWithThePathTaken() throws Exception {
        String investigation = investigation("wks-8");
        String job = takeAction(investigation, activeWorkflow(DecisionApiTest.triage("1s", "      default: monitor")));
        Map<String, Object> done = awaitEnd(job);
        assertThat(done).containsEntry("status", "completed");
        List<Map<String, Object>> entries = timelineOf(investigation, job, "job_finished");
        assertThat(entries).extracting(e -> e.get("kind")).containsExactly("job_started", "decision_requested",
                "decision_timed_out", "job_finished");
        assertThat((String) entries.get(2).get("text")).contains("default path 'monitor' taken");
        String trail = api.get("/api/workflows/executions/" + job + "/decisions/audit", ApiFixture.VIEWER).raw().body();
        assertThat(trail).contains("\"requested\"").contains("\"timed-out\"");

        String approval = takeAction(investigation, activeWorkflow("""
                name: approve-it
                triggers: [{type: manual}]
                steps:
                  - name: approve
                    type: waitForApproval
                    timeout: 1s
                    with: {message: "Block 203.0.113.9?"}
                """));
        assertThat(awaitEnd(approval)).containsEntry("status", "failed");
        assertThat(timelineOf(investigation, approval, "job_finished")).extracting(e -> e.get("kind"))
                .containsExactly("job_started", "decision_requested", "decision_timed_out", "job_finished");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aJobCancelledWhileItWaitsEndsOnTheTimelineAndLeavesTheInbox() throws Exception {
        String investigation = investigation("wks-9");
        String job = takeAction(investigation, activeWorkflow(DecisionApiTest.triage("1h", "")));
        awaitStatus(job, List.of("waiting_for_input"));
        timelineOf(investigation, job, "decision_requested");
        assertThat(api.post("/api/workflows/executions/" + job + "/cancel", ApiFixture.RESPONDER, null).map())
                .containsEntry("cancelled", true);

        List<Map<String, Object>> entries = timelineOf(investigation, job, "job_finished");
        assertThat(entries).extracting(e -> e.get("kind")).containsExactly("job_started", "decision_requested",
                "job_finished");
        assertThat((Map<String, Object>) entries.get(2).get("refs")).containsEntry("status", "cancelled");
        assertThat(api.get("/api/decisions/count", ApiFixture.RESPONDER).map()).containsEntry("pending", 0L);
        String trail = api.get("/api/workflows/executions/" + job + "/decisions/audit", ApiFixture.VIEWER).raw().body();
        assertThat(trail).contains("\"cancelled\"").contains("apikey:responder");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theInboxPagesThroughMoreWaitingJobsThanOnePageOfTheStore() throws Exception {
        String workflow = activeWorkflow(DecisionApiTest.triage("1h", ""));
        int waiting = 130;   // more than the store's largest page (100): the inbox must walk past it
        List<String> jobs = new ArrayList<>();
        for (int i = 0; i < waiting; i++) {
            jobs.add((String) api.post("/api/workflows/workflow/" + workflow + "/run", ApiFixture.RESPONDER, "{}")
                    .map().get("workflowExecutionId"));
        }
        for (String job : jobs) {
            awaitStatus(job, List.of("waiting_for_input"));
        }
        assertThat(api.get("/api/decisions/count", ApiFixture.RESPONDER).map()).containsEntry("pending",
                (long) waiting);
        Set<Object> listed = new HashSet<>();
        List<Object> order = new ArrayList<>();
        for (int page = 1; page <= 3; page++) {
            Map<String, Object> answer = api.get("/api/decisions/inbox?size=50&page=" + page, ApiFixture.RESPONDER)
                    .map();
            assertThat(answer).containsEntry("total", (long) waiting).containsEntry("size", 50L);
            for (Map<String, Object> item : (List<Map<String, Object>>) answer.get("results")) {
                assertThat(listed.add(item.get("executionId"))).as("listed once").isTrue();
                order.add(item.get("executionId"));
            }
        }
        assertThat(listed).containsExactlyInAnyOrderElementsOf(jobs);
        assertThat(order).as("oldest first").containsExactlyElementsOf(jobs);
        assertThat(api.get("/api/decisions/inbox?size=500", ApiFixture.RESPONDER).status()).isEqualTo(400);
    }
}
